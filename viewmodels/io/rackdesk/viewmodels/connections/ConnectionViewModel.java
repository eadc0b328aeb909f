package io.rackdesk.viewmodels.connections;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtErrors;
import io.rackdesk.app.libvirt.LibvirtHost;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import io.rackdesk.app.model.HostSummary;
import io.rackdesk.app.model.NetworkSummary;
import io.rackdesk.app.model.StoragePoolSummary;
import io.rackdesk.app.model.VmSummary;
import io.rackdesk.app.settings.ConnectionSettings;
import io.rackdesk.app.task.BackgroundTask;
import io.rackdesk.app.task.TaskExecutor;
import java.util.List;
import java.util.Objects;
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
 * networks last read from it. All libvirt work goes through the host's worker via the executor.
 */
public final class ConnectionViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionViewModel.class);

    private final ConnectionSettings settings;
    private final LibvirtHostFactory hosts;
    private final TaskExecutor tasks;
    private final Localization l10n;

    private final ReadOnlyObjectWrapper<ConnectionState> state = new ReadOnlyObjectWrapper<>(ConnectionState.DISCONNECTED);
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper listError = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<HostSummary> host = new ReadOnlyObjectWrapper<>();
    private final ObservableList<VmSummary> vms = FXCollections.observableArrayList();
    private final ObservableList<StoragePoolSummary> pools = FXCollections.observableArrayList();
    private final ObservableList<NetworkSummary> networks = FXCollections.observableArrayList();

    private LibvirtHost connection;
    private boolean vmRefreshRunning;
    private boolean vmRefreshAgain;

    public ConnectionViewModel(ConnectionSettings settings, LibvirtHostFactory hosts, TaskExecutor tasks, Localization l10n) {
        this.settings = Objects.requireNonNull(settings);
        this.hosts = Objects.requireNonNull(hosts);
        this.tasks = Objects.requireNonNull(tasks);
        this.l10n = Objects.requireNonNull(l10n);
        state.addListener((obs, old, now) -> updateStateText());
        error.addListener((obs, old, now) -> updateStateText());
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

    /** "Connected", "Connecting…", "Failed: reason" in the user's language. */
    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }

    /** The reason of the last failure, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Why the last storage or network listing failed (the connection itself stays up), or null. */
    public ReadOnlyStringProperty listErrorProperty() {
        return listError.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<HostSummary> hostProperty() {
        return host.getReadOnlyProperty();
    }

    public ObservableList<VmSummary> vms() {
        return vms;
    }

    public ObservableList<StoragePoolSummary> storagePools() {
        return pools;
    }

    public ObservableList<NetworkSummary> networks() {
        return networks;
    }

    /** Opens the connection, then lists its VMs. Does nothing while connecting or connected. */
    public void connect() {
        if (state.get() == ConnectionState.CONNECTING || state.get() == ConnectionState.CONNECTED) {
            return;
        }
        LibvirtHost h = hosts.create(name(), uri());
        connection = h;
        h.onDomainsChanged(() -> tasks.runOnUiThread(() -> {
            if (connection == h) {
                refreshVms();
            }
        }));
        state.set(ConnectionState.CONNECTING);
        error.set(null);
        LOG.info("connecting {}", uri());
        tasks.execute(BackgroundTask.async(l10n.lang("task.connect", name()), h::open)
                .onSuccess(summary -> {
                    if (connection != h) {
                        return;
                    }
                    host.set(summary);
                    state.set(ConnectionState.CONNECTED);
                    LOG.info("connected {}", uri());
                    refreshVms();
                })
                .onFailure(e -> {
                    if (connection == h) {
                        fail(e);
                    }
                }));
    }

    public void disconnect() {
        LibvirtHost h = connection;
        connection = null;
        if (h != null) {
            h.disconnect();
        }
        vms.clear();
        pools.clear();
        networks.clear();
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
                        vms.setAll(list);
                        if (first) {
                            LOG.info("connected {}: {} VMs", uri(), list.size());
                        }
                    }
                })
                .onFailure(e -> {
                    if (connection == h) {
                        fail(e);
                    }
                })
                .onFinished(() -> {
                    vmRefreshRunning = false;
                    if (vmRefreshAgain) {
                        vmRefreshAgain = false;
                        refreshVms();
                    }
                }));
    }

    public void refreshStorage() {
        LibvirtHost h = connection;
        if (h == null || state.get() != ConnectionState.CONNECTED) {
            return;
        }
        tasks.execute(BackgroundTask.async(l10n.lang("task.listStorage", name()), h::listStoragePools)
                .onSuccess(list -> replaceIfCurrent(h, pools, list))
                .onFailure(e -> listFailed(h, e)));
    }

    public void refreshNetworks() {
        LibvirtHost h = connection;
        if (h == null || state.get() != ConnectionState.CONNECTED) {
            return;
        }
        tasks.execute(BackgroundTask.async(l10n.lang("task.listNetworks", name()), h::listNetworks)
                .onSuccess(list -> replaceIfCurrent(h, networks, list))
                .onFailure(e -> listFailed(h, e)));
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
        }
    }

    private void fail(Throwable e) {
        String reason = LibvirtErrors.describe(e);
        LOG.warn("connection {} failed: {}", uri(), reason);
        LibvirtHost h = connection;
        connection = null;
        if (h != null) {
            h.disconnect();
        }
        error.set(reason);
        state.set(ConnectionState.FAILED);
    }

    private void updateStateText() {
        stateText.set(switch (state.get()) {
            case DISCONNECTED -> l10n.lang("connection.state.disconnected");
            case CONNECTING -> l10n.lang("connection.state.connecting");
            case CONNECTED -> l10n.lang("connection.state.connected");
            case FAILED -> l10n.lang("connection.state.failed", error.get());
        });
    }
}
