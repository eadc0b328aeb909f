package io.rackdesk.views.console;

import static io.rackdesk.testsupport.FxWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.console.ConsolePlan;
import io.rackdesk.app.console.VncConsoleConnection;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.app.vnc.VncTarget;
import io.rackdesk.testsupport.FxMenus;
import io.rackdesk.testsupport.TinyRfbServer;
import io.rackdesk.testsupport.VncLab;
import io.rackdesk.viewmodels.console.ConsoleViewModel;
import io.rackdesk.viewmodels.console.ConsoleViewModel.Phase;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The real ConsoleView, headless, against QEMU's VNC server (the VNC lab) and a tiny server the test drops and restores. */
class ConsoleUiTest {
    @TempDir
    Path dir;
    private final FxRobot robot = new FxRobot();
    private final Localization l10n = new Localization(Locale.ENGLISH);
    private final SerialWorker io = new SerialWorker("console-ui-test-io");
    private ConsoleViewModel viewModel;
    private ConsoleView view;

    @BeforeEach
    void show() throws Exception {
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            viewModel = new ConsoleViewModel(l10n, new DefaultTaskExecutor(Platform::runLater), io, VncConsoleConnection.connector(),
                    vm -> CompletableFuture.failedFuture(new IllegalStateException("no VMs here")));
            view = new ConsoleView(viewModel, l10n);
            s.setScene(new Scene(view.root(), 900, 640));
            s.show();
        });
    }

    @AfterEach
    void close() throws Exception {
        robot.interact(() -> viewModel.close());
        FxToolkit.cleanupStages();
        io.close();
    }

    private void open(String target) throws Exception {
        robot.interact(() -> viewModel.open(new ConsolePlan.Direct(VncTarget.parse(target), null)));
        waitFor(() -> viewModel.phaseProperty().get() == Phase.CONNECTED && view.image() != null, "the console connects and shows a frame");
    }

    /** Opens the Send keys menu and clicks the item with this label. */
    private void sendKeysMenu(String label) throws Exception {
        robot.clickOn("#consoleSendKeys");
        FxMenus.clickItem(robot, label);
    }

    private static java.util.List<String> keys(TinyRfbServer server) {
        return server.events().stream().filter(e -> e.startsWith("key")).toList();
    }

    private int pixel(int x, int y) {
        WritableImage img = view.image();
        return img.getPixelReader().getArgb(x, y);
    }

    private static boolean sameAs(BufferedImage dump, ConsoleView view) {
        WritableImage img = view.image();
        if (img == null || img.getWidth() != dump.getWidth() || img.getHeight() != dump.getHeight()) {
            return false;
        }
        for (int y = 0; y < dump.getHeight(); y += 7) {
            for (int x = 0; x < dump.getWidth(); x += 5) {
                if ((img.getPixelReader().getArgb(x, y) & 0xFFFFFF) != (dump.getRGB(x, y) & 0xFFFFFF)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void showsTheLabGuestScalesSendsKeysAndTypes() throws Exception {
        String target = VncLab.get("RACKDESK_VNC_LAB_PLAIN");
        open(target);
        ImageView screen = robot.lookup("#consoleScreen").queryAs(ImageView.class);
        assertEquals(320, (int) view.image().getWidth());
        assertEquals(200, (int) view.image().getHeight());
        // the pixels on screen are QEMU's: compare a grid with its own screendump
        BufferedImage dump = VncLab.screendump(dir);
        waitFor(() -> sameAs(dump, view), "the image equals QEMU's screendump");

        // fit (default): scaled up into the 900 px wide view, aspect ratio kept
        double fitted = screen.getLayoutBounds().getWidth();
        assertTrue(fitted > 500, "scaled to fit: " + fitted);
        assertEquals(320.0 / 200.0, fitted / screen.getLayoutBounds().getHeight(), 0.02);
        robot.clickOn("#consoleScale");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(320.0, screen.getLayoutBounds().getWidth(), 0.5, "100 %");
        assertEquals(160, view.fbX(160.4));
        robot.clickOn("#consoleScale");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(fitted, screen.getLayoutBounds().getWidth(), 0.5, "fit again");
        assertEquals(160, view.fbX(fitted / 2), "mouse coordinates go through the scale");

        // a click grabs the keyboard; a typed key reaches the guest, which paints its scan code (0x1E for 'a')
        robot.clickOn(screen);
        waitFor(() -> viewModel.keyboardGrabbedProperty().get(), "the keyboard is grabbed");
        assertEquals("Keyboard grabbed: press Ctrl+Alt to release", robot.lookup("#consoleHint").queryAs(Label.class).getText());
        robot.type(KeyCode.A);
        waitFor(() -> (pixel(10, 2) & 0xFF0000FF) == 0xFF00001E, "the guest shows the key's scan code");
        robot.press(KeyCode.CONTROL).press(KeyCode.ALT).release(KeyCode.ALT).release(KeyCode.CONTROL);
        waitFor(() -> !viewModel.keyboardGrabbedProperty().get(), "Ctrl+Alt releases the grab");

        // send keys: the lab's QEMU runs with -no-reboot, so Ctrl+Alt+Del would end it; Ctrl+Alt+F2 goes
        // through the same menu and path (Ctrl+Alt+Del itself is checked against the tiny server below)
        sendKeysMenu("Ctrl+Alt+F2");
        Thread.sleep(500);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Phase.CONNECTED, viewModel.phaseProperty().get(), viewModel.statusTextProperty().get());
        assertTrue(viewModel.statusTextProperty().get().startsWith("Connected to " + target));
    }

    @Test
    void sendsCtrlAltDelAndTheOverlaySaysRetryingWhenTheServerDropsUntilItComesBack() throws Exception {
        try (TinyRfbServer server = new TinyRfbServer(64, 40)) {
            open(server.address());
            assertEquals(0xFF336699, pixel(5, 5));
            sendKeysMenu("Ctrl+Alt+Del");
            // (the robot's mouse crossing the screen sends pointer events too)
            waitFor(() -> keys(server).size() == 6, "Ctrl+Alt+Del reaches the server");
            assertEquals(java.util.List.of("key down 0xffe3", "key down 0xffe9", "key down 0xffff", "key up 0xffff",
                    "key up 0xffe9", "key up 0xffe3"), keys(server), "pressed in order, released in reverse");
            Node overlay = robot.lookup("#consoleOverlay").query();
            assertTrue(!overlay.isVisible(), "no overlay while connected");

            server.stop();
            waitFor(() -> overlay.isVisible() && robot.lookup("#consoleOverlayText").queryAs(Label.class).getText()
                    .startsWith("Disconnected — retrying in "), "the retry overlay");
            assertTrue(robot.lookup("#consoleOverlayReconnect").query().isVisible());
            server.restart();
            waitFor(() -> viewModel.phaseProperty().get() == Phase.CONNECTED && !overlay.isVisible(), "reconnected by itself");
            server.paint(0xFF00FF00);
            waitFor(() -> view.image() != null && pixel(5, 5) == 0xFF00FF00, "live pixels again");
        }
    }

    @Test
    void aPasswordConsoleOpensWithTheVmsPasswordAndAWrongOneFailsWithoutRetrying() throws Exception {
        String target = VncLab.get("RACKDESK_VNC_LAB_PASSWORD");
        String password = java.nio.file.Files.readString(VncLab.path("RACKDESK_VNC_LAB_PASSWORD_FILE")).strip();
        robot.interact(() -> viewModel.open(new ConsolePlan.Direct(VncTarget.parse(target), password)));
        waitFor(() -> viewModel.phaseProperty().get() == Phase.CONNECTED && view.image() != null, "the password console connects");

        robot.interact(() -> viewModel.open(new ConsolePlan.Direct(VncTarget.parse(target), "wrong")));
        waitFor(() -> viewModel.phaseProperty().get() == Phase.FAILED, "a wrong password fails");
        String text = robot.lookup("#consoleOverlayText").queryAs(Label.class).getText();
        assertTrue(text.startsWith("Failed: authentication failed"), text);
        Thread.sleep(1500);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Phase.FAILED, viewModel.phaseProperty().get(), "no retry after a wrong password");
        assertTrue(robot.lookup("#consoleOverlayReconnect").query().isVisible(), "Reconnect is offered");
    }

    @Test
    void anImpossibleConsoleShowsItsExplanation() throws Exception {
        robot.interact(() -> viewModel.open(new ConsolePlan.Impossible(ConsolePlan.Problem.NEEDS_SSH_TUNNEL, "kvm-01")));
        WaitForAsyncUtils.waitForFxEvents();
        String text = robot.lookup("#consoleOverlayText").queryAs(Label.class).getText();
        assertTrue(text.startsWith("VNC listens on the loopback address of kvm-01"), text);
        assertTrue(robot.lookup("#consoleSendKeys").query().isDisabled());
    }
}
