package io.rackdesk.viewmodels.connections;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtErrors;
import io.rackdesk.app.libvirt.LibvirtHost;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import io.rackdesk.app.model.HostSummary;
import io.rackdesk.app.model.NetworkSummary;
import io.rackdesk.app.model.StoragePoolSummary;
import io.rackdesk.app.model.VmAction;
import io.rackdesk.app.model.VmLiveStats;
import io.rackdesk.app.stats.StatsHistory;
import io.rackdesk.app.model.VmSummary;
import io.rackdesk.app.settings.ConnectionSettings;
import io.rackdesk.app.task.BackgroundTask;
import io.rackdesk.app.task.Cancellable;
import io.rackdesk.app.task.TaskExecutor;
import io.rackdesk.viewmodels.vms.VmItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
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
 * One saved connection (a libvirt host) as the UI sees it: its state, and the VMs, storage pools and
 * networks last read from it. Lists are re-read on libvirt events, stats come from one bulk call per
 * tick, and a lost connection is reopened with backoff. All libvirt work runs on the host's worker.
 */
public final class ConnectionViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionViewModel.class);
    /** Seconds between reconnect attempts: doubling, capped at a minute. */
    private static final int[] BACKOFF_S = {1, 2, 4, 8, 15, 30, 60};
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    private final ConnectionSettings settings;
    private final LibvirtHostFactory hosts;
    private final TaskExecutor tasks;
    private final Localization l10n;
    private Duration statsInterval;

    private final ReadOnlyObjectWrapper<ConnectionState> state = new ReadOnlyObjectWrapper<>(ConnectionState.DISCONNECTED);
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper listError = new ReadOnlyStringWrapper();
    private final ReadOnlyIntegerWrapper retryIn = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<HostSummary> host = new ReadOnlyObjectWrapper<>();
    /** Fires update changes when a VM's state changes, so per-state counts can follow. */
    private final ObservableList<VmItem> vms = FXCollections.observableArrayList(vm -> new javafx.beans.Observable[] {vm.stateProperty()});
    private final Map<String, VmItem> vmsByUuid = new HashMap<>();
    private final ObservableList<StoragePoolSummary> pools = FXCollections.observableArrayList();
    private final ObservableList<NetworkSummary> networks = FXCollections.observableArrayList();

    private LibvirtHost connection;
    private boolean everConnected;
    private int attempt;
    private Cancellable retryTimer;
    private Cancellable statsTimer;
    private boolean statsRunning;
    private boolean vmRefreshRunning;
    private boolean vmRefreshAgain;

    public ConnectionViewModel(ConnectionSettings settings, LibvirtHostFactory hosts, TaskExecutor tasks,
                               Localization l10n, Duration statsInterval) {
        this.settings = Objects.requireNonNull(settings);
        this.hosts = Objects.requireNonNull(hosts);
        this.tasks = Objects.requireNonNull(tasks);
        this.l10n = Objects.requireNonNull(l10n);
        this.statsInterval = Objects.requireNonNull(statsInterval);
        state.addListener((obs, old, now) -> updateStateText());
        error.addListener((obs, old, now) -> updateStateText());
        retryIn.addListener((obs, old, now) -> updateStateText());
        updateStateText();
    }

    public String id() {
        return settings.id();
    }

    public String name() {
        return settings.name();
    }

    public String uri() {
        return settings.uri();
    }

    public ConnectionSettings settings() {
        return settings;
    }

    public ReadOnlyObjectProperty<ConnectionState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ConnectionState getState() {
        return state.get();
    }

    /** "Connected", "Connecting…", "Disconnected – retrying in 4 s", "Failed: reason", in the user's language. */
    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }

    /** Why the connection failed or was lost, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Seconds until the next reconnect attempt while RETRYING. */
    public ReadOnlyIntegerProperty retryInProperty() {
        return retryIn.getReadOnlyProperty();
    }

    /** Why the last storage or network listing failed (the connection itself stays up), or null. */
    public ReadOnlyStringProperty listErrorProperty() {
        return listError.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<HostSummary> hostProperty() {
        return host.getReadOnlyProperty();
    }

    /** The open libvirt connection, for features that run their own calls on its worker; empty unless connected. */
    public java.util.Optional<LibvirtHost> openHost() {
        return state.get() == ConnectionState.CONNECTED ? java.util.Optional.ofNullable(connection) : java.util.Optional.empty();
    }

    /** The host's VMs; items keep their identity across refreshes. */
    public ObservableList<VmItem> vms() {
        return vms;
    }

    public ObservableList<StoragePoolSummary> storagePools() {
        return pools;
    }

    public ObservableList<NetworkSummary> networks() {
        return networks;
    }

    /** How often the stats tick runs; takes effect from the next tick. */
    public void setStatsInterval(Duration interval) {
        this.statsInterval = Objects.requireNonNull(interval);
        for (VmItem item : vms) {
            item.resizeHistory(historyLength());
        }
    }

    /** Samples of history per VM: the sparklines' two minutes at this connection's tick. */
    public int historyLength() {
        return StatsHistory.capacityFor(statsInterval);
    }

    /** Opens the connection, then lists its VMs. Does nothing while connecting or connected. */
    public void connect() {
        if (state.get() == ConnectionState.CONNECTING || state.get() == ConnectionState.CONNECTED) {
            return;
        }
        cancelTimers();
        everConnected = false;
        attempt = 0;
        open();
    }

    /** Closes the connection on the user's request; no reconnect follows. */
    public void disconnect() {
        cancelTimers();
        dropConnection();
        clearLists();
        host.set(null);
        error.set(null);
        state.set(ConnectionState.DISCONNECTED);
        LOG.info("disconnected {}", uri());
    }

    /** Re-reads the VM list; a request that arrives while one runs is folded into one more read. */
    public void refreshVms() {
        LibvirtHost h = connection;
        if (h == null || state.get() != ConnectionState.CONNECTED) {
            return;
        }
        if (vmRefreshRunning) {
            vmRefreshAgain = true;
            return;
        }
        vmRefreshRunning = true;
        tasks.execute(BackgroundTask.async(l10n.lang("task.listVms", name()), h::listVms)
                .onSuccess(list -> {
                    if (connection == h) {
                        boolean first = vms.isEmpty();
                        merge(list);
                        if (first) {
                            LOG.info("connected {}: {} VMs", uri(), list.size());
                        }
                    }
                })
                .onFailure(e -> callFailed(h, e))
                .onFinished(() -> {
                    vmRefreshRunning = false;
                    if (vmRefreshAgain) {
                        vmRefreshAgain = false;
                        refreshVms();
                    }
                }));
    }

    /** Re-reads the host's own figures (free memory changes). */
    public void refreshHost() {
        LibvirtHost h = connection;
        if (h == null || state.get() != ConnectionState.CONNECTED) {
            return;
        }
        tasks.execute(BackgroundTask.async(l10n.lang("task.hostDetails", name()), h::hostSummary)
                .onSuccess(summary -> {
                    if (connection == h) {
                        host.set(summary);
                    }
                })
                .onFailure(e -> listFailed(h, e)));
    }

    public void refreshStorage() {
        refreshList(l10n.lang("task.listStorage", name()), LibvirtHost::listStoragePools, pools);
    }

    public void refreshNetworks() {
        refreshList(l10n.lang("task.listNetworks", name()), LibvirtHost::listNetworks, networks);
    }

    /** Reads one of the host's lists into {@code target}; a failure is shown on the page, the connection stays. */
    private <T> void refreshList(String title, Function<LibvirtHost, CompletableFuture<List<T>>> read, ObservableList<T> target) {
        LibvirtHost h = connection;
        if (h == null || state.get() != ConnectionState.CONNECTED) {
            return;
        }
        tasks.execute(BackgroundTask.async(title, () -> read.apply(h))
                .onSuccess(list -> replaceIfCurrent(h, target, list))
                .onFailure(e -> listFailed(h, e)));
    }

    /**
     * Runs {@code action} on {@code vm}; {@code done} gets null on success or the reason of the
     * failure (on the FX thread). The list is re-read afterwards (events do it too; reads are folded).
     */
    public void perform(VmItem vm, VmAction action, Consumer<String> done) {
        LibvirtHost h = connection;
        if (h == null || state.get() != ConnectionState.CONNECTED) {
            done.accept(stateText.get());
            return;
        }
        tasks.execute(BackgroundTask.async(l10n.lang("task.vmAction", vm.name()), () -> h.perform(vm.uuid(), vm.name(), action))
                .onSuccess(v -> done.accept(null))
                .onFailure(e -> {
                    done.accept(LibvirtErrors.describe(e));
                    callFailed(h, e);
                })
                .onFinished(this::refreshVms));
    }

    /** Replaces {@code vm}'s tags; {@code done} gets null or the reason it failed. */
    public void setTags(VmItem vm, List<String> tags, Consumer<String> done) {
        LibvirtHost h = connection;
        if (h == null || state.get() != ConnectionState.CONNECTED) {
            done.accept(stateText.get());
            return;
        }
        tasks.execute(BackgroundTask.async(l10n.lang("task.setTags", vm.name()), () -> {
            try {
                return h.setTags(vm.uuid(), vm.name(), tags);
            } catch (IllegalArgumentException invalid) {
                return CompletableFuture.failedFuture(invalid);
            }
        }).onSuccess(v -> done.accept(null))
                .onFailure(e -> done.accept(LibvirtErrors.describe(e)))
                .onFinished(this::refreshVms));
    }

    // ---------------------------------------------------------------- connection life cycle

    private void open() {
        LibvirtHost h = hosts.create(name(), uri());
        connection = h;
        h.onDomainsChanged(() -> tasks.runOnUiThread(() -> {
            if (connection == h) {
                refreshVms();
            }
        }));
        h.onClosed(reason -> tasks.runOnUiThread(() -> {
            if (connection == h) {
                lost(reason);
            }
        }));
        state.set(ConnectionState.CONNECTING);
        LOG.info("connecting {}", uri());
        tasks.execute(BackgroundTask.async(l10n.lang("task.connect", name()), h::open)
                .onSuccess(summary -> {
                    if (connection != h) {
                        return;
                    }
                    host.set(summary);
                    error.set(null);
                    everConnected = true;
                    attempt = 0;
                    state.set(ConnectionState.CONNECTED);
                    LOG.info("connected {} ({}, libvirt {})", uri(), summary.hostname(), summary.libvirtVersion());
                    refreshVms();
                    scheduleStats();
                })
                .onFailure(e -> {
                    if (connection != h) {
                        return;
                    }
                    String reason = hosts.describe(uri(), e);
                    if (everConnected && LibvirtErrors.isConnectionLost(e)) {
                        lost(reason);
                    } else {
                        failed(reason);
                    }
                }));
    }

    /** The connection broke after it had worked: reopen it with backoff. */
    private void lost(String reason) {
        LOG.warn("connection {} lost: {}", uri(), reason);
        cancelTimers();
        dropConnection();
        clearLists();
        error.set(reason);
        int delay = BACKOFF_S[Math.min(attempt, BACKOFF_S.length - 1)];
        attempt++;
        retryIn.set(delay);
        state.set(ConnectionState.RETRYING);
        LOG.info("disconnected {}: retrying in {} s", uri(), delay);
        retryTimer = tasks.schedule(ONE_SECOND, this::countDown);
    }

    private void countDown() {
        if (state.get() != ConnectionState.RETRYING) {
            return;
        }
        if (retryIn.get() <= 1) {
            retryTimer = null;
            open();
        } else {
            retryIn.set(retryIn.get() - 1);
            retryTimer = tasks.schedule(ONE_SECOND, this::countDown);
        }
    }

    private void failed(String reason) {
        LOG.warn("connection {} failed: {}", uri(), reason);
        cancelTimers();
        dropConnection();
        clearLists();
        error.set(reason);
        state.set(ConnectionState.FAILED);
    }

    /** A call failed: a lost connection is reopened, anything else leaves the connection as it is. */
    private void callFailed(LibvirtHost h, Throwable e) {
        if (connection == h && LibvirtErrors.isConnectionLost(e)) {
            lost(LibvirtErrors.describe(e));
        }
    }

    private void dropConnection() {
        LibvirtHost h = connection;
        connection = null;
        statsRunning = false;
        vmRefreshRunning = false;
        vmRefreshAgain = false;
        if (h != null) {
            h.disconnect();
        }
    }

    private void cancelTimers() {
        if (retryTimer != null) {
            retryTimer.cancel();
            retryTimer = null;
        }
        if (statsTimer != null) {
            statsTimer.cancel();
            statsTimer = null;
        }
    }

    // ---------------------------------------------------------------- stats

    private void scheduleStats() {
        statsTimer = tasks.schedule(statsInterval, this::statsTick);
    }

    /** One bulk stats call; the next tick is scheduled when this one is done, so ticks never pile up. */
    private void statsTick() {
        LibvirtHost h = connection;
        statsTimer = null;
        if (h == null || state.get() != ConnectionState.CONNECTED || statsRunning) {
            return;
        }
        statsRunning = true;
        tasks.execute(BackgroundTask.async(l10n.lang("task.stats", name()), h::sampleStats).quiet()
                .onSuccess(stats -> {
                    if (connection == h) {
                        applyStats(stats);
                    }
                })
                .onFailure(e -> callFailed(h, e))
                .onFinished(() -> {
                    statsRunning = false;
                    if (connection == h && state.get() == ConnectionState.CONNECTED) {
                        scheduleStats();
                    }
                }));
    }

    private void applyStats(Map<String, VmLiveStats> stats) {
        boolean unknownVm = false;
        for (Map.Entry<String, VmLiveStats> e : stats.entrySet()) {
            VmItem item = vmsByUuid.get(e.getKey());
            if (item != null) {
                item.update(e.getValue());
            } else {
                unknownVm = true;
            }
        }
        if (unknownVm || stats.size() != vmsByUuid.size()) {
            refreshVms(); // a VM came or went without an event reaching us
        }
    }

    // ---------------------------------------------------------------- lists

    /** Updates items in place, adds new VMs and removes vanished ones, keeping the host's order. */
    private void merge(List<VmSummary> list) {
        Set<String> present = new HashSet<>();
        List<VmItem> ordered = new ArrayList<>(list.size());
        boolean sameMembers = list.size() == vms.size();
        for (VmSummary s : list) {
            present.add(s.uuid());
            VmItem item = vmsByUuid.get(s.uuid());
            if (item == null) {
                item = new VmItem(this, s, historyLength());
                vmsByUuid.put(s.uuid(), item);
                sameMembers = false;
            } else {
                item.update(s);
            }
            ordered.add(item);
        }
        vmsByUuid.keySet().retainAll(present);
        if (!sameMembers || !ordered.equals(vms)) {
            vms.setAll(ordered);
        }
    }

    private void clearLists() {
        vms.clear();
        vmsByUuid.clear();
        pools.clear();
        networks.clear();
    }

    private <T> void replaceIfCurrent(LibvirtHost h, ObservableList<T> target, List<T> list) {
        if (connection == h) {
            listError.set(null);
            target.setAll(list);
        }
    }

    private void listFailed(LibvirtHost h, Throwable e) {
        if (connection == h) {
            listError.set(LibvirtErrors.describe(e));
            callFailed(h, e);
        }
    }

    private void updateStateText() {
        stateText.set(switch (state.get()) {
            case DISCONNECTED -> l10n.lang("connection.state.disconnected");
            case CONNECTING -> l10n.lang("connection.state.connecting");
            case CONNECTED -> l10n.lang("connection.state.connected");
            case RETRYING -> l10n.lang("connection.state.retrying", retryIn.get(), error.get());
            case FAILED -> l10n.lang("connection.state.failed", error.get());
        });
    }
}
