package io.rackdesk.viewmodels.main;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.inventory.Inventory;
import io.rackdesk.app.inventory.InventoryFormat;
import io.rackdesk.app.libvirt.VmInspector;
import io.rackdesk.app.libvirt.LibvirtErrors;
import io.rackdesk.app.files.AtomicFiles;
import java.util.concurrent.CompletableFuture;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import io.rackdesk.app.ceph.CephClusterService;
import io.rackdesk.app.settings.CephClusterSettings;
import io.rackdesk.app.settings.ConnectionSettings;
import io.rackdesk.viewmodels.ceph.CephClusterAccess;
import io.rackdesk.viewmodels.ceph.CephClusterDialogViewModel;
import io.rackdesk.viewmodels.ceph.CephClusterViewModel;
import io.rackdesk.viewmodels.ceph.RbdVmUsage;
import io.rackdesk.viewmodels.ceph.ServiceCephClusterAccess;
import io.rackdesk.app.settings.Settings;
import io.rackdesk.app.settings.SettingsLoad;
import io.rackdesk.app.settings.SettingsStore;
import io.rackdesk.app.settings.Theme;
import io.rackdesk.app.task.BackgroundTask;
import io.rackdesk.app.task.TaskExecutor;
import io.rackdesk.app.task.TaskListener;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.app.task.Worker;
import io.rackdesk.app.console.ConsoleLink;
import io.rackdesk.app.console.VncConsoleConnection;
import io.rackdesk.viewmodels.console.ConsoleViewModel;
import io.rackdesk.viewmodels.console.ConsolesViewModel;
import io.rackdesk.viewmodels.console.LibvirtConsoleSource;
import io.rackdesk.viewmodels.DialogService;
import io.rackdesk.viewmodels.connections.ConnectionState;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.viewmodels.vmdetails.LibvirtDomainXmlAccess;
import io.rackdesk.viewmodels.vmdetails.VmDetailsViewModel;
import io.rackdesk.viewmodels.vmdetails.XmlEditorViewModel;
import io.rackdesk.viewmodels.vms.VmTableViewModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window: the saved connections, the navigation selection, the theme, and the status bar's
 * summary of connections and background work.
 */
public final class MainViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(MainViewModel.class);
    private static final Duration SAVE_TIMEOUT = Duration.ofSeconds(10);

    private final SettingsStore store;
    private final Worker io;
    private final LibvirtHostFactory hosts;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final Localization l10n;
    private final SettingsLoad startup;

    private Settings settings;
    private final ObservableList<ConnectionViewModel> connections =
            FXCollections.observableArrayList(c -> new Observable[] {c.stateProperty()});
    private final ReadOnlyObjectWrapper<Theme> theme = new ReadOnlyObjectWrapper<>();
    /** Which running VM uses an RBD image: asked by the RBD page before a rollback. */
    private final RbdVmUsage rbdUsage;
    private final ObjectProperty<NavigationTarget> selection = new SimpleObjectProperty<>(new NavigationTarget.AllVms());
    private final ReadOnlyStringWrapper connectionSummary = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper activity = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper runningTasks = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper lastExport = new ReadOnlyStringWrapper("");
    private final VmTableViewModel vmTable;
    private final VmDetailsViewModel vmDetails;
    private final XmlEditorViewModel xmlEditor;
    private final ConsoleViewModel console;
    private final ConsolesViewModel consoleTabs;
    private final SerialWorker consoleIo = new SerialWorker("console-io");
    private final java.util.Set<String> temporary = new java.util.HashSet<>();
    private final CephClusterAccess ceph;
    private final io.rackdesk.viewmodels.ceph.RbdAttachAccess rbdAttach;
    private final ObservableList<CephClusterViewModel> cephClusters =
            FXCollections.observableArrayList(c -> new Observable[] {c.stateProperty(), c.healthProperty()});

    /** Consoles that reach direct addresses only (no SSH tunnels) and the real Ceph clusters: tests, the bench. */
    public MainViewModel(SettingsLoad startup, SettingsStore store, Worker io, LibvirtHostFactory hosts,
                         TaskExecutor tasks, DialogService dialogs, Localization l10n) {
        this(startup, store, io, hosts, tasks, dialogs, l10n, VncConsoleConnection.connector(), realCephClusters());
    }

    /**
     * {@code consoles} opens the Console tab's connections (the app's: through its one
     * {@code SshTunnels}, see {@code AppContext}); the real Ceph clusters.
     */
    public MainViewModel(SettingsLoad startup, SettingsStore store, Worker io, LibvirtHostFactory hosts,
                         TaskExecutor tasks, DialogService dialogs, Localization l10n, ConsoleLink.Connector consoles) {
        this(startup, store, io, hosts, tasks, dialogs, l10n, consoles, realCephClusters());
    }

    /** Direct-only consoles and {@code ceph} for the Ceph clusters (tests give a fake). */
    public MainViewModel(SettingsLoad startup, SettingsStore store, Worker io, LibvirtHostFactory hosts,
                         TaskExecutor tasks, DialogService dialogs, Localization l10n, CephClusterAccess ceph) {
        this(startup, store, io, hosts, tasks, dialogs, l10n, VncConsoleConnection.connector(), ceph);
    }

    public MainViewModel(SettingsLoad startup, SettingsStore store, Worker io, LibvirtHostFactory hosts,
                         TaskExecutor tasks, DialogService dialogs, Localization l10n, ConsoleLink.Connector consoles,
                         CephClusterAccess ceph) {
        this.ceph = Objects.requireNonNull(ceph);
        this.rbdAttach = new io.rackdesk.viewmodels.ceph.ServiceRbdAttachAccess(ceph, vm -> vm.connection().openHost().orElse(null));
        this.startup = Objects.requireNonNull(startup);
        this.store = Objects.requireNonNull(store);
        this.io = Objects.requireNonNull(io);
        this.hosts = Objects.requireNonNull(hosts);
        this.tasks = Objects.requireNonNull(tasks);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.l10n = Objects.requireNonNull(l10n);
        this.rbdUsage = new RunningVmRbdUsage(connections, l10n);
        this.settings = startup.settings();
        this.theme.set(settings.theme());
        for (ConnectionSettings c : settings.connections()) {
            connections.add(newConnection(c));
        }
        this.vmTable = new VmTableViewModel(connections, l10n, dialogs);
        this.vmDetails = new VmDetailsViewModel(l10n, tasks, dialogs);
        vmDetails.vmProperty().bind(vmTable.singleSelectionProperty());
        this.xmlEditor = new XmlEditorViewModel(
                new LibvirtDomainXmlAccess(vm -> vm.connection().openHost().orElse(null), l10n), tasks, dialogs, l10n);
        for (CephClusterSettings c : settings.cephClusters()) {
            cephClusters.add(newCephCluster(c));
        }
        LibvirtConsoleSource consoleSource = new LibvirtConsoleSource(vm -> vm.connection().openHost().orElse(null), l10n);
        this.console = new ConsoleViewModel(l10n, tasks, consoleIo, Objects.requireNonNull(consoles), consoleSource, dialogs);
        this.consoleTabs = new ConsolesViewModel(() -> new ConsoleViewModel(l10n, tasks, consoleIo, consoles, consoleSource, dialogs), l10n);
        connections.addListener((javafx.collections.ListChangeListener<ConnectionViewModel>) c -> updateConnectionSummary());
        cephClusters.addListener((javafx.collections.ListChangeListener<CephClusterViewModel>) c -> updateConnectionSummary());
        selection.addListener((obs, old, now) -> onNavigate(now));
        tasks.addListener(new TaskListener() {
            @Override
            public void started(String title) {
                runningTasks.set(runningTasks.get() + 1);
                activity.set(title);
            }

            @Override
            public void finished(String title, Throwable error) {
                runningTasks.set(Math.max(0, runningTasks.get() - 1));
                if (runningTasks.get() == 0) {
                    activity.set("");
                }
            }
        });
        updateConnectionSummary();
    }

    /** Reports a settings problem from start-up, then opens every autoconnect connection. */
    public void start() {
        startup.problem().ifPresent(p -> dialogs.showWarning(l10n.lang("settings.problem.title"), p));
        for (ConnectionViewModel c : connections) {
            if (c.settings().autoconnect()) {
                c.connect();
            }
        }
        for (CephClusterViewModel c : cephClusters) {
            if (c.settings().autoconnect()) {
                c.connect();
            }
        }
    }

    /** The saved Ceph clusters, in the tree after the libvirt hosts. */
    public ObservableList<CephClusterViewModel> cephClusters() {
        return cephClusters;
    }

    /** A fresh "Add Ceph cluster" dialog model. */
    public CephClusterDialogViewModel newCephClusterDialog() {
        java.util.Set<String> names = new java.util.HashSet<>();
        cephClusters.forEach(c -> names.add(c.name()));
        return new CephClusterDialogViewModel(ceph, tasks, l10n, names);
    }

    /** Saves a Ceph cluster and starts watching it when it autoconnects. */
    public CephClusterViewModel addCephCluster(CephClusterSettings c) {
        CephClusterViewModel vm = newCephCluster(c);
        cephClusters.add(vm);
        settings = settings.withCephCluster(c);
        save();
        if (c.autoconnect()) {
            vm.connect();
        }
        return vm;
    }

    /** Asks, then stops watching and forgets a Ceph cluster (the cluster itself is not touched). */
    public void removeCephCluster(CephClusterViewModel c) {
        if (!dialogs.confirm(l10n.lang("ceph.remove.title", c.name()), l10n.lang("ceph.remove.confirm", c.name()),
                List.of(c.settings().where()), l10n.lang("ceph.remove.action"))) {
            return;
        }
        c.disconnect();
        cephClusters.remove(c);
        settings = settings.withoutCephCluster(c.id());
        save();
        if (selection.get() instanceof NavigationTarget.CephCluster t && t.cluster() == c) {
            selection.set(new NavigationTarget.AllVms());
        }
    }

    /**
     * A fresh "Attach RBD image to VM" dialog model over the connected clusters and hosts;
     * {@code cluster}, {@code image} and {@code vm} preselect what is known (each may be null).
     */
    public io.rackdesk.viewmodels.ceph.RbdAttachViewModel newRbdAttach(CephClusterViewModel cluster,
            io.rackdesk.app.ceph.rbd.RbdImageRef image, io.rackdesk.viewmodels.vms.VmItem vm) {
        return new io.rackdesk.viewmodels.ceph.RbdAttachViewModel(cephClusters, connections, rbdAttach, tasks, l10n, cluster,
                image, vm);
    }

    /** The Ceph cluster shown in the window, else the first connected one, else null. */
    public CephClusterViewModel currentCephCluster() {
        if (selection.get() instanceof NavigationTarget.CephCluster t) {
            return t.cluster();
        }
        return cephClusters.stream().filter(c -> c.getState() == ConnectionState.CONNECTED).findFirst().orElse(null);
    }

    private CephClusterViewModel newCephCluster(CephClusterSettings c) {
        CephClusterViewModel vm = new CephClusterViewModel(c, ceph, tasks, l10n, dialogs);
        vm.rbd().setVmUsage(rbdUsage);
        return vm;
    }

    public ObservableList<ConnectionViewModel> connections() {
        return connections;
    }

    public VmTableViewModel vmTable() {
        return vmTable;
    }

    /** The XML editor of the details page. */
    public XmlEditorViewModel xmlEditor() {
        return xmlEditor;
    }

    /** Details of the one selected VM. */
    /** The console shown in the VM details' Console tab. */
    public ConsoleViewModel console() {
        return console;
    }

    /** The consoles window: one tab per VM ("Open console" in the VM table). */
    public ConsolesViewModel consoles() {
        return consoleTabs;
    }

    public VmDetailsViewModel vmDetails() {
        return vmDetails;
    }

    public ObjectProperty<NavigationTarget> selectionProperty() {
        return selection;
    }

    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme.getReadOnlyProperty();
    }

    /** "2 connected, 1 failed" for the status bar. */
    public ReadOnlyStringProperty connectionSummaryProperty() {
        return connectionSummary.getReadOnlyProperty();
    }

    /** Title of the newest running background task, or empty. */
    public ReadOnlyStringProperty activityProperty() {
        return activity.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty runningTasksProperty() {
        return runningTasks.getReadOnlyProperty();
    }

    private ConnectionViewModel newConnection(ConnectionSettings c) {
        return new ConnectionViewModel(c, hosts, tasks, l10n, Duration.ofSeconds(settings.statsIntervalSeconds()));
    }

    /** Opens a connection for this run only (from --connect); {@link #keepConnection} saves it. */
    public ConnectionViewModel addTemporaryConnection(ConnectionSettings c) {
        ConnectionViewModel vm = newConnection(c);
        temporary.add(c.id());
        connections.add(vm);
        vm.connect();
        return vm;
    }

    /** True for a connection opened from the command line and not saved. */
    public boolean isTemporary(ConnectionViewModel c) {
        return temporary.contains(c.id());
    }

    /** Saves a temporary connection so that it is there next time. */
    public void keepConnection(ConnectionViewModel c) {
        if (temporary.remove(c.id())) {
            settings = settings.withConnection(c.settings());
            save();
        }
    }

    /** Adds a saved connection (and opens it when it autoconnects). */
    public ConnectionViewModel addConnection(ConnectionSettings c) {
        ConnectionViewModel vm = newConnection(c);
        connections.add(vm);
        settings = settings.withConnection(c);
        save();
        if (c.autoconnect()) {
            vm.connect();
        }
        return vm;
    }

    /** Replaces the connection with the same id by {@code c}: the old one is closed, the new one opened if it autoconnects. */
    public ConnectionViewModel replaceConnection(ConnectionSettings c) {
        for (int i = 0; i < connections.size(); i++) {
            ConnectionViewModel old = connections.get(i);
            if (old.id().equals(c.id())) {
                boolean wasOpen = old.getState() != ConnectionState.DISCONNECTED;
                old.disconnect();
                ConnectionViewModel vm = newConnection(c);
                connections.set(i, vm);
                settings = settings.withConnection(c);
                save();
                if (c.autoconnect() || wasOpen) {
                    vm.connect();
                }
                return vm;
            }
        }
        return addConnection(c);
    }

    /** Closes and forgets a saved connection. */
    public void removeConnection(ConnectionViewModel c) {
        c.disconnect();
        connections.remove(c);
        temporary.remove(c.id());
        List<ConnectionSettings> rest = new ArrayList<>(settings.connections());
        rest.removeIf(x -> x.id().equals(c.id()));
        settings = settings.withConnections(rest);
        save();
    }

    /** Seconds between stats ticks, as saved. */
    public int getStatsIntervalSeconds() {
        return settings.statsIntervalSeconds();
    }

    /** Changes how often every host's statistics are read, and remembers it. */
    public void setStatsIntervalSeconds(int seconds) {
        settings = settings.withStatsInterval(seconds);
        Duration d = Duration.ofSeconds(settings.statsIntervalSeconds());
        connections.forEach(c -> c.setStatsInterval(d));
        save();
    }

    /**
     * Writes every VM of every connection (definition, disks, snapshots, tags) to {@code file} in the
     * same shape as {@code rackdesk inventory}; hosts that are not connected are listed with the reason.
     */
    public void exportInventory(java.nio.file.Path file, InventoryFormat format) {
        List<CompletableFuture<Inventory.Host>> hosts = new ArrayList<>();
        for (ConnectionViewModel c : connections) {
            var host = c.openHost();
            var summary = c.hostProperty().get();
            if (host.isPresent() && summary != null) {
                hosts.add(new VmInspector(host.get()).inspectAll()
                        .thenApply(vms -> Inventory.Host.of(summary, vms))
                        .exceptionally(e -> Inventory.Host.failed(c.uri(), LibvirtErrors.describe(e))));
            } else {
                hosts.add(CompletableFuture.completedFuture(Inventory.Host.failed(c.uri(), c.stateTextProperty().get())));
            }
        }
        CompletableFuture<Inventory> all = CompletableFuture.allOf(hosts.toArray(CompletableFuture[]::new))
                .thenApply(v -> new Inventory(hosts.stream().map(CompletableFuture::join).toList()));
        tasks.execute(BackgroundTask.async(l10n.lang("task.export", file.getFileName()), () -> all.thenCompose(inv ->
                        io.submit("write " + file, () -> {
                            java.io.StringWriter text = new java.io.StringWriter();
                            format.write(inv, text);
                            AtomicFiles.write(file, text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                            return inv;
                        }, SAVE_TIMEOUT)))
                .onSuccess(inv -> {
                    int vms = inv.hosts().stream().mapToInt(h -> h.vms().size()).sum();
                    long failed = inv.hosts().stream().filter(Inventory.Host::failed).count();
                    lastExport.set(l10n.lang("export.done", vms, inv.hosts().size(), file)
                            + (failed > 0 ? " " + l10n.lang("export.someFailed", failed) : ""));
                })
                .onFailure(e -> dialogs.showError(l10n.lang("export.failed.title"), l10n.lang("export.failed", file, String.valueOf(e.getMessage())))));
    }

    /** What the last export wrote ("Exported 14 VMs of 1 host to …"), for the status bar. */
    public ReadOnlyStringProperty lastExportProperty() {
        return lastExport.getReadOnlyProperty();
    }

    /** Switches light/dark and remembers the choice. */
    public void toggleTheme() {
        theme.set(theme.get().toggled());
        settings = settings.withTheme(theme.get());
        save();
    }

    /** Closes every connection (on their workers) and the console. */
    public void shutdown() {
        console.close();
        consoleTabs.closeAll();
        for (ConnectionViewModel c : connections) {
            c.disconnect();
        }
        for (CephClusterViewModel c : cephClusters) {
            c.disconnect();
        }
        ceph.close();
        io.close();
        consoleIo.close();
    }

    private void onNavigate(NavigationTarget target) {
        if (target instanceof NavigationTarget.HostVms h) {
            vmTable.hostProperty().set(h.connection());
        } else if (target instanceof NavigationTarget.Host h) {
            vmTable.hostProperty().set(h.connection());
        } else if (target instanceof NavigationTarget.AllVms) {
            vmTable.hostProperty().set(null);
        } else if (target instanceof NavigationTarget.HostStorage s) {
            s.connection().refreshStorage();
        } else if (target instanceof NavigationTarget.HostNetworks n) {
            n.connection().refreshNetworks();
        }
    }

    private void save() {
        Settings snapshot = settings;
        tasks.execute(BackgroundTask.on(io, l10n.lang("task.saveSettings"), SAVE_TIMEOUT, () -> {
            store.save(snapshot);
            return null;
        }).onFailure(e -> {
            LOG.warn("saving settings failed: {}", e.toString());
            dialogs.showError(l10n.lang("settings.saveFailed.title"),
                    l10n.lang("settings.saveFailed.message", store.file(), String.valueOf(e.getMessage())));
        }));
    }

    private void updateConnectionSummary() {
        int connected = 0;
        int failed = 0;
        int connecting = 0;
        for (ConnectionViewModel c : connections) {
            ConnectionState s = c.getState();
            if (s == ConnectionState.CONNECTED) {
                connected++;
            } else if (s == ConnectionState.FAILED) {
                failed++;
            } else if (s == ConnectionState.CONNECTING) {
                connecting++;
            }
        }
        int retrying = (int) connections.stream().filter(c -> c.getState() == ConnectionState.RETRYING).count();
        List<String> parts = new ArrayList<>();
        parts.add(l10n.lang("status.connected", connected, connections.size()));
        if (retrying > 0) {
            parts.add(l10n.lang("status.retrying", retrying));
        }
        if (connecting > 0) {
            parts.add(l10n.lang("status.connecting", connecting));
        }
        if (failed > 0) {
            parts.add(l10n.lang("status.failed", failed));
        }
        if (!cephClusters.isEmpty()) {
            int up = 0;
            int unhealthy = 0;
            for (CephClusterViewModel c : cephClusters) {
                if (c.getState() == ConnectionState.CONNECTED) {
                    up++;
                    if (!"HEALTH_OK".equals(c.healthProperty().get())) {
                        unhealthy++;
                    }
                }
            }
            parts.add(unhealthy == 0 ? l10n.lang("status.ceph", up, cephClusters.size())
                    : l10n.lang("status.cephUnhealthy", up, cephClusters.size(), unhealthy));
        }
        connectionSummary.set(String.join(" · ", parts));
    }

    /** The real Ceph clusters (librados is loaded only when one connects). */
    private static CephClusterAccess realCephClusters() {
        return new ServiceCephClusterAccess(new CephClusterService(), new io.rackdesk.app.task.SerialWorker("ceph-checks"));
    }
}
