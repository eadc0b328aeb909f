package io.rackdesk.viewmodels.ceph;

import io.rackdesk.app.ceph.CephClusterState;
import io.rackdesk.app.ceph.CephRates;
import io.rackdesk.app.ceph.CephStatus;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.settings.CephClusterSettings;
import io.rackdesk.app.task.BackgroundTask;
import io.rackdesk.app.task.Cancellable;
import io.rackdesk.app.task.TaskExecutor;
import io.rackdesk.viewmodels.DialogService;
import io.rackdesk.viewmodels.connections.ConnectionState;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One saved Ceph cluster as the UI sees it: its connection state (shown in the tree and the status
 * bar like a libvirt host), the last {@link CephStatus} and the history of live rates. The cluster's
 * worker publishes immutable {@link CephClusterState}s; they are copied into properties on the UI
 * thread. The page's sections ({@link #health()}, {@link #pgs()}, {@link #osds()}, {@link #pools()}, {@link #rbd()})
 * follow it.
 */
public final class CephClusterViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(CephClusterViewModel.class);
    /** Samples kept for the charts: ten minutes at the default 5 s interval. */
    public static final int HISTORY = 120;
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    /** The rates at one poll, for the charts. */
    public record RatePoint(Instant at, CephRates rates) {
    }

    private final CephClusterSettings settings;
    private final CephClusterAccess access;
    private final TaskExecutor tasks;
    private final Localization l10n;
    private final DialogService dialogs;

    private final ReadOnlyObjectWrapper<ConnectionState> state = new ReadOnlyObjectWrapper<>(ConnectionState.DISCONNECTED);
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper treeText = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper health = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyIntegerWrapper retryIn = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<CephStatus> status = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<CephRates> rates = new ReadOnlyObjectWrapper<>(CephRates.UNKNOWN);
    private final ReadOnlyIntegerWrapper polls = new ReadOnlyIntegerWrapper();
    private final ObservableList<RatePoint> history = FXCollections.observableArrayList();
    private boolean watching;
    private Cancellable countdown;

    private final CephHealthViewModel healthSection;
    private final CephPgViewModel pgSection;
    private final CephOsdViewModel osdSection;
    private final CephPoolsViewModel poolSection;
    private final CephRbdViewModel rbdSection;

    public CephClusterViewModel(CephClusterSettings settings, CephClusterAccess access, TaskExecutor tasks, Localization l10n,
                                DialogService dialogs) {
        this.settings = Objects.requireNonNull(settings);
        this.access = Objects.requireNonNull(access);
        this.tasks = Objects.requireNonNull(tasks);
        this.l10n = Objects.requireNonNull(l10n);
        this.dialogs = Objects.requireNonNull(dialogs);
        state.addListener(o -> updateStateText());
        retryIn.addListener(o -> updateStateText());
        health.addListener(o -> updateStateText());
        updateStateText();
        this.healthSection = new CephHealthViewModel(this);
        this.pgSection = new CephPgViewModel(this);
        this.osdSection = new CephOsdViewModel(this);
        this.poolSection = new CephPoolsViewModel(this);
        this.rbdSection = new CephRbdViewModel(this);
    }

    public String id() {
        return settings.id();
    }

    public String name() {
        return settings.name();
    }

    public CephClusterSettings settings() {
        return settings;
    }

    public CephHealthViewModel health() {
        return healthSection;
    }

    public CephPgViewModel pgs() {
        return pgSection;
    }

    public CephOsdViewModel osds() {
        return osdSection;
    }

    public CephPoolsViewModel pools() {
        return poolSection;
    }

    /** The RBD images section. */
    public CephRbdViewModel rbd() {
        return rbdSection;
    }

    public ReadOnlyObjectProperty<ConnectionState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ConnectionState getState() {
        return state.get();
    }

    /** "HEALTH_OK", "Connecting…", "Disconnected – retrying in 4 s (monitor unreachable …)". */
    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }

    /** "lab · HEALTH_WARN", "lab · retrying in 4 s": the navigation tree's line (the tooltip has the reason). */
    public ReadOnlyStringProperty treeTextProperty() {
        return treeText.getReadOnlyProperty();
    }

    /** HEALTH_OK / HEALTH_WARN / HEALTH_ERR of the last status, or empty before the first. */
    public ReadOnlyStringProperty healthProperty() {
        return health.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty retryInProperty() {
        return retryIn.getReadOnlyProperty();
    }

    /** The last status read (kept while disconnected), or null. */
    public ReadOnlyObjectProperty<CephStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CephRates> ratesProperty() {
        return rates.getReadOnlyProperty();
    }

    /** Counts successful polls; sections refresh their on-demand reads every few. */
    public ReadOnlyIntegerProperty pollsProperty() {
        return polls.getReadOnlyProperty();
    }

    /** Rates of the last {@link #HISTORY} polls, oldest first. */
    public ObservableList<RatePoint> history() {
        return history;
    }

    /** Starts watching the cluster (its worker connects, polls, reconnects). Does nothing while watching. */
    public void connect() {
        if (watching) {
            return;
        }
        watching = true;
        state.set(ConnectionState.CONNECTING);
        try {
            access.watch(id(), settings.target(), settings.pollInterval(), s -> tasks.runOnUiThread(() -> apply(s)));
            LOG.info("watching Ceph cluster {} ({})", name(), settings.where());
        } catch (IllegalArgumentException e) {
            watching = false;
            error.set(e.getMessage());
            state.set(ConnectionState.FAILED);
        }
    }

    /** Stops watching on the user's request; no reconnect follows. */
    public void disconnect() {
        cancelCountdown();
        if (watching) {
            watching = false;
            access.unwatch(id());
        }
        error.set(null);
        state.set(ConnectionState.DISCONNECTED);
    }

    /** Applies one state from the cluster's worker (called on the UI thread). */
    void apply(CephClusterState s) {
        if (!watching || s.phase() == CephClusterState.Phase.CLOSED) {
            return;
        }
        switch (s.phase()) {
            case CONNECTING -> {
                if (state.get() != ConnectionState.RETRYING) {
                    state.set(ConnectionState.CONNECTING);
                }
            }
            case CONNECTED -> {
                cancelCountdown();
                error.set(null);
                status.set(s.status());
                health.set(s.status() == null ? "" : s.status().health());
                rates.set(s.rates());
                history.add(new RatePoint(s.updated(), s.rates()));
                if (history.size() > HISTORY) {
                    history.remove(0, history.size() - HISTORY);
                }
                state.set(ConnectionState.CONNECTED);
                polls.set(polls.get() + 1);
            }
            case DISCONNECTED -> {
                error.set(s.error());
                retryIn.set(s.retryIn() == null ? 0 : (int) Math.max(1, s.retryIn().toSeconds()));
                history.clear();
                state.set(ConnectionState.RETRYING);
                cancelCountdown();
                countdown = tasks.schedule(ONE_SECOND, this::countDown);
            }
            default -> {
            }
        }
    }

    private void countDown() {
        countdown = null;
        if (state.get() == ConnectionState.RETRYING && retryIn.get() > 1) {
            retryIn.set(retryIn.get() - 1);
            countdown = tasks.schedule(ONE_SECOND, this::countDown);
        }
    }

    private void cancelCountdown() {
        if (countdown != null) {
            countdown.cancel();
            countdown = null;
        }
    }

    private void updateStateText() {
        stateText.set(switch (state.get()) {
            case DISCONNECTED -> l10n.lang("connection.state.disconnected");
            case CONNECTING -> l10n.lang("connection.state.connecting");
            case CONNECTED -> health.get().isEmpty() ? l10n.lang("connection.state.connected") : health.get();
            case RETRYING -> l10n.lang("connection.state.retrying", retryIn.get(), error.get());
            case FAILED -> l10n.lang("connection.state.failed", error.get());
        });
        treeText.set(name() + " · " + switch (state.get()) {
            case DISCONNECTED -> l10n.lang("ceph.tree.off");
            case CONNECTING -> l10n.lang("ceph.tree.connecting");
            case CONNECTED -> health.get().isEmpty() ? l10n.lang("ceph.tree.connected") : health.get();
            case RETRYING -> l10n.lang("ceph.tree.retrying", retryIn.get());
            case FAILED -> l10n.lang("ceph.tree.failed");
        });
    }

    // ---------------------------------------------------------------- for the sections

    CephClusterAccess access() {
        return access;
    }

    Localization l10n() {
        return l10n;
    }

    DialogService dialogs() {
        return dialogs;
    }

    TaskExecutor tasks() {
        return tasks;
    }

    /**
     * Runs a call on the cluster's worker through the executor; {@code ok} runs on the UI thread, a
     * failure goes to {@code failed} as one line for a person.
     */
    <T> void call(String title, Supplier<CompletableFuture<T>> start, Consumer<T> ok, Consumer<String> failed) {
        tasks.execute(BackgroundTask.async(title, start::get).onSuccess(ok).onFailure(e -> failed.accept(describe(e))));
    }

    /** The message of the cause, without the CompletionException wrappers. */
    static String describe(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
