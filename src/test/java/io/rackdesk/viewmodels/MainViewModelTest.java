package io.rackdesk.viewmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import io.rackdesk.app.settings.AppDirs;
import io.rackdesk.app.settings.ConnectionSettings;
import io.rackdesk.app.settings.Settings;
import io.rackdesk.app.settings.SettingsLoad;
import io.rackdesk.app.settings.SettingsStore;
import io.rackdesk.app.settings.StartupSettings;
import io.rackdesk.app.settings.Theme;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.testsupport.DemoHost;
import io.rackdesk.testsupport.RecordingDialogs;
import io.rackdesk.testsupport.UiQueue;
import io.rackdesk.viewmodels.connections.ConnectionState;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.viewmodels.main.MainViewModel;
import io.rackdesk.viewmodels.main.NavigationTarget;
import io.rackdesk.viewmodels.vms.VmItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main window's ViewModel with no UI toolkit: real libvirt test driver, a queue as the UI thread. */
class MainViewModelTest {
    @TempDir
    Path root;
    private final UiQueue ui = new UiQueue();
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private final Localization l10n = new Localization(Locale.ENGLISH);
    private MainViewModel vm;
    private SettingsStore store;

    private MainViewModel create(SettingsLoad load) {
        LibvirtHostFactory hosts = new LibvirtHostFactory(LibvirtEventLoop.start(), Duration.ofSeconds(10));
        vm = new MainViewModel(load, store, new SerialWorker("io-test"), hosts, new DefaultTaskExecutor(ui), dialogs, l10n);
        return vm;
    }

    private MainViewModel firstRun() {
        AppDirs dirs = AppDirs.under(root);
        store = new SettingsStore(dirs.settingsFile());
        return create(StartupSettings.prepare(store, dirs));
    }

    @AfterEach
    void shutdown() {
        if (vm != null) {
            vm.shutdown();
        }
    }

    @Test
    void firstRunShowsTheDemoVmsOnceConnected() {
        MainViewModel main = firstRun();
        ConnectionViewModel demo = main.connections().get(0);
        assertEquals(ConnectionState.DISCONNECTED, demo.getState());
        assertEquals("0 of 1 connections open", main.connectionSummaryProperty().get());

        main.start();
        assertEquals(ConnectionState.CONNECTING, demo.getState());
        assertEquals("Connecting…", demo.stateTextProperty().get());
        assertEquals(1, main.runningTasksProperty().get());
        ui.pumpUntil(() -> main.vmTable().rows().size() == DemoHost.VM_COUNT, "demo VMs listed");

        assertEquals(ConnectionState.CONNECTED, demo.getState());
        assertEquals("1 of 1 connections open", main.connectionSummaryProperty().get());
        assertEquals("14 VMs, 5 running", main.vmTable().summaryProperty().get());
        VmItem db = main.vmTable().rows().stream().filter(r -> r.name().equals("db-01")).findFirst().orElseThrow();
        assertEquals("Demo host (libvirt test driver)", db.hostName());
        assertEquals(32768, db.memoryMiB());
        ui.pumpUntil(() -> main.runningTasksProperty().get() == 0, "no task left running");
        assertEquals("", main.activityProperty().get());
        assertEquals(List.of(), dialogs.shown);
    }

    @Test
    void filterNarrowsByNameHostAndLocalizedState() {
        MainViewModel main = firstRun();
        main.start();
        ui.pumpUntil(() -> main.vmTable().rows().size() == DemoHost.VM_COUNT, "demo VMs listed");

        main.vmTable().filterTextProperty().set("Paused");
        assertEquals(List.of("ci-runner-01"), names(main));
        main.vmTable().filterTextProperty().set("zürich");
        assertEquals(List.of("kiosk-zürich"), names(main));
        main.vmTable().filterTextProperty().set("nothing-like-this");
        assertEquals(List.of(), names(main));
        assertEquals("No VMs, 0 running", main.vmTable().summaryProperty().get());
        main.vmTable().filterTextProperty().set("");
        assertEquals(DemoHost.VM_COUNT, main.vmTable().rows().size());
    }

    @Test
    void navigatingNarrowsTheTableAndReadsStorageAndNetworks() {
        MainViewModel main = firstRun();
        main.start();
        ui.pumpUntil(() -> main.vmTable().rows().size() == DemoHost.VM_COUNT, "demo VMs listed");
        ConnectionViewModel demo = main.connections().get(0);

        main.selectionProperty().set(new NavigationTarget.HostVms(demo));
        assertEquals(demo, main.vmTable().hostProperty().get());
        main.selectionProperty().set(new NavigationTarget.HostStorage(demo));
        ui.pumpUntil(() -> demo.storagePools().size() == 2, "pools read");
        main.selectionProperty().set(new NavigationTarget.HostNetworks(demo));
        ui.pumpUntil(() -> demo.networks().size() == 2, "networks read");
        main.selectionProperty().set(new NavigationTarget.AllVms());
        assertEquals(null, main.vmTable().hostProperty().get());
    }

    @Test
    void themeToggleIsRememberedInTheSettingsFile() throws Exception {
        MainViewModel main = firstRun();
        assertEquals(Theme.LIGHT, main.themeProperty().get());
        main.toggleTheme();
        assertEquals(Theme.DARK, main.themeProperty().get());
        ui.pumpUntil(() -> main.runningTasksProperty().get() == 0, "settings saved");
        assertEquals(Theme.DARK, store.load().settings().theme());
        assertTrue(Files.readString(store.file()).contains("\"DARK\""));
    }

    @Test
    void aFailingHostShowsWhyAndTheOthersAreUnaffected() {
        AppDirs dirs = AppDirs.under(root);
        store = new SettingsStore(dirs.settingsFile());
        Settings s = Settings.defaults().withConnections(List.of(
                new ConnectionSettings("bad", "gone-host", "test:///no/such/host.xml", true, false),
                new ConnectionSettings("good", "demo", DemoHost.uri(root), true, false)));
        MainViewModel main = create(new SettingsLoad(s, false, Optional.empty(), Optional.empty()));
        main.start();
        ConnectionViewModel bad = main.connections().get(0);
        ui.pumpUntil(() -> bad.getState() == ConnectionState.FAILED && main.vmTable().rows().size() == DemoHost.VM_COUNT,
                "one failed, one listed");
        assertTrue(bad.stateTextProperty().get().startsWith("Failed: "), bad.stateTextProperty().get());
        assertTrue(bad.errorProperty().get().contains("/no/such/host.xml"), bad.errorProperty().get());
        assertEquals("1 of 2 connections open · 1 failed", main.connectionSummaryProperty().get());
    }

    @Test
    void aSettingsProblemFromStartUpIsShownOnce() {
        AppDirs dirs = AppDirs.under(root);
        store = new SettingsStore(dirs.settingsFile());
        MainViewModel main = create(new SettingsLoad(Settings.defaults(), false,
                Optional.of("Settings file x is damaged"), Optional.empty()));
        main.start();
        assertEquals(List.of("warning: Settings could not be read: Settings file x is damaged"), dialogs.shown);
    }

    @Test
    void disconnectClearsTheHostsRows() {
        MainViewModel main = firstRun();
        main.start();
        ui.pumpUntil(() -> main.vmTable().rows().size() == DemoHost.VM_COUNT, "demo VMs listed");
        main.connections().get(0).disconnect();
        assertEquals(0, main.vmTable().rows().size());
        assertEquals(ConnectionState.DISCONNECTED, main.connections().get(0).getState());
        main.connections().get(0).connect();
        ui.pumpUntil(() -> main.vmTable().rows().size() == DemoHost.VM_COUNT, "listed again after reconnect");
    }

    @Test
    void addReplaceAndRemoveConnectionsAreSaved() {
        MainViewModel main = firstRun();
        ConnectionViewModel added = main.addConnection(
                new ConnectionSettings("lab", "lab host", "test:///no/such/lab.xml", false, false));
        assertEquals(2, main.connections().size());
        assertEquals(ConnectionState.DISCONNECTED, added.getState(), "not autoconnect: stays closed");
        main.replaceConnection(new ConnectionSettings("lab", "lab host (renamed)", DemoHost.uri(root.resolve("x")), true, false));
        ConnectionViewModel replaced = main.connections().get(1);
        assertEquals("lab host (renamed)", replaced.name());
        ui.pumpUntil(() -> replaced.getState() == ConnectionState.CONNECTED, "the replacement autoconnects");
        ui.pumpUntil(() -> main.runningTasksProperty().get() == 0, "saved");
        assertEquals(List.of("Demo host (libvirt test driver)", "lab host (renamed)"),
                store.load().settings().connections().stream().map(ConnectionSettings::name).toList(), "order kept");

        main.removeConnection(replaced);
        ui.pumpUntil(() -> main.runningTasksProperty().get() == 0, "saved");
        assertEquals(1, main.connections().size());
        assertEquals(1, store.load().settings().connections().size());
    }

    @Test
    void aTemporaryConnectionIsNotSavedUntilKept() {
        MainViewModel main = firstRun();
        ConnectionViewModel temp = main.addTemporaryConnection(
                new ConnectionSettings(null, "cli host", DemoHost.uri(root.resolve("cli")), true, false));
        ui.pumpUntil(() -> temp.getState() == ConnectionState.CONNECTED, "opened at once");
        assertTrue(main.isTemporary(temp));
        main.toggleTheme(); // any save
        ui.pumpUntil(() -> main.runningTasksProperty().get() == 0, "saved");
        assertEquals(1, store.load().settings().connections().size(), "the --connect host is not saved");
        main.keepConnection(temp);
        ui.pumpUntil(() -> main.runningTasksProperty().get() == 0, "saved");
        assertEquals(List.of("Demo host (libvirt test driver)", "cli host"),
                store.load().settings().connections().stream().map(ConnectionSettings::name).toList());
    }

    @Test
    void hostPageShowsWhatTheHostIsAndVmsByState() {
        MainViewModel main = firstRun();
        main.start();
        ui.pumpUntil(() -> main.vmTable().rows().size() == DemoHost.VM_COUNT, "demo VMs listed");
        io.rackdesk.viewmodels.hosts.HostOverviewViewModel host = new io.rackdesk.viewmodels.hosts.HostOverviewViewModel(l10n);
        host.setConnection(main.connections().get(0));
        ui.pumpUntil(() -> main.runningTasksProperty().get() == 0, "host details read");
        java.util.Map<String, String> facts = new java.util.LinkedHashMap<>();
        host.facts().forEach(f -> facts.put(f.label(), f.value()));
        assertEquals("TEST", facts.get("Hypervisor").split(" ")[0]);
        assertTrue(facts.get("CPU").contains("32 CPUs (2 sockets × 8 cores × 2 threads, 2900 MHz)"), facts.get("CPU"));
        assertTrue(facts.get("Memory").startsWith("128.0 GiB"), facts.get("Memory"));
        java.util.Map<String, String> counts = new java.util.LinkedHashMap<>();
        host.vmCounts().forEach(f -> counts.put(f.label(), f.value()));
        assertEquals("14", counts.get("Total"));
        assertEquals("5", counts.get("Running"));
        assertEquals("4", counts.get("Shut off"));
        assertEquals("1", counts.get("Crashed"));
    }

    @Test
    void exportWritesEveryHostInTheCliShapeWithFailedHostsListed() throws Exception {
        MainViewModel main = firstRun();
        main.start();
        main.addConnection(new ConnectionSettings("gone", "gone", "test:///no/such/host.xml", true, false));
        ui.pumpUntil(() -> main.vmTable().rows().size() == DemoHost.VM_COUNT
                && main.connections().get(1).getState() == ConnectionState.FAILED, "one listed, one failed");
        Path json = root.resolve("out/inventory.json");
        main.exportInventory(json, io.rackdesk.app.inventory.InventoryFormat.JSON);
        ui.pumpUntil(() -> !main.lastExportProperty().get().isEmpty(), "exported");
        assertTrue(main.lastExportProperty().get().startsWith("Exported 14 VMs of 2 hosts to "), main.lastExportProperty().get());
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertEquals(14, tree.get("hosts").get(0).get("vms").size());
        var sandbox = java.util.stream.StreamSupport.stream(tree.get("hosts").get(0).get("vms").spliterator(), false)
                .filter(v -> v.get("name").asText().equals("dev-sandbox")).findFirst().orElseThrow();
        assertEquals(7, sandbox.get("snapshots").size());
        assertTrue(tree.get("hosts").get(1).get("error").asText().startsWith("Failed: "), tree.toString());

        Path csv = root.resolve("out/inventory.csv");
        main.exportInventory(csv, io.rackdesk.app.inventory.InventoryFormat.CSV);
        ui.pumpUntil(() -> Files.exists(csv), "csv written");
        List<String> lines = Files.readAllLines(csv);
        assertEquals("host,name,uuid,state,vcpus,memoryKiB,tags,disks,snapshots", lines.get(0));
        assertEquals(15, lines.size());
    }

    private static List<String> names(MainViewModel main) {
        return main.vmTable().rows().stream().map(VmItem::name).sorted().toList();
    }
}
