package io.rackdesk.viewmodels.ceph;

import io.rackdesk.app.ceph.CephStatus;
import io.rackdesk.app.ceph.CephTarget;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.secrets.SecretVault;
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
 * The "Add Ceph cluster" / "Edit Ceph cluster" dialog: a ceph.conf (+ keyring) or monitors + client
 * with either a key FILE (private to its owner) or the key itself, which goes to the OS keyring (or,
 * without one, memory for this session: the dialog says so before saving). Saving runs the core's own
 * checks first (files readable, key well-formed, monitors resolve) off the UI thread and shows their
 * message; "Test connection" connects once. The key itself never enters the settings. Editing keeps
 * the cluster's id; a stored key is kept unless the user replaces it.
 */
public final class CephClusterDialogViewModel {
    private final CephClusterAccess access;
    private final TaskExecutor tasks;
    private final Localization l10n;
    private final Set<String> takenNames;
    private final CephClusterSettings editing;

    private final StringProperty name = new SimpleStringProperty("");
    private final BooleanProperty useConf = new SimpleBooleanProperty(true);
    private final StringProperty conf = new SimpleStringProperty("");
    private final StringProperty keyring = new SimpleStringProperty("");
    private final StringProperty monitors = new SimpleStringProperty("");
    private final StringProperty clientId = new SimpleStringProperty("admin");
    private final StringProperty keyFile = new SimpleStringProperty("");
    private final BooleanProperty keyInKeyring = new SimpleBooleanProperty(false);
    private final StringProperty key = new SimpleStringProperty("");
    private final BooleanProperty replaceKey = new SimpleBooleanProperty(true);
    private final ReadOnlyStringWrapper keyPlacement = new ReadOnlyStringWrapper("");
    private boolean placementAsked;
    private final IntegerProperty pollSeconds = new SimpleIntegerProperty(CephClusterSettings.DEFAULT_POLL_S);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

    public CephClusterDialogViewModel(CephClusterAccess access, TaskExecutor tasks, Localization l10n, Set<String> takenNames) {
        this(access, tasks, l10n, takenNames, null);
    }

    private CephClusterDialogViewModel(CephClusterAccess access, TaskExecutor tasks, Localization l10n, Set<String> takenNames,
                                       CephClusterSettings editing) {
        this.access = Objects.requireNonNull(access);
        this.tasks = Objects.requireNonNull(tasks);
        this.l10n = Objects.requireNonNull(l10n);
        this.takenNames = Set.copyOf(takenNames);
        this.editing = editing;
        keyInKeyring.addListener((o, was, now) -> {
            if (now) {
                checkKeyPlacement();
            }
        });
    }

    /** The dialog for changing {@code c}, prefilled; {@code takenNames} are the other clusters' names. */
    public static CephClusterDialogViewModel forEdit(CephClusterSettings c, CephClusterAccess access, TaskExecutor tasks,
                                                     Localization l10n, Set<String> takenNames) {
        java.util.Set<String> others = new java.util.HashSet<>(takenNames);
        others.remove(c.name());
        CephClusterDialogViewModel vm = new CephClusterDialogViewModel(access, tasks, l10n, others, c);
        vm.name.set(c.name());
        vm.useConf.set(c.conf() != null);
        vm.conf.set(c.conf() == null ? "" : c.conf());
        vm.keyring.set(c.keyring() == null ? "" : c.keyring());
        vm.monitors.set(String.join(", ", c.monitors()));
        vm.clientId.set(c.clientId());
        vm.keyFile.set(c.keyFile() == null ? "" : c.keyFile());
        vm.pollSeconds.set(c.pollSeconds());
        vm.replaceKey.set(!c.keyStored());
        vm.keyInKeyring.set(c.keyStored());
        return vm;
    }

    /** True when this dialog changes a saved cluster. */
    public boolean isEdit() {
        return editing != null;
    }

    /** True: the key itself, kept in the OS keyring; false: a key file. Only with monitors. */
    public BooleanProperty keyInKeyringProperty() {
        return keyInKeyring;
    }

    /** The key as typed (never saved in settings, nor shown back). */
    public StringProperty keyProperty() {
        return key;
    }

    /** Editing a cluster whose key is stored: false keeps that key, true takes the typed one. */
    public BooleanProperty replaceKeyProperty() {
        return replaceKey;
    }

    /** True when the cluster already has a stored key that this dialog would keep. */
    public boolean hasStoredKey() {
        return editing != null && editing.keyStored();
    }

    /** Where a typed key will be kept: "Kept in the OS keyring (Secret Service)" or why only for this session. */
    public ReadOnlyStringProperty keyPlacementProperty() {
        return keyPlacement.getReadOnlyProperty();
    }

    /** Asks (once, off the UI thread) whether an OS keyring is there, for {@link #keyPlacementProperty()}. */
    public void checkKeyPlacement() {
        if (placementAsked) {
            return;
        }
        placementAsked = true;
        tasks.execute(BackgroundTask.async(l10n.lang("ceph.task.keyring"), access::keyPlacement)
                .onSuccess(this::showPlacement)
                .onFailure(e -> keyPlacement.set(l10n.lang("ceph.dialog.keySession", CephClusterViewModel.describe(e)))));
    }

    private void showPlacement(SecretVault.Placement p) {
        keyPlacement.set(p.inKeyring() ? l10n.lang("ceph.dialog.keyInKeyring", p.store())
                : l10n.lang("ceph.dialog.keySession", p.whyNotKeyring()));
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
            if (keyInKeyring.get()) {
                if (typedKey().isEmpty() && !keepsStoredKey()) {
                    return error(l10n.lang("ceph.dialog.error.key"));
                }
                s = new CephClusterSettings(null, n, null, null, mons, clientId.get().strip(), null, pollSeconds.get(), true, true);
            } else {
                if (keyFile.get().isBlank()) {
                    return error(l10n.lang("ceph.dialog.error.keyFile"));
                }
                s = new CephClusterSettings(null, n, null, null, mons, clientId.get().strip(), keyFile.get().strip(), pollSeconds.get(), true);
            }
        }
        if (editing != null) {
            s = s.withId(editing.id());
        }
        try {
            target(s);
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        }
        return Optional.of(s);
    }

    private Optional<String> typedKey() {
        String k = key.get() == null ? "" : key.get().strip();
        return k.isEmpty() ? Optional.empty() : Optional.of(k);
    }

    private boolean keepsStoredKey() {
        return hasStoredKey() && !replaceKey.get();
    }

    /** The target to check: the typed key in memory, or the key already stored for the cluster being edited. */
    private CephTarget target(CephClusterSettings s) {
        if (!s.keyStored()) {
            return s.target();
        }
        return s.target(keepsStoredKey() ? access.storedKey(s.keyAccount()) : CephTarget.StoredKey.of(typedKey().orElse("")));
    }

    /** Checks the form, then the files and monitors (off the UI thread); {@code saved} gets the settings when all is well. */
    public void save(Consumer<CephClusterSettings> saved) {
        Optional<CephClusterSettings> s = form();
        if (s.isEmpty() || busy.get()) {
            return;
        }
        busy.set(true);
        info(l10n.lang("ceph.dialog.checking"));
        CephClusterSettings settings = s.get();
        CephTarget target = target(settings);
        Optional<String> newKey = settings.keyStored() && !keepsStoredKey() ? typedKey() : Optional.empty();
        tasks.execute(BackgroundTask.async(l10n.lang("ceph.task.check", settings.name()), () -> access.precheck(target)
                        .thenCompose(v -> newKey.isPresent() ? access.storeKey(settings.keyAccount(), newKey.get())
                                : java.util.concurrent.CompletableFuture.completedFuture((SecretVault.Placement) null)))
                .onSuccess(placed -> {
                    info("");
                    key.set(""); // the key lives in the store now, not in the form
                    saved.accept(settings);
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
        CephTarget target = target(s.get());
        tasks.execute(BackgroundTask.async(l10n.lang("ceph.task.test", s.get().name()), () -> access.probe(target))
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
