package io.rackdesk.viewmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import io.rackdesk.app.model.VmAction;
import io.rackdesk.app.model.VmState;
import io.rackdesk.app.settings.ConnectionSettings;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.testsupport.DemoHost;
import io.rackdesk.testsupport.RecordingDialogs;
import io.rackdesk.testsupport.UiQueue;
import io.rackdesk.viewmodels.connections.ConnectionState;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.viewmodels.vms.VmItem;
import io.rackdesk.viewmodels.vms.VmTableViewModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VM table over two real test-driver hosts: filters, bulk actions, tags. */
class VmTableViewModelTest {
    @TempDir
    Path root;
    private final UiQueue ui = new UiQueue();
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private final Localization l10n = new Localization(Locale.ENGLISH);
    private final ObservableList<ConnectionViewModel> connections = FXCollections.observableArrayList();
    private VmTableViewModel table;

    @BeforeEach
    void twoHosts() {
        LibvirtHostFactory hosts = new LibvirtHostFactory(LibvirtEventLoop.start(), Duration.ofSeconds(10));
        DefaultTaskExecutor tasks = new DefaultTaskExecutor(ui);
        for (String name : List.of("kvm-a", "kvm-b")) {
            connections.add(new ConnectionViewModel(new ConnectionSettings(null, name, DemoHost.uri(root.resolve(name)), true, false),
                    hosts, tasks, l10n, Duration.ofSeconds(1)));
        }
        table = new VmTableViewModel(connections, l10n, dialogs);
        connections.forEach(ConnectionViewModel::connect);
        ui.pumpUntil(() -> table.rows().size() == 2 * DemoHost.VM_COUNT, "both hosts listed");
    }

    @AfterEach
    void close() {
        connections.forEach(ConnectionViewModel::disconnect);
    }

    @Test
    void filterWordsAndFields() {
        table.filterTextProperty().set("tag:prod");
        assertEquals(Set.of("web-01", "db-01", "api-gateway-01", "legacy-erp-01"), names());
        assertEquals(8, table.rows().size(), "on both hosts");
        table.filterTextProperty().set("tag:prod host:kvm-b state:run");
        assertEquals(Set.of("web-01", "db-01"), names());
        assertTrue(table.rows().stream().allMatch(vm -> vm.hostName().equals("kvm-b")));
        table.filterTextProperty().set("state:shut");
        assertEquals(Set.of("k8s-worker-03", "ml-train-01", "sandbox-ubuntu", "kiosk-zürich", "mail-01"), names(),
                "shutoff and shutdown both start with 'shut'");
        table.filterTextProperty().set("Crashed");
        assertEquals(Set.of("legacy-erp-01"), names(), "the localized state name matches");
        table.hostProperty().set(connections.get(0));
        table.filterTextProperty().set("");
        assertEquals(DemoHost.VM_COUNT, table.rows().size());
    }

    @Test
    void bulkActionIsConfirmedWithTheListAndRunsOnEveryHost() {
        select("web-01", "monitoring-01");
        assertEquals(4, table.selection().size(), "two names on two hosts");
        assertTrue(table.availableActionsProperty().get().containsAll(Set.of(VmAction.PAUSE, VmAction.SHUTDOWN, VmAction.FORCE_OFF)));
        assertTrue(!table.availableActionsProperty().get().contains(VmAction.START), "all selected are running");

        dialogs.confirmAnswer = false;
        table.perform(VmAction.PAUSE);
        assertEquals(1, dialogs.shown.size());
        assertTrue(dialogs.shown.get(0).contains("Pause: these 4 VMs") && dialogs.shown.get(0).contains("web-01 (kvm-a)")
                && dialogs.shown.get(0).contains("monitoring-01 (kvm-b)"), dialogs.shown.get(0));
        ui.drain(Duration.ofMillis(200));
        assertTrue(table.selection().stream().allMatch(vm -> vm.getState() == VmState.RUNNING), "cancelled: nothing changed");

        dialogs.confirmAnswer = true;
        table.perform(VmAction.PAUSE);
        ui.pumpUntil(() -> table.selection().stream().allMatch(vm -> vm.getState() == VmState.PAUSED), "all four paused");
        assertEquals(Set.of(VmAction.RESUME, VmAction.FORCE_OFF, VmAction.SAVE, VmAction.AUTOSTART_ON, VmAction.AUTOSTART_OFF),
                table.availableActionsProperty().get());
    }

    @Test
    void perVmFailuresAreReportedAndTheOthersGoOn() {
        table.hostProperty().set(connections.get(0));
        select("k8s-worker-03", "legacy-erp-01"); // shut off, and crashed (still active in the test driver)
        table.perform(VmAction.START);
        ui.pumpUntil(() -> dialogs.shown.stream().anyMatch(d -> d.startsWith("error: Start failed")), "the failure report");
        String report = dialogs.shown.stream().filter(d -> d.startsWith("error: Start failed")).findFirst().orElseThrow();
        assertTrue(report.contains("1 of 2 VMs could not be handled") && report.contains("legacy-erp-01 (kvm-a): "), report);
        assertTrue(!report.contains("k8s-worker-03"), report);
        ui.pumpUntil(() -> table.rows().stream().anyMatch(vm -> vm.name().equals("k8s-worker-03") && vm.getState() == VmState.RUNNING),
                "the other VM started anyway");
        assertEquals(ConnectionState.CONNECTED, connections.get(0).getState(), "a VM error does not drop the host");
    }

    @Test
    void tagsAreSavedAndABadTagIsOfferedAgainWithWhatWasTyped() {
        table.hostProperty().set(connections.get(0));
        select("kiosk-zürich");
        VmItem kiosk = table.selection().get(0);
        dialogs.textAnswers.add(Optional.of("lobby; screen"));
        dialogs.textAnswers.add(Optional.of("lobby, screen"));
        table.editTags(kiosk);
        ui.pumpUntil(() -> kiosk.tags().equals(List.of("lobby", "screen")), "tags saved on the second try");
        assertTrue(dialogs.shown.get(1).startsWith("error: Tags of kiosk-zürich not saved: tag 'lobby; screen' contains a separator"),
                dialogs.shown.toString());
        assertEquals("ask: Tags of kiosk-zürich [lobby; screen]", dialogs.shown.get(2), "the typed text is offered again");
        table.filterTextProperty().set("tag:lobby");
        assertEquals(1, table.rows().size());
    }

    @Test
    void aHostThatGoesAndComesBackChangesOnlyItsOwnRowsAndSelection() {
        select("web-01");
        VmItem webOnB = table.selection().stream().filter(vm -> vm.hostName().equals("kvm-b")).findFirst().orElseThrow();
        connections.get(0).disconnect();
        ui.pumpUntil(() -> table.rows().size() == DemoHost.VM_COUNT, "kvm-a's VMs gone");
        assertTrue(table.rows().stream().allMatch(vm -> vm.hostName().equals("kvm-b")));
        assertEquals(List.of(webOnB), table.selection(), "the selection keeps kvm-b's VM and drops kvm-a's");
        assertTrue(table.summaryProperty().get().startsWith(DemoHost.VM_COUNT + " VMs, "), table.summaryProperty().get());

        connections.get(0).connect();
        ui.pumpUntil(() -> table.rows().size() == 2 * DemoHost.VM_COUNT, "kvm-a listed again");
        assertEquals(2 * DemoHost.VM_COUNT, table.rows().stream().distinct().count(), "each VM once");
        assertEquals(DemoHost.VM_COUNT, table.rows().stream().filter(vm -> vm.hostName().equals("kvm-a")).count());
        assertEquals("", table.connectionProblemsProperty().get(), "disconnecting on purpose is no problem");
        connections.get(1).disconnect();
        ui.pumpUntil(() -> table.rows().size() == DemoHost.VM_COUNT, "kvm-b's VMs gone");
        assertTrue(table.rows().stream().allMatch(vm -> vm.hostName().equals("kvm-a")), "the right run of rows was removed");
        assertTrue(table.selection().isEmpty());
    }

    @Test
    void aHostThatFailsIsNamedWithItsReasonForTheEmptyTable() {
        ConnectionViewModel broken = new ConnectionViewModel(new ConnectionSettings(null, "kvm-gone",
                "test:///" + root.resolve("missing.xml"), true, false),
                new LibvirtHostFactory(LibvirtEventLoop.start(), Duration.ofSeconds(10)), new DefaultTaskExecutor(ui), l10n,
                Duration.ofSeconds(1));
        connections.add(broken);
        broken.connect();
        ui.pumpUntil(() -> !table.connectionProblemsProperty().get().isEmpty(), "the failure named");
        assertTrue(table.connectionProblemsProperty().get().startsWith("kvm-gone: Failed: "), table.connectionProblemsProperty().get());
        assertEquals(1, table.connectionProblemsProperty().get().lines().count(), "only the failed host");
        connections.remove(broken);
        assertEquals("", table.connectionProblemsProperty().get());
    }

    private void select(String... names) {
        Set<String> wanted = Set.of(names);
        table.selection().setAll(table.rows().stream().filter(vm -> wanted.contains(vm.name())).toList());
    }

    private Set<String> names() {
        return table.rows().stream().map(VmItem::name).collect(java.util.stream.Collectors.toSet());
    }
}
