package io.rackdesk.views.console;

import static io.rackdesk.testsupport.FxWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.console.ConsolePlan;
import io.rackdesk.app.console.VncConsoleConnection;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.app.vnc.VncTarget;
import io.rackdesk.testsupport.RecordingDialogs;
import io.rackdesk.testsupport.TinyRfbServer;
import io.rackdesk.viewmodels.console.ConsoleViewModel;
import io.rackdesk.viewmodels.console.ConsoleViewModel.Phase;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The console view's full screen (button and F11, which never reaches the guest, the bar that says
 * how to leave) and "resize guest to window" against a tiny RFB server that speaks
 * ExtendedDesktopSize/SetDesktopSize: what a user sees, headless.
 */
class ConsoleFeaturesUiTest {
    private final FxRobot robot = new FxRobot();
    private final Localization l10n = new Localization(Locale.ENGLISH);
    private final SerialWorker io = new SerialWorker("console-features-ui-io");
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private ConsoleViewModel viewModel;
    private ConsoleView view;
    private Stage stage;

    @BeforeEach
    void show() throws Exception {
        FxToolkit.registerPrimaryStage();
        stage = FxToolkit.setupStage(s -> {
            viewModel = new ConsoleViewModel(l10n, new DefaultTaskExecutor(Platform::runLater), io, VncConsoleConnection.connector(),
                    vm -> CompletableFuture.failedFuture(new IllegalStateException("no VMs here")), dialogs);
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

    private void open(TinyRfbServer server) throws Exception {
        robot.interact(() -> viewModel.open(new ConsolePlan.Direct(VncTarget.parse(server.address()), null)));
        waitFor(() -> viewModel.phaseProperty().get() == Phase.CONNECTED && view.image() != null, "the console connects and shows a frame");
    }

    private String viewport() {
        Bounds b = robot.lookup("#consoleScroll").queryAs(ScrollPane.class).getViewportBounds();
        return (int) Math.floor(b.getWidth()) + "x" + (int) Math.floor(b.getHeight());
    }

    @Test
    void resizeGuestToWindowSendsTheViewsSizeAndFollowsTheWindow() throws Exception {
        try (TinyRfbServer server = new TinyRfbServer(320, 200)) {
            server.supportDesktopResize(true);
            open(server);
            ToggleButton toggle = robot.lookup("#consoleResizeGuest").queryAs(ToggleButton.class);
            waitFor(() -> !toggle.isDisabled() && viewModel.desktopResizableProperty().get(), "the server's ExtendedDesktopSize enables the toggle");
            robot.clickOn(toggle);
            String size = viewport();
            waitFor(() -> server.events().contains("setDesktopSize " + size), "SetDesktopSize with the view's size " + size);
            waitFor(() -> ((int) view.image().getWidth() + "x" + (int) view.image().getHeight()).equals(size), "the guest's new screen shown");

            robot.interact(() -> stage.setWidth(700));
            waitFor(() -> !viewport().equals(size), "a narrower view");
            String smaller = viewport();
            waitFor(() -> server.events().contains("setDesktopSize " + smaller), "the new size after the window was resized");
            long requests = server.events().stream().filter(e -> e.startsWith("setDesktopSize")).count();
            assertEquals(2, requests, "one request per settled size: " + server.events());

            // a server that refuses: said once, and the toggle goes off
            server.refuseResize();
            robot.interact(() -> stage.setWidth(800));
            waitFor(() -> !toggle.isSelected(), "a refused resize turns the toggle off");
            assertEquals("The VM did not resize its screen: the server does not allow it. Resize guest is off again.",
                    robot.lookup("#consoleMessage").queryAs(Label.class).getText());
        }
    }

    @Test
    void withoutExtendedDesktopSizeTheToggleIsDisabledAndSaysWhy() throws Exception {
        try (TinyRfbServer server = new TinyRfbServer(320, 200)) {
            open(server);
            ToggleButton toggle = robot.lookup("#consoleResizeGuest").queryAs(ToggleButton.class);
            assertTrue(toggle.isDisabled());
            assertEquals("This VM's VNC server cannot change the guest's screen size", toggle.getTooltip().getText());
        }
    }

    @Test
    void fullScreenByButtonAndF11WithABarThatSaysHowToLeave() throws Exception {
        try (TinyRfbServer server = new TinyRfbServer(320, 200)) {
            open(server);
            Node screen = robot.lookup("#consoleScreen").query();
            Scene normal = screen.getScene();
            robot.interact(() -> viewModel.scaleToFitProperty().set(false));

            robot.clickOn("#consoleFullscreen");
            waitFor(() -> view.fullscreenWindow() != null && view.fullscreenWindow().isShowing(), "the full-screen window");
            Stage full = view.fullscreenWindow();
            javafx.geometry.Rectangle2D screenBounds = javafx.stage.Screen.getPrimary().getBounds();
            assertEquals(javafx.stage.StageStyle.UNDECORATED, full.getStyle(), "no title bar or frame");
            assertEquals(List.of(screenBounds.getMinX(), screenBounds.getMinY(), screenBounds.getWidth(), screenBounds.getHeight()),
                    List.of(full.getX(), full.getY(), full.getWidth(), full.getHeight()), "the window covers the whole screen");
            assertSame(full.getScene(), screen.getScene(), "the screen moved into the full-screen window");
            Label hint = (Label) full.getScene().lookup("#consoleFullscreenBar .label");
            assertEquals("Full screen: press F11 to leave · Ctrl+Alt releases the keyboard", hint.getText());
            assertTrue(full.getScene().lookup("#consoleFullscreenBar").isVisible(), "the bar shows on entering");
            waitFor(() -> !full.getScene().lookup("#consoleFullscreenBar").isVisible(), "the bar hides itself");
            assertTrue(full.getScene().lookup("#consoleScroll") instanceof ScrollPane p
                    && p.getHbarPolicy() == ScrollPane.ScrollBarPolicy.NEVER, "full screen scales to fit, even with Fit off");

            // grabbed, F11 still leaves full screen and is not sent to the guest
            robot.clickOn(screen);
            waitFor(() -> viewModel.keyboardGrabbedProperty().get(), "the keyboard grabbed");
            robot.type(KeyCode.A);
            waitFor(() -> server.events().contains("key up 0x61"), "a typed key reaches the guest");
            robot.press(KeyCode.F11).release(KeyCode.F11);
            waitFor(() -> view.fullscreenWindow() == null, "F11 leaves full screen");
            assertFalse(full.isShowing());
            assertSame(normal, screen.getScene(), "the screen is back in its window");
            assertFalse(robot.lookup("#consoleFullscreen").queryAs(ToggleButton.class).isSelected());
            assertTrue(server.events().stream().noneMatch(e -> e.endsWith("0xffc8")), "F11 never reaches the guest: " + server.events());

            // Monocle gives the focus back to no window when one closes (a window manager would): the user clicks it
            robot.interact(() -> stage.requestFocus());
            robot.clickOn(screen);
            waitFor(() -> stage.isFocused() && viewModel.keyboardGrabbedProperty().get(), "the console's window has the keyboard again");
            robot.press(KeyCode.F11).release(KeyCode.F11);
            waitFor(() -> view.fullscreenWindow() != null, "F11 enters full screen too");
            robot.interact(() -> ((javafx.scene.control.Button) view.fullscreenWindow().getScene().lookup("#consoleFullscreenExit")).fire());
            waitFor(() -> view.fullscreenWindow() == null, "the bar's button leaves");
            assertNull(view.fullscreenWindow());
            assertTrue(server.events().stream().noneMatch(e -> e.endsWith("0xffc8")), server.events().toString());
        }
    }

    @Test
    void anAlphaCursorBecomesTheLocalCursorWithItsTranslucency() throws Exception {
        try (TinyRfbServer server = new TinyRfbServer(320, 200)) {
            open(server);
            // 2x1: half-transparent red (premultiplied 128,0,0,128) and opaque blue
            server.alphaCursor(2, 1, 1, 0, new byte[] {(byte) 128, 0, 0, (byte) 128, 0, 0, (byte) 255, (byte) 255});
            Node screen = robot.lookup("#consoleScreen").query();
            waitFor(() -> screen.getCursor() instanceof javafx.scene.ImageCursor, "the server's cursor on the screen");
            javafx.scene.ImageCursor c = (javafx.scene.ImageCursor) screen.getCursor();
            assertEquals(2, (int) c.getImage().getWidth());
            assertEquals(1.0, c.getHotspotX());
            int translucent = c.getImage().getPixelReader().getArgb(0, 0);
            assertEquals(0x80, translucent >>> 24, Integer.toHexString(translucent));
            assertTrue(((translucent >>> 16) & 0xFF) >= 0xFD && (translucent & 0xFFFF) == 0, "red, unpremultiplied: " + Integer.toHexString(translucent));
            assertEquals(0xFF0000FF, c.getImage().getPixelReader().getArgb(1, 0));
        }
    }
}
