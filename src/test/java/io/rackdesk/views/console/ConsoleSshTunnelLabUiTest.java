package io.rackdesk.views.console;

import static io.rackdesk.testsupport.FxWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.console.VncConsoleConnection;
import io.rackdesk.app.console.VncConsoleOpener;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHost;
import io.rackdesk.app.ssh.SshTunnels;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.app.vnc.Framebuffer;
import io.rackdesk.app.vnc.VncOptions;
import io.rackdesk.app.vnc.VncScreenshot;
import io.rackdesk.app.vnc.VncTarget;
import io.rackdesk.testsupport.DemoVms;
import io.rackdesk.testsupport.Lab;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.viewmodels.console.ConsoleViewModel;
import io.rackdesk.viewmodels.console.ConsoleViewModel.Phase;
import io.rackdesk.viewmodels.console.LibvirtConsoleSource;
import io.rackdesk.viewmodels.vms.VmItem;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The real ConsoleView and ConsoleViewModel open the libvirt lab VM's console (VNC on 127.0.0.1 of
 * the lab host) over a qemu+ssh connection to the lab sshd: the VM's graphics come from its live XML
 * through {@link LibvirtConsoleSource}, the resolver plans an SSH tunnel, and the connector opens it
 * through one {@link SshTunnels}, as the app does. The picture must equal the guest's screen read
 * directly from QEMU.
 */
class ConsoleSshTunnelLabUiTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final FxRobot robot = new FxRobot();
    private final Localization l10n = new Localization(Locale.ENGLISH);
    private final SerialWorker io = new SerialWorker("console-ssh-lab-io");
    private SshTunnels tunnels;
    private LibvirtHost host;
    private ConsoleViewModel viewModel;
    private ConsoleView view;

    /** qemu+ssh to the lab sshd, with the lab key and known_hosts (libvirt checks the host key through the lab's ssh command). */
    private static String sshUri() {
        return "qemu+ssh://root@127.0.0.1:" + Lab.get("RACKDESK_LAB_SSH_PORT") + "/system?keyfile=" + Lab.get("RACKDESK_LAB_SSH_KEY")
                + "&command=" + Lab.get("RACKDESK_LAB_SSH_COMMAND") + "&no_tty=1&known_hosts=" + Lab.get("RACKDESK_LAB_SSH_KNOWN_HOSTS");
    }

    @AfterEach
    void close() throws Exception {
        if (viewModel != null) {
            robot.interact(() -> viewModel.close());
        }
        FxToolkit.cleanupStages();
        if (tunnels != null) {
            tunnels.close();
        }
        if (host != null) {
            host.disconnect().get(30, TimeUnit.SECONDS);
        }
        io.close();
    }

    @Test
    void theConsoleTabOpensALoopbackConsoleThroughTheSharedSshTunnel() throws Exception {
        Lab.require();
        String domain = Lab.get("RACKDESK_LAB_DOMAIN");
        host = new LibvirtHost(sshUri(), new SerialWorker("lab-console-ssh"), TIMEOUT, LibvirtEventLoop.start());
        host.open().get(60, TimeUnit.SECONDS);
        tunnels = new SshTunnels();
        FxToolkit.registerPrimaryStage();
        VmItem[] vm = new VmItem[1];
        FxToolkit.setupStage(s -> {
            DefaultTaskExecutor tasks = new DefaultTaskExecutor(Platform::runLater);
            try {
                ConnectionViewModel owner = DemoVms.owner(host, tasks, l10n);
                vm[0] = new VmItem(owner, DemoVms.summary(host, domain), owner.historyLength());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            viewModel = new ConsoleViewModel(l10n, tasks, io, VncConsoleConnection.connector(new VncConsoleOpener(tunnels)),
                    new LibvirtConsoleSource(v -> host, l10n));
            view = new ConsoleView(viewModel, l10n);
            s.setScene(new Scene(view.root(), 900, 640));
            s.show();
        });

        robot.interact(() -> viewModel.open(vm[0]));
        try {
            waitFor(() -> viewModel.phaseProperty().get() == Phase.CONNECTED && view.image() != null, "the console connects through SSH");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the console says: " + viewModel.statusTextProperty().get(), e);
        }
        String where = "127.0.0.1:" + VncTarget.parse(Lab.get("RACKDESK_LAB_VNC")).port() + " via SSH root@127.0.0.1:"
                + Lab.get("RACKDESK_LAB_SSH_PORT");
        assertEquals("Connected to " + where, robot.lookup("#consoleStatus").queryAs(Label.class).getText());
        assertEquals(1, tunnels.sessionCount(), "one SSH session for the console");

        // the pixels on screen are the guest's: the same as a direct connection to QEMU (the lab host is this machine)
        waitFor(() -> sameAsDirect(), "the tunnelled picture equals QEMU's screen read directly");

        // reconnecting goes through the same tunnel machinery again and shares the session
        robot.interact(() -> viewModel.reconnect());
        waitFor(() -> viewModel.phaseProperty().get() == Phase.CONNECTED && view.image() != null, "connected again");
        waitFor(() -> sameAsDirect(), "the picture again");
        assertEquals(1, tunnels.sessionCount(), "still one SSH session");
    }

    private boolean sameAsDirect() {
        Framebuffer fb;
        try {
            VncOptions o = new VncOptions().connectTimeout(TIMEOUT).readTimeout(TIMEOUT).shared(true);
            fb = VncScreenshot.capture(VncTarget.parse(Lab.get("RACKDESK_LAB_VNC")), o, TIMEOUT).framebuffer();
        } catch (Exception e) {
            throw new AssertionError("the direct capture failed", e);
        }
        BufferedImage direct = fb.toImage();
        boolean[] same = new boolean[1];
        try {
            robot.interact(() -> same[0] = sameAs(direct, view.image()));
        } catch (RuntimeException e) {
            return false;
        }
        return same[0];
    }

    private static boolean sameAs(BufferedImage dump, WritableImage img) {
        if (img == null || img.getWidth() != dump.getWidth() || img.getHeight() != dump.getHeight()) {
            return false;
        }
        boolean someColour = false;
        for (int y = 0; y < dump.getHeight(); y += 7) {
            for (int x = 0; x < dump.getWidth(); x += 5) {
                int p = img.getPixelReader().getArgb(x, y) & 0xFFFFFF;
                if (p != (dump.getRGB(x, y) & 0xFFFFFF)) {
                    return false;
                }
                someColour |= p != 0;
            }
        }
        assertTrue(someColour, "the guest shows more than a black screen");
        return true;
    }
}
