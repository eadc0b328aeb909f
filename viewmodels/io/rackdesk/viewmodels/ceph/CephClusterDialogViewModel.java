package io.rackdesk.viewmodels.ceph;

import io.rackdesk.app.ceph.CephStatus;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.settings.CephClusterSettings;
import io.rackdesk.app.task.BackgroundTask;
import io.rackdesk.app.task.TaskExecutor;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The "Add Ceph cluster" dialog: a ceph.conf (+ keyring) or monitors + client + key FILE. Saving runs
 * the core's own checks first (files readable, key well-formed, monitors resolve) off the UI thread and
 * shows their message; "Test connection" connects once. The key itself never enters the settings.
 */
public final class CephClusterDialogViewModel {
    private final CephClusterAccess access;
    private final TaskExecutor tasks;
    private final Localization l10n;
    private final Set<String> takenNames;

    private final StringProperty name = new SimpleStringProperty("");
    private final BooleanProperty useConf = new SimpleBooleanProperty(true);
    private final StringProperty conf = new SimpleStringProperty("");
    private final StringProperty keyring = new SimpleStringProperty("");
    private final StringProperty monitors = new SimpleStringProperty("");
    private final StringProperty clientId = new SimpleStringProperty("admin");
    private final StringProperty keyFile = new SimpleStringProperty("");
    private final IntegerProperty pollSeconds = new SimpleIntegerProperty(CephClusterSettings.DEFAULT_POLL_S);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

    public CephClusterDialogViewModel(CephClusterAccess access, TaskExecutor tasks, Localization l10n, Set<String> takenNames) {
        this.access = Objects.requireNonNull(access);
        this.tasks = Objects.requireNonNull(tasks);
        this.l10n = Objects.requireNonNull(l10n);
        this.takenNames = Set.copyOf(takenNames);
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** True: ceph.conf + keyring; false: monitors + client + key file. */
    public BooleanProperty useConfProperty() {
        return useConf;
    }

    public StringProperty confProperty() {
        return conf;
    }

    public StringProperty keyringProperty() {
        return keyring;
    }

    /** "10.0.0.1:6789, mon2:3300" or Ceph's "[v2:…,v1:…]" form. */
    public StringProperty monitorsProperty() {
        return monitors;
    }

    public StringProperty clientIdProperty() {
        return clientId;
    }

    public StringProperty keyFileProperty() {
        return keyFile;
    }

    public IntegerProperty pollSecondsProperty() {
        return pollSeconds;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return messageIsError.getReadOnlyProperty();
    }

    /** A check or test runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The settings as typed, or empty with the reason in {@link #messageProperty()}; no file is touched. */
    public Optional<CephClusterSettings> form() {
        String n = name.get().strip();
        if (n.isEmpty()) {
            return error(l10n.lang("ceph.dialog.error.name"));
        }
        if (takenNames.contains(n)) {
            return error(l10n.lang("ceph.dialog.error.nameTaken", n));
        }
        CephClusterSettings s;
        if (useConf.get()) {
            if (conf.get().isBlank()) {
                return error(l10n.lang("ceph.dialog.error.conf"));
            }
            s = new CephClusterSettings(null, n, conf.get().strip(), keyring.get().strip(), List.of(), clientId.get().strip(), null,
                    pollSeconds.get(), true);
        } else {
            List<String> mons = splitMonitors(monitors.get());
            if (mons.isEmpty()) {
                return error(l10n.lang("ceph.dialog.error.monitors"));
            }
            if (keyFile.get().isBlank()) {
                return error(l10n.lang("ceph.dialog.error.keyFile"));
            }
            s = new CephClusterSettings(null, n, null, null, mons, clientId.get().strip(), keyFile.get().strip(), pollSeconds.get(), true);
        }
        try {
            s.target();
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        }
        return Optional.of(s);
    }

    /** Checks the form, then the files and monitors (off the UI thread); {@code saved} gets the settings when all is well. */
    public void save(Consumer<CephClusterSettings> saved) {
        Optional<CephClusterSettings> s = form();
        if (s.isEmpty() || busy.get()) {
            return;
        }
        busy.set(true);
        info(l10n.lang("ceph.dialog.checking"));
        tasks.execute(BackgroundTask.async(l10n.lang("ceph.task.check", s.get().name()), () -> access.precheck(s.get().target()))
                .onSuccess(v -> {
                    info("");
                    saved.accept(s.get());
                })
                .onFailure(e -> error(CephClusterViewModel.describe(e)))
                .onFinished(() -> busy.set(false)));
    }

    /** Connects once and reports the cluster's health, or why it could not connect. */
    public void test() {
        Optional<CephClusterSettings> s = form();
        if (s.isEmpty() || busy.get()) {
            return;
        }
        busy.set(true);
        info(l10n.lang("ceph.dialog.testing"));
        tasks.execute(BackgroundTask.async(l10n.lang("ceph.task.test", s.get().name()), () -> access.probe(s.get().target()))
                .onSuccess((CephStatus st) -> info(l10n.lang("ceph.dialog.testOk", st.health(), st.osds().up(), st.osds().total(), st.fsid())))
                .onFailure(e -> error(CephClusterViewModel.describe(e)))
                .onFinished(() -> busy.set(false)));
    }

    /** Splits at commas and spaces, but not inside Ceph's bracketed "[v2:…,v1:…]" form. */
    static List<String> splitMonitors(String text) {
        return Arrays.stream(text.split(",(?![^\\[]*\\])|\\s+")).map(String::strip).filter(m -> !m.isEmpty()).toList();
    }

    private <T> Optional<T> error(String text) {
        message.set(text);
        messageIsError.set(true);
        return Optional.empty();
    }

    private void info(String text) {
        message.set(text);
        messageIsError.set(false);
    }
}
