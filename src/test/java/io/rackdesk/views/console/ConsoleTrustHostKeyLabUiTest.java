package io.rackdesk.views.console;

import static io.rackdesk.testsupport.FxWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.console.ConsolePlan;
import io.rackdesk.app.console.VncConsoleConnection;
import io.rackdesk.app.console.VncConsoleOpener;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.ssh.SshTarget;
import io.rackdesk.app.ssh.SshTunnels;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.app.vnc.VncTarget;
import io.rackdesk.testsupport.Lab;
import io.rackdesk.testsupport.RecordingDialogs;
import io.rackdesk.viewmodels.console.ConsoleViewModel;
import io.rackdesk.viewmodels.console.ConsoleViewModel.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * An SSH-tunnelled console (the libvirt lab's sshd on 127.0.0.1:2222, the lab VM's VNC on its
 * loopback) whose known_hosts does not list the host: the failure overlay offers "Trust this host
 * key…" with the key's type and fingerprint; confirmed, the key lands in that known_hosts and the
 * console connects. A known_hosts with another key for the host (a changed key) is only explained.
 */
class ConsoleTrustHostKeyLabUiTest {
    @TempDir
    Path dir;
    private final FxRobot robot = new FxRobot();
    private final Localization l10n = new Localization(Locale.ENGLISH);
    private final SerialWorker io = new SerialWorker("console-trust-lab-io");
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private SshTunnels tunnels;
    private ConsoleViewModel viewModel;
    private ConsoleView view;

    @BeforeEach
    void show() throws Exception {
        Lab.require();
        tunnels = new SshTunnels();
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            viewModel = new ConsoleViewModel(l10n, new DefaultTaskExecutor(Platform::runLater), io,
                    VncConsoleConnection.connector(new VncConsoleOpener(tunnels)),
                    vm -> CompletableFuture.failedFuture(new IllegalStateException("no VMs here")), dialogs);
            view = new ConsoleView(viewModel, l10n);
            s.setScene(new Scene(view.root(), 900, 640));
            s.show();
        });
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
        io.close();
    }

    private ConsolePlan.ViaSsh plan(Path knownHosts) {
        VncTarget vnc = VncTarget.parse(Lab.get("RACKDESK_LAB_VNC"));
        SshTarget ssh = new SshTarget("root", "127.0.0.1", Integer.parseInt(Lab.get("RACKDESK_LAB_SSH_PORT")),
                List.of(Path.of(Lab.get("RACKDESK_LAB_SSH_KEY"))), knownHosts, true);
        return new ConsolePlan.ViaSsh(ssh, vnc.host(), vnc.port(), null);
    }

    private static String keyOf(String knownHostsLine) {
        String[] f = knownHostsLine.trim().split("\\s+");
        return f[1] + " " + f[2];
    }

    @Test
    void anUnknownHostKeyIsTrustedFromTheOverlayAndTheConsoleConnects() throws Exception {
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
        robot.interact(() -> viewModel.open(plan(knownHosts)));
        waitFor(() -> viewModel.phaseProperty().get() == Phase.FAILED, "the tunnel stops at the unknown host key");
        Node trust = robot.lookup("#consoleTrustKey").query();
        assertTrue(trust.isVisible(), "the overlay offers to trust the key");
        String text = robot.lookup("#consoleHostKeyText").queryAs(Label.class).getText();
        assertTrue(text.startsWith("The SSH host 127.0.0.1:2222 presented a key that its known_hosts does not list: ED25519 SHA256:"), text);
        assertEquals("", Files.readString(knownHosts), "nothing written before the user agrees");

        dialogs.confirmAnswer = false;
        robot.clickOn(trust);
        assertEquals("", Files.readString(knownHosts), "declined: nothing written");
        assertEquals(Phase.FAILED, viewModel.phaseProperty().get());

        dialogs.confirmAnswer = true;
        robot.clickOn(trust);
        String asked = dialogs.shown.get(dialogs.shown.size() - 1);
        assertTrue(asked.contains("Trust the SSH host key of 127.0.0.1:2222?") && asked.contains(knownHosts.toString())
                && asked.contains("ED25519 SHA256:"), asked);
        try {
            waitFor(() -> viewModel.phaseProperty().get() == Phase.CONNECTED && view.image() != null, "the console connects");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + viewModel.statusTextProperty().get(), e);
        }
        List<String> lines = Files.readAllLines(knownHosts);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("[127.0.0.1]:2222 ssh-ed25519 "), lines.get(0));
        String labKey = keyOf(Files.readAllLines(Path.of(Lab.get("RACKDESK_LAB_SSH_KNOWN_HOSTS"))).get(0));
        assertEquals(labKey, keyOf(lines.get(0)), "the key added is the lab sshd's own");
        assertFalse(robot.lookup("#consoleTrustKey").query().isVisible());
    }

    @Test
    void aChangedHostKeyIsExplainedAndNotOfferedForTrust() throws Exception {
        Path knownHosts = Files.copy(Path.of(Lab.get("RACKDESK_LAB_SSH_KNOWN_HOSTS_WRONG")), dir.resolve("known_hosts"));
        String before = Files.readString(knownHosts);
        robot.interact(() -> viewModel.open(plan(knownHosts)));
        waitFor(() -> viewModel.phaseProperty().get() == Phase.FAILED, "the tunnel stops at the changed host key");
        assertFalse(robot.lookup("#consoleTrustKey").query().isVisible(), "a changed key is never offered for trust");
        String text = robot.lookup("#consoleHostKeyText").queryAs(Label.class).getText();
        assertTrue(text.startsWith("The SSH host key of 127.0.0.1:2222 has CHANGED: it now presents ED25519 SHA256:"), text);
        assertEquals(before, Files.readString(knownHosts));
        assertTrue(dialogs.shown.isEmpty());
    }
}
