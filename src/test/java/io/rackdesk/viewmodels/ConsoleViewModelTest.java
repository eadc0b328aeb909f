package io.rackdesk.viewmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.console.ConsoleFrame;
import io.rackdesk.app.console.ConsoleLink;
import io.rackdesk.app.console.ConsolePlan;
import io.rackdesk.app.console.ConsoleStatus;
import io.rackdesk.app.console.KeyStroke;
import io.rackdesk.app.console.SendKeys;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtHost;
import io.rackdesk.app.model.VmState;
import io.rackdesk.app.model.VmSummary;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.app.vnc.Framebuffer;
import io.rackdesk.app.vnc.VncTarget;
import io.rackdesk.testsupport.DemoVms;
import io.rackdesk.testsupport.UiQueue;
import io.rackdesk.viewmodels.console.ConsoleViewModel;
import io.rackdesk.viewmodels.console.ConsoleViewModel.Phase;
import io.rackdesk.viewmodels.console.LibvirtConsoleSource;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.viewmodels.vms.VmItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's ViewModel with a fake connection, without a toolkit: callbacks only through the UI queue. */
class ConsoleViewModelTest {
    @TempDir
    Path root;
    private final UiQueue ui = new UiQueue();
    private final DefaultTaskExecutor tasks = new DefaultTaskExecutor(ui);
    private final Localization l10n = new Localization(Locale.ENGLISH);
    private final SerialWorker io = new SerialWorker("console-test-io");
    private final List<FakeLink> links = new ArrayList<>();
    private final ConsoleViewModel vm = new ConsoleViewModel(l10n, tasks, io, this::fakeConnection,
            v -> CompletableFuture.failedFuture(new IllegalStateException("not in this test")));

    private ConsoleLink fakeConnection(ConsolePlan.Reachable plan, ConsoleLink.Listener listener) {
        FakeLink link = new FakeLink(plan instanceof ConsolePlan.Direct d ? d.target() : null, plan.password(), listener);
        link.plan = plan;
        links.add(link);
        return link;
    }

    /** Records what the ViewModel asks of the connection; the test plays the reader thread. */
    static final class FakeLink implements ConsoleLink {
        final VncTarget target;
        final String password;
        ConsolePlan.Reachable plan;
        final Listener listener;
        final ConsoleFrame frame = new ConsoleFrame();
        final List<String> sent = new ArrayList<>();
        boolean closed;
        int reconnects;
        boolean resizable;
        Boolean receive;

        FakeLink(VncTarget target, String password, Listener listener) {
            this.target = target;
            this.password = password;
            this.listener = listener;
        }

        @Override
        public ConsoleFrame frame() {
            return frame;
        }

        @Override
        public boolean extendedKeys() {
            return true;
        }

        @Override
        public void key(boolean down, KeyStroke key) {
            sent.add("key " + down + " " + Integer.toHexString(key.keysym()));
        }

        @Override
        public void sendKeys(SendKeys combo) {
            sent.add("send " + combo.label());
        }

        @Override
        public void pointer(int buttons, int x, int y) {
            sent.add("pointer " + buttons + " " + x + "," + y);
        }

        @Override
        public void clipboard(String text) {
            sent.add("cut " + text);
        }

        @Override
        public void reconnectNow() {
            reconnects++;
        }

        @Override
        public boolean desktopResizable() {
            return resizable;
        }

        @Override
        public void receiveClipboard(boolean on) {
            receive = on;
        }

        @Override
        public void resizeDesktop(int width, int height) {
            sent.add("resize " + width + "x" + height);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @AfterEach
    void stop() {
        io.close();
    }

    private FakeLink connected() {
        vm.open(new ConsolePlan.Direct(VncTarget.parse("127.0.0.1:5901"), "pw"));
        FakeLink link = links.get(links.size() - 1);
        link.listener.status(ConsoleStatus.of(ConsoleStatus.State.CONNECTED));
        ui.pumpUntil(() -> vm.phaseProperty().get() == Phase.CONNECTED, "connected");
        return link;
    }

    @Test
    void statesReachTheUiThroughTheExecutorWithLocalizedTexts() {
        vm.open(new ConsolePlan.Direct(VncTarget.parse("127.0.0.1:5901"), "pw"));
        assertEquals(Phase.CONNECTING, vm.phaseProperty().get());
        assertEquals("Connecting to 127.0.0.1:5901…", vm.overlayTextProperty().get());
        FakeLink link = links.get(0);
        assertEquals("pw", link.password);

        link.listener.status(ConsoleStatus.of(ConsoleStatus.State.AUTHENTICATING));
        ui.pumpUntil(() -> vm.phaseProperty().get() == Phase.AUTHENTICATING, "authenticating");
        assertEquals("Authenticating with 127.0.0.1:5901…", vm.overlayTextProperty().get());

        link.listener.status(ConsoleStatus.of(ConsoleStatus.State.CONNECTED));
        assertEquals(Phase.AUTHENTICATING, vm.phaseProperty().get(), "nothing changes before the UI thread runs the callback");
        ui.pumpUntil(() -> vm.phaseProperty().get() == Phase.CONNECTED, "connected");
        assertEquals("", vm.overlayTextProperty().get());
        assertEquals("Connected to 127.0.0.1:5901", vm.statusTextProperty().get());

        link.listener.status(new ConsoleStatus(ConsoleStatus.State.DISCONNECTED_RETRYING, "the server closed the connection", 2));
        ui.pumpUntil(() -> vm.phaseProperty().get() == Phase.RETRYING, "retrying");
        assertEquals("Disconnected — retrying in 2 s (the server closed the connection)", vm.overlayTextProperty().get());
        ui.pumpUntil(() -> vm.overlayTextProperty().get().contains("in 1 s"), "the countdown");

        link.listener.status(new ConsoleStatus(ConsoleStatus.State.FAILED, "authentication failed (wrong password?)", 0));
        ui.pumpUntil(() -> vm.phaseProperty().get() == Phase.FAILED, "failed");
        assertEquals("Failed: authentication failed (wrong password?)", vm.overlayTextProperty().get());
        vm.reconnect();
        assertEquals(1, link.reconnects);
    }

    @Test
    void aConsoleBehindSshGoesToTheConnectorAsItsPlan() {
        ConsolePlan.ViaSsh p = new ConsolePlan.ViaSsh(new io.rackdesk.app.ssh.SshTarget("root", "kvm-01", 22,
                List.of(java.nio.file.Path.of("/k")), java.nio.file.Path.of("/kh"), true), "127.0.0.1", 5901, "pw");
        vm.open(p);
        assertEquals(Phase.CONNECTING, vm.phaseProperty().get());
        assertEquals("Connecting to 127.0.0.1:5901 via SSH root@kvm-01:22…", vm.overlayTextProperty().get());
        assertEquals(p, links.get(0).plan);
        assertEquals("pw", links.get(0).password);
        vm.disconnect();
        vm.reconnect();
        assertEquals(p, links.get(1).plan, "reconnecting opens the same tunnel plan");
    }

    @Test
    void impossiblePlansAreExplainedInsteadOfConnecting() {
        vm.open(new ConsolePlan.Impossible(ConsolePlan.Problem.LOOPBACK_UNREACHABLE, "kvm-01"));
        assertEquals(Phase.UNAVAILABLE, vm.phaseProperty().get());
        assertTrue(vm.overlayTextProperty().get().startsWith("VNC listens on the loopback address of kvm-01, and this connection is not SSH"),
                vm.overlayTextProperty().get());
        vm.open(new ConsolePlan.Impossible(ConsolePlan.Problem.SSH_TARGET_INVALID, "qemu+ssh:///system names no host"));
        assertTrue(vm.overlayTextProperty().get().endsWith("cannot be set up from the connection URI: qemu+ssh:///system names no host"),
                vm.overlayTextProperty().get());
        assertTrue(links.isEmpty());
        vm.open(new ConsolePlan.Impossible(ConsolePlan.Problem.NOT_VNC, "spice"));
        assertEquals("This VM's display is spice; Rackdesk's console speaks VNC only.", vm.overlayTextProperty().get());
    }

    @Test
    void inputGoesOutOnlyWhenConnectedAndNotViewOnly() {
        vm.open(new ConsolePlan.Direct(VncTarget.parse("127.0.0.1:5901"), null));
        vm.key(true, KeyStroke.CONTROL_L);
        assertTrue(links.get(0).sent.isEmpty(), "not connected yet");
        FakeLink link = connected();
        vm.key(true, KeyStroke.CONTROL_L);
        vm.pointer(1, 10, 20);
        vm.sendKeys(SendKeys.CTRL_ALT_DEL);
        vm.viewOnlyProperty().set(true);
        vm.key(false, KeyStroke.CONTROL_L);
        vm.pointer(0, 10, 20);
        vm.sendKeys(SendKeys.CTRL_ALT_DEL);
        assertFalse(vm.grabKeyboard(), "no grab while view-only");
        assertEquals(List.of("key true ffe3", "pointer 1 10,20", "send Ctrl+Alt+Del"), link.sent);
        assertEquals(15, vm.sendKeyChoices().size(), "Ctrl+Alt+Del, Ctrl+Alt+Backspace, Ctrl+Alt+F1..F12, PrintScreen");
    }

    @Test
    void clipboardIsSentOnlyWhenSwitchedOnAndReceivedOnlyWhenAllowed() {
        FakeLink link = connected();
        assertFalse(vm.sendClipboardProperty().get(), "outgoing is off by default");
        vm.localClipboard("secret");
        vm.sendClipboardProperty().set(true);
        vm.localClipboard("hello");
        assertEquals(List.of("cut hello"), link.sent);

        link.listener.serverCutText("from guest");
        ui.pumpUntil(() -> "from guest".equals(vm.incomingClipboardProperty().get()), "incoming text");
        vm.localClipboard("from guest"); // the guest's own text on the local clipboard: not sent back
        vm.localClipboard("again");
        assertEquals(List.of("cut hello", "cut again"), link.sent);
        vm.receiveClipboardProperty().set(false);
        link.listener.serverCutText("ignored");
        ui.drain(Duration.ofMillis(50));
        assertNull(vm.incomingClipboardProperty().get());
    }

    @Test
    void keyboardGrabShowsTheReleaseCombinationAndEndsWhenTheConnectionDrops() {
        FakeLink link = connected();
        assertTrue(vm.grabKeyboard());
        assertEquals("Keyboard grabbed: press Ctrl+Alt to release", vm.grabHintProperty().get());
        link.listener.status(new ConsoleStatus(ConsoleStatus.State.DISCONNECTED_RETRYING, "gone", 1));
        ui.pumpUntil(() -> !vm.keyboardGrabbedProperty().get(), "grab released");
        assertEquals("", vm.grabHintProperty().get());
    }

    @Test
    void framesAreHandedOverOncePerSignalAndLateCallbacksOfAClosedConsoleAreIgnored() throws Exception {
        FakeLink link = connected();
        Framebuffer fb = new Framebuffer(4, 2, 100);
        assertTrue(link.frame.publish(fb));
        link.listener.frameReady();
        ui.pumpUntil(() -> vm.frameSerialProperty().get() == 1, "a frame");
        int[] copies = new int[1];
        assertTrue(vm.presentFrame((argb, stride, w, h, dirty, resized) -> copies[0]++));
        assertFalse(vm.presentFrame((argb, stride, w, h, dirty, resized) -> copies[0]++));
        assertEquals(1, copies[0]);

        vm.close();
        assertTrue(link.closed);
        link.listener.status(ConsoleStatus.of(ConsoleStatus.State.CONNECTED));
        link.listener.frameReady();
        ui.drain(Duration.ofMillis(50));
        assertEquals(Phase.IDLE, vm.phaseProperty().get());
        assertEquals(1, vm.frameSerialProperty().get());
    }

    @Test
    void disconnectKeepsTheConsoleSoReconnectOpensANewConnection() {
        FakeLink first = connected();
        vm.disconnect();
        assertTrue(first.closed);
        assertEquals(Phase.DISCONNECTED, vm.phaseProperty().get());
        vm.reconnect();
        assertEquals(2, links.size());
        assertEquals(Phase.CONNECTING, vm.phaseProperty().get());
    }

    @Test
    void theConsoleFollowsTheVmStoppingAndStarting() throws Exception {
        LibvirtHost host = DemoVms.openHost(root);
        try {
            ConnectionViewModel owner = DemoVms.owner(host, tasks, l10n);
            ConsoleViewModel demo = new ConsoleViewModel(l10n, tasks, io, this::fakeConnection,
                    v -> CompletableFuture.completedFuture(new ConsolePlan.Direct(VncTarget.parse("127.0.0.1:5900"), null)));
            VmItem web = DemoVms.item(owner, host, "web-01");
            demo.open(web);
            ui.pumpUntil(() -> demo.phaseProperty().get() == Phase.CONNECTING, "connecting");
            web.update(withState(web.summary(), VmState.SHUTOFF));
            assertTrue(links.get(0).closed, "a stopped VM's console stops retrying");
            assertEquals(Phase.UNAVAILABLE, demo.phaseProperty().get());
            assertEquals("The VM is not running, so its VNC server has no port yet. Start the VM to see its console.",
                    demo.overlayTextProperty().get());
            web.update(withState(web.summary(), VmState.RUNNING));
            ui.pumpUntil(() -> links.size() == 2, "started again: the console reconnects");
        } finally {
            host.disconnect().get(10, TimeUnit.SECONDS);
        }
    }

    private static VmSummary withState(VmSummary s, VmState state) {
        return new VmSummary(s.uuid(), s.name(), state, s.vcpus(), s.memoryKiB(), s.persistent(), s.tags());
    }

    @Test
    void aScreenshotIsWrittenOffTheUiThread() throws Exception {
        FakeLink link = connected();
        Path file = root.resolve("shots/console.png");
        vm.screenshot(file);
        assertEquals("Nothing to save: the console shows no picture yet.", vm.messageProperty().get());
        Framebuffer fb = new Framebuffer(3, 2, 100);
        fb.fill(0, 0, 3, 2, 0xFF10A0C0);
        link.frame.publish(fb);
        vm.screenshot(file);
        ui.pumpUntil(() -> vm.messageProperty().get().startsWith("Saved"), "saved");
        assertEquals(0x10A0C0, ImageIO.read(file.toFile()).getRGB(2, 1) & 0xFFFFFF);
        assertTrue(Files.size(file) > 0);
    }

    @Test
    void theDemoHostsVmResolvesFromItsLiveXml() throws Exception {
        LibvirtHost host = DemoVms.openHost(root);
        try {
            ConnectionViewModel owner = DemoVms.owner(host, tasks, l10n);
            ConsoleViewModel demo = new ConsoleViewModel(l10n, tasks, io, this::fakeConnection, new LibvirtConsoleSource(v -> host, l10n));
            demo.open(DemoVms.item(owner, host, "web-01"));
            assertEquals(Phase.RESOLVING, demo.phaseProperty().get());
            ui.pumpUntil(() -> demo.phaseProperty().get() == Phase.CONNECTING, "resolved");
            assertEquals("127.0.0.1:5900", links.get(0).target.toString());
        } finally {
            host.disconnect().get(10, TimeUnit.SECONDS);
        }
    }
}
