package io.rackdesk.viewmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.connections.ssh.ChangedHostKeyException;
import io.rackdesk.app.connections.ssh.HostKey;
import io.rackdesk.app.connections.ssh.UnknownHostKeyException;
import io.rackdesk.app.console.ConsoleLink;
import io.rackdesk.app.console.ConsolePlan;
import io.rackdesk.app.console.ConsoleStatus;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtHost;
import io.rackdesk.app.ssh.SshTarget;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.app.vnc.VncTarget;
import io.rackdesk.testsupport.DemoVms;
import io.rackdesk.testsupport.RecordingDialogs;
import io.rackdesk.testsupport.UiQueue;
import io.rackdesk.viewmodels.ConsoleViewModelTest.FakeLink;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.viewmodels.console.ConsoleViewModel;
import io.rackdesk.viewmodels.console.ConsoleViewModel.Phase;
import io.rackdesk.viewmodels.console.ConsolesViewModel;
import io.rackdesk.viewmodels.vms.VmItem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console features of issue 4 in the ViewModels, without a toolkit: several consoles in tabs,
 * resize guest to window (debounced, refusal), full screen, trusting an unknown SSH host key.
 */
class ConsoleFeaturesViewModelTest {
    @TempDir
    Path root;
    private final UiQueue ui = new UiQueue();
    private final DefaultTaskExecutor tasks = new DefaultTaskExecutor(ui);
    private final Localization l10n = new Localization(Locale.ENGLISH);
    private final SerialWorker io = new SerialWorker("console-features-io");
    private final List<FakeLink> links = new ArrayList<>();
    private final List<String> trusted = new ArrayList<>();
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private final ConsoleLink.Connector connector = new ConsoleLink.Connector() {
        @Override
        public ConsoleLink connect(ConsolePlan.Reachable plan, ConsoleLink.Listener listener) {
            FakeLink link = new FakeLink(plan instanceof ConsolePlan.Direct d ? d.target() : null, plan.password(), listener);
            link.plan = plan;
            links.add(link);
            return link;
        }

        @Override
        public void trustHostKey(ConsolePlan.Reachable plan, HostKey key) {
            trusted.add(plan.where() + " " + key.fingerprint());
        }
    };

    private ConsoleViewModel console() {
        return new ConsoleViewModel(l10n, tasks, io, connector,
                v -> CompletableFuture.completedFuture(new ConsolePlan.Direct(VncTarget.parse("127.0.0.1:" + (5900 + links.size())), null)),
                dialogs);
    }

    @AfterEach
    void stop() {
        io.close();
    }

    private FakeLink connect(ConsoleViewModel vm, ConsolePlan plan) {
        vm.open(plan);
        FakeLink link = links.get(links.size() - 1);
        link.listener.status(ConsoleStatus.of(ConsoleStatus.State.CONNECTED));
        ui.pumpUntil(() -> vm.phaseProperty().get() == Phase.CONNECTED, "connected");
        return link;
    }

    // ------------------------------------------------------------------ tabs

    @Test
    void consolesOfSeveralVmsOpenInTabsAndAnOpenOneIsSelectedAgain() throws Exception {
        LibvirtHost host = DemoVms.openHost(root);
        try {
            ConnectionViewModel owner = DemoVms.owner(host, tasks, l10n);
            VmItem web = DemoVms.item(owner, host, "web-01");
            VmItem db = DemoVms.item(owner, host, "db-01");
            ConsolesViewModel tabs = new ConsolesViewModel(this::console, l10n);

            ConsoleViewModel first = tabs.open(web);
            ConsoleViewModel second = tabs.open(db);
            assertNotSame(first, second);
            assertEquals(List.of(first, second), tabs.consoles());
            assertSame(second, tabs.selectedProperty().get(), "a second VM adds a tab and shows it");
            assertEquals("web-01 · " + web.hostName(), tabs.title(first));
            ui.pumpUntil(() -> links.size() == 2, "both consoles connect");

            assertSame(first, tabs.open(web), "an open VM's console is selected, not opened twice");
            assertSame(first, tabs.selectedProperty().get());
            assertEquals(2, tabs.consoles().size());
            assertEquals(2, links.size());

            tabs.close(first);
            assertTrue(links.get(0).closed, "closing a tab closes its connection");
            assertFalse(links.get(1).closed);
            assertEquals(List.of(second), tabs.consoles());
            assertSame(second, tabs.selectedProperty().get());
            assertSame(second, tabs.open(db));
            ConsoleViewModel again = tabs.open(web);
            assertNotSame(first, again, "a closed console opens fresh");
            tabs.closeAll();
            assertTrue(links.stream().allMatch(l -> l.closed));
            assertTrue(tabs.consoles().isEmpty());
            assertNull(tabs.selectedProperty().get());
        } finally {
            host.disconnect().get(10, TimeUnit.SECONDS);
        }
    }

    // ------------------------------------------------------------------ resize guest to window

    @Test
    void theGuestIsResizedToTheLastViewSizeOnceTheSizeHoldsStill() {
        ConsoleViewModel vm = console();
        FakeLink link = connect(vm, new ConsolePlan.Direct(VncTarget.parse("127.0.0.1:5901"), null));
        vm.viewSize(800, 600);
        vm.resizeGuestProperty().set(true);
        link.resizable = true;
        link.listener.desktopResizable();
        ui.pumpUntil(() -> vm.desktopResizableProperty().get(), "the server can resize");
        for (int w = 801; w <= 840; w++) { // a window being dragged bigger
            vm.viewSize(w, 620);
        }
        ui.pumpUntil(() -> link.sent.stream().anyMatch(s -> s.startsWith("resize")), "the debounced request");
        ui.drain(Duration.ofMillis(2 * ConsoleViewModel.RESIZE_DEBOUNCE.toMillis()));
        assertEquals(List.of("resize 840x620"), link.sent, "one request, with the last size");
        vm.viewSize(840, 620);
        ui.drain(Duration.ofMillis(2 * ConsoleViewModel.RESIZE_DEBOUNCE.toMillis()));
        assertEquals(1, link.sent.size(), "the same size is not asked again");
    }

    @Test
    void nothingIsAskedWhileTheToggleIsOffOrTheServerCannotResize() {
        ConsoleViewModel vm = console();
        FakeLink link = connect(vm, new ConsolePlan.Direct(VncTarget.parse("127.0.0.1:5901"), null));
        vm.viewSize(800, 600);
        vm.resizeGuestProperty().set(true); // no ExtendedDesktopSize from this server
        ui.drain(Duration.ofMillis(2 * ConsoleViewModel.RESIZE_DEBOUNCE.toMillis()));
        vm.resizeGuestProperty().set(false);
        link.listener.desktopResizable();
        ui.pumpUntil(() -> vm.desktopResizableProperty().get(), "resizable");
        vm.viewSize(1000, 700);
        ui.drain(Duration.ofMillis(2 * ConsoleViewModel.RESIZE_DEBOUNCE.toMillis()));
        assertTrue(link.sent.isEmpty(), link.sent.toString());
        vm.resizeGuestProperty().set(true);
        ui.pumpUntil(() -> link.sent.contains("resize 1000x700"), "switched on: the current size at once");
    }

    @Test
    void aRefusedResizeIsSaidOnceAndTurnsTheToggleOff() {
        ConsoleViewModel vm = console();
        FakeLink link = connect(vm, new ConsolePlan.Direct(VncTarget.parse("127.0.0.1:5901"), null));
        vm.resizeGuestProperty().set(true);
        link.listener.desktopResizable();
        vm.viewSize(1024, 768);
        ui.pumpUntil(() -> link.sent.contains("resize 1024x768"), "asked");
        link.listener.desktopResizeResult(1);
        ui.pumpUntil(() -> !vm.resizeGuestProperty().get(), "the toggle goes off");
        assertEquals("The VM did not resize its screen: the server does not allow it. Resize guest is off again.", vm.messageProperty().get());
        vm.viewSize(1280, 800);
        ui.drain(Duration.ofMillis(2 * ConsoleViewModel.RESIZE_DEBOUNCE.toMillis()));
        assertEquals(List.of("resize 1024x768"), link.sent);
    }

    @Test
    void theIncomingClipboardSwitchReachesTheConnection() {
        ConsoleViewModel vm = console();
        vm.receiveClipboardProperty().set(false);
        FakeLink link = connect(vm, new ConsolePlan.Direct(VncTarget.parse("127.0.0.1:5901"), null));
        assertEquals(Boolean.FALSE, link.receive, "a new connection starts with the switch as it is");
        vm.receiveClipboardProperty().set(true);
        assertEquals(Boolean.TRUE, link.receive);
    }

    // ------------------------------------------------------------------ full screen

    @Test
    void fullScreenShowsHowToLeaveIt() {
        ConsoleViewModel vm = console();
        assertEquals("", vm.fullscreenHintProperty().get());
        vm.toggleFullscreen();
        assertTrue(vm.fullscreenProperty().get());
        assertEquals("Full screen: press F11 to leave · Ctrl+Alt releases the keyboard", vm.fullscreenHintProperty().get());
        vm.toggleFullscreen();
        assertFalse(vm.fullscreenProperty().get());
        assertEquals("", vm.fullscreenHintProperty().get());
    }

    // ------------------------------------------------------------------ SSH host key

    private static final ConsolePlan.ViaSsh SSH_PLAN = new ConsolePlan.ViaSsh(new SshTarget("root", "kvm-01", 22,
            List.of(Path.of("/k")), Path.of("/home/ana/.ssh/known_hosts"), true), "127.0.0.1", 5901, null);
    private static final HostKey KEY = new HostKey("kvm-01", 22, "ssh-ed25519", "ab".repeat(32));

    @Test
    void anUnknownHostKeyIsOfferedForTrustAndTrustingReconnects() {
        ConsoleViewModel vm = console();
        vm.open(SSH_PLAN);
        FakeLink link = links.get(0);
        UnknownHostKeyException u = new UnknownHostKeyException(KEY);
        link.listener.status(new ConsoleStatus(ConsoleStatus.State.FAILED, u.getMessage(), 0, u));
        ui.pumpUntil(() -> vm.phaseProperty().get() == Phase.FAILED, "failed");
        assertEquals(KEY, vm.trustableKeyProperty().get());
        assertTrue(vm.hostKeyTextProperty().get().contains("ED25519 " + KEY.fingerprint()), vm.hostKeyTextProperty().get());

        dialogs.confirmAnswer = false;
        assertFalse(vm.trustHostKey());
        assertTrue(trusted.isEmpty(), "declined: nothing trusted");
        assertEquals(0, link.reconnects);

        dialogs.confirmAnswer = true;
        assertTrue(vm.trustHostKey());
        assertEquals(List.of("127.0.0.1:5901 via SSH root@kvm-01:22 " + KEY.fingerprint()), trusted);
        assertEquals(1, link.reconnects);
        assertNull(vm.trustableKeyProperty().get());
        String asked = dialogs.shown.get(dialogs.shown.size() - 1);
        assertTrue(asked.contains("ED25519 " + KEY.fingerprint()) && asked.contains("/home/ana/.ssh/known_hosts"), asked);
    }

    @Test
    void aChangedHostKeyIsExplainedButNeverOfferedForTrust() {
        ConsoleViewModel vm = console();
        vm.open(SSH_PLAN);
        ChangedHostKeyException c = new ChangedHostKeyException(KEY, Path.of("/home/ana/.ssh/known_hosts"), List.of(3));
        links.get(0).listener.status(new ConsoleStatus(ConsoleStatus.State.FAILED, c.getMessage(), 0, c));
        ui.pumpUntil(() -> vm.phaseProperty().get() == Phase.FAILED, "failed");
        assertNull(vm.trustableKeyProperty().get());
        assertTrue(vm.hostKeyTextProperty().get().contains("has CHANGED"), vm.hostKeyTextProperty().get());
        assertFalse(vm.trustHostKey());
        assertTrue(trusted.isEmpty());
        assertTrue(dialogs.shown.isEmpty());
    }
}
