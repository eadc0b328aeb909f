package io.rackdesk.views.console;

import io.rackdesk.app.console.DamageAccumulator;
import io.rackdesk.app.console.KeyStroke;
import io.rackdesk.app.console.SendKeys;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.viewmodels.console.ConsoleViewModel;
import io.rackdesk.viewmodels.console.ConsoleViewModel.CursorShape;
import io.rackdesk.viewmodels.console.ConsoleViewModel.Phase;
import io.rackdesk.views.ViewLoader;
import io.rackdesk.views.icons.RackdeskIcon;
import java.io.File;
import java.util.EnumMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.geometry.Bounds;
import javafx.scene.Cursor;
import javafx.scene.ImageCursor;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import java.util.List;
import javafx.stage.StageStyle;
import javafx.stage.Screen;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Tooltip;

/**
 * A VNC console (Console.fxml): the remote screen as an ImageView over a WritableImage that gets
 * only the damaged region of each frame hand-off, scaled to fit (aspect ratio kept) or at 100 %,
 * the mouse mapped through the scale, the keyboard grabbed on click (Ctrl+Alt releases it), and an
 * overlay that says what the console is doing when it shows no live screen.
 */
public final class ConsoleView {
    private static final PseudoClass GRABBED = PseudoClass.getPseudoClass("grabbed");
    private final ConsoleViewModel viewModel;
    private final Localization l10n;
    private final BorderPane root;
    private WritableImage image;
    private int buttons;
    /** Keys down in the guest, so a release sends what the press sent (and a lost grab releases them all). */
    private final Map<KeyCode, KeyStroke> down = new EnumMap<>(KeyCode.class);
    private Runnable onDetach;
    /** The full-screen window while the console is in it (the screen area moves there), else null. */
    private Stage fullscreenStage;
    private final Label fullscreenHint = new Label();
    private final HBox fullscreenBar = new HBox(12);
    private final PauseTransition hideBar = new PauseTransition(javafx.util.Duration.seconds(3));

    @FXML private BorderPane pane; // the root, for use before the loader returns it
    @FXML private ToggleButton scaleToggle;
    @FXML private ToggleButton fullscreenToggle;
    @FXML private ToggleButton resizeGuestToggle;
    @FXML private Tooltip resizeGuestTip;
    @FXML private Label hostKeyText;
    @FXML private Button trustKey;
    @FXML private MenuButton sendKeys;
    @FXML private ToggleButton viewOnlyToggle;
    @FXML private ToggleButton clipboardOutToggle;
    @FXML private ToggleButton clipboardInToggle;
    @FXML private Button screenshotButton;
    @FXML private Button reconnectButton;
    @FXML private Button disconnectButton;
    @FXML private Button detachButton;
    @FXML private StackPane stage;
    @FXML private ScrollPane scroll;
    @FXML private StackPane holder;
    @FXML private ImageView screen;
    @FXML private VBox overlay;
    @FXML private Label overlayText;
    @FXML private Button overlayReconnect;
    @FXML private Label status;
    @FXML private Label hint;
    @FXML private Label message;

    public ConsoleView(ConsoleViewModel viewModel, Localization l10n) {
        this.viewModel = viewModel;
        this.l10n = l10n;
        this.root = ViewLoader.load(this, "Console.fxml", l10n);
    }

    public BorderPane root() {
        return root;
    }

    /** What the Detach button does (the owner moves the console to its own window); hidden when unset. */
    public void setOnDetach(Runnable r) {
        onDetach = r;
        detachButton.setVisible(r != null);
        detachButton.setManaged(r != null);
    }

    public ConsoleViewModel viewModel() {
        return viewModel;
    }

    @FXML
    private void initialize() {
        scaleToggle.setGraphic(RackdeskIcon.CONSOLE_FIT.node());
        sendKeys.setGraphic(RackdeskIcon.CONSOLE_KEYS.node());
        viewOnlyToggle.setGraphic(RackdeskIcon.CONSOLE_VIEW_ONLY.node());
        clipboardOutToggle.setGraphic(RackdeskIcon.CONSOLE_CLIPBOARD_OUT.node());
        clipboardInToggle.setGraphic(RackdeskIcon.CONSOLE_CLIPBOARD_IN.node());
        screenshotButton.setGraphic(RackdeskIcon.CONSOLE_SCREENSHOT.node());
        reconnectButton.setGraphic(RackdeskIcon.REFRESH.node());
        disconnectButton.setGraphic(RackdeskIcon.DISCONNECT.node());
        detachButton.setGraphic(RackdeskIcon.CONSOLE_DETACH.node());
        fullscreenToggle.setGraphic(RackdeskIcon.CONSOLE_FULLSCREEN.node());
        resizeGuestToggle.setGraphic(RackdeskIcon.CONSOLE_RESIZE_GUEST.node());
        trustKey.setGraphic(RackdeskIcon.CONSOLE_TRUST_KEY.node());
        setOnDetach(null);
        initFullscreen();
        initResizeGuest();
        hostKeyText.textProperty().bind(viewModel.hostKeyTextProperty());
        hostKeyText.visibleProperty().bind(viewModel.hostKeyTextProperty().isNotEmpty());
        hostKeyText.managedProperty().bind(hostKeyText.visibleProperty());
        trustKey.visibleProperty().bind(viewModel.trustableKeyProperty().isNotNull());
        trustKey.managedProperty().bind(trustKey.visibleProperty());

        scaleToggle.selectedProperty().bindBidirectional(viewModel.scaleToFitProperty());
        viewOnlyToggle.selectedProperty().bindBidirectional(viewModel.viewOnlyProperty());
        clipboardOutToggle.selectedProperty().bindBidirectional(viewModel.sendClipboardProperty());
        clipboardInToggle.selectedProperty().bindBidirectional(viewModel.receiveClipboardProperty());
        for (SendKeys combo : viewModel.sendKeyChoices()) {
            MenuItem item = new MenuItem(combo.label());
            item.setOnAction(e -> viewModel.sendKeys(combo));
            sendKeys.getItems().add(item);
        }
        sendKeys.disableProperty().bind(viewModel.connectedBinding().not().or(viewModel.viewOnlyProperty()));
        screenshotButton.disableProperty().bind(viewModel.connectedBinding().not());
        disconnectButton.disableProperty().bind(viewModel.phaseProperty().isEqualTo(Phase.IDLE)
                .or(viewModel.phaseProperty().isEqualTo(Phase.DISCONNECTED)).or(viewModel.phaseProperty().isEqualTo(Phase.UNAVAILABLE)));
        reconnectButton.disableProperty().bind(viewModel.phaseProperty().isEqualTo(Phase.IDLE));

        overlayText.textProperty().bind(viewModel.overlayTextProperty());
        overlay.visibleProperty().bind(viewModel.overlayTextProperty().isNotEmpty());
        overlayReconnect.visibleProperty().bind(Bindings.createBooleanBinding(() -> switch (viewModel.phaseProperty().get()) {
            case RETRYING, FAILED, DISCONNECTED, UNAVAILABLE -> true;
            default -> false;
        }, viewModel.phaseProperty()));
        overlayReconnect.managedProperty().bind(overlayReconnect.visibleProperty());
        // a live screen behind a "retrying" overlay is dimmed, not hidden: the last picture stays
        screen.opacityProperty().bind(Bindings.when(viewModel.connectedBinding()).then(1.0).otherwise(0.35));
        status.textProperty().bind(viewModel.statusTextProperty());
        hint.textProperty().bind(Bindings.createStringBinding(() -> viewModel.keyboardGrabbedProperty().get()
                ? viewModel.grabHintProperty().get()
                : viewModel.connectedBinding().get() && !viewModel.viewOnlyProperty().get() ? l10n.lang("console.clickToGrab") : "",
                viewModel.keyboardGrabbedProperty(), viewModel.grabHintProperty(), viewModel.connectedBinding(), viewModel.viewOnlyProperty()));
        viewModel.keyboardGrabbedProperty().addListener((obs, was, is) -> hint.pseudoClassStateChanged(GRABBED, is));
        message.textProperty().bind(viewModel.messageProperty());

        viewModel.frameSerialProperty().addListener((obs, old, now) -> viewModel.presentFrame(this::copy));
        viewModel.cursorProperty().addListener((obs, old, c) -> screen.setCursor(cursor(c)));
        viewModel.incomingClipboardProperty().addListener((obs, old, text) -> {
            if (text != null) {
                ClipboardContent content = new ClipboardContent();
                content.putString(text);
                Clipboard.getSystemClipboard().setContent(content);
            }
        });
        viewModel.phaseProperty().addListener((obs, old, now) -> {
            if (now != Phase.CONNECTED) {
                image = null; // the next connection starts with a full frame
            }
            if (now == Phase.IDLE || now == Phase.RESOLVING || now == Phase.UNAVAILABLE) {
                screen.setImage(null); // another VM's console, or none: no stale picture behind the text
            }
        });

        scroll.viewportBoundsProperty().addListener((obs, old, b) -> layoutScreen());
        viewModel.scaleToFitProperty().addListener((obs, old, now) -> layoutScreen());
        layoutScreen();

        screen.addEventHandler(MouseEvent.ANY, this::mouse);
        screen.addEventHandler(ScrollEvent.SCROLL, this::wheel);
        stage.addEventFilter(KeyEvent.ANY, this::key);
        stage.focusedProperty().addListener((obs, was, is) -> {
            if (!is) {
                releaseGrab();
            }
        });
        viewModel.keyboardGrabbedProperty().addListener((obs, was, is) -> {
            if (is) {
                offerClipboard();
            } else {
                releaseKeys();
            }
        });
        viewModel.sendClipboardProperty().addListener((obs, was, is) -> offerClipboard());
    }

    // ------------------------------------------------------------------ pixels

    /** Copies the frame's dirty region into the image (a new image when the screen size changed). */
    private void copy(int[] argb, int stride, int width, int height, DamageAccumulator.Region dirty, boolean resized) {
        DamageAccumulator.Region r = dirty;
        if (image == null || resized || (int) image.getWidth() != width || (int) image.getHeight() != height) {
            image = new WritableImage(width, height);
            screen.setImage(image);
            r = new DamageAccumulator.Region(0, 0, width, height);
            layoutScreen();
        }
        // the frame's pixels are opaque, so the premultiplied format (the image's own) needs no conversion
        image.getPixelWriter().setPixels(r.x(), r.y(), r.width(), r.height(), PixelFormat.getIntArgbPreInstance(),
                argb, r.y() * stride + r.x(), stride);
    }

    /**
     * Fit (and always in full screen): the image scaled into the viewport, aspect ratio kept, no
     * scroll bars. 100 %: natural size, scroll bars as needed. The viewport's size also goes to
     * "resize guest to window".
     */
    private void layoutScreen() {
        Bounds v = scroll.getViewportBounds();
        holder.setMinSize(v.getWidth(), v.getHeight()); // centred when smaller than the viewport
        if (v.getWidth() >= 1 && v.getHeight() >= 1) {
            viewModel.viewSize((int) Math.floor(v.getWidth()), (int) Math.floor(v.getHeight()));
        }
        if (viewModel.scaleToFitProperty().get() || viewModel.fullscreenProperty().get()) {
            scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
            scroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
            screen.setFitWidth(Math.max(1, v.getWidth()));
            screen.setFitHeight(Math.max(1, v.getHeight()));
        } else {
            scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
            scroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
            screen.setFitWidth(0);
            screen.setFitHeight(0);
        }
    }

    WritableImage image() {
        return image;
    }

    private static Cursor cursor(CursorShape c) {
        if (c == null || c.width() == 0 || c.height() == 0) {
            return c == null ? Cursor.DEFAULT : Cursor.NONE;
        }
        WritableImage img = new WritableImage(c.width(), c.height());
        img.getPixelWriter().setPixels(0, 0, c.width(), c.height(), PixelFormat.getIntArgbInstance(), c.argb(), 0, c.width());
        return new ImageCursor(img, c.hotX(), c.hotY());
    }

    // ------------------------------------------------------------------ mouse

    private void mouse(MouseEvent e) {
        if (image == null) {
            return;
        }
        if (e.getEventType() == MouseEvent.MOUSE_PRESSED) {
            stage.requestFocus();
            viewModel.grabKeyboard();
        }
        if (e.getEventType() == MouseEvent.MOUSE_PRESSED || e.getEventType() == MouseEvent.MOUSE_RELEASED) {
            int bit = bit(e.getButton());
            buttons = e.getEventType() == MouseEvent.MOUSE_PRESSED ? buttons | bit : buttons & ~bit;
        } else if (e.getEventType() != MouseEvent.MOUSE_MOVED && e.getEventType() != MouseEvent.MOUSE_DRAGGED) {
            return;
        }
        viewModel.pointer(buttons, fbX(e.getX()), fbY(e.getY()));
        e.consume();
    }

    /** RFB button bits: 1 left, 2 middle, 4 right (8 and 16 are the wheel). */
    private static int bit(MouseButton b) {
        return switch (b) {
            case PRIMARY -> 1;
            case MIDDLE -> 2;
            case SECONDARY -> 4;
            default -> 0;
        };
    }

    private void wheel(ScrollEvent e) {
        if (image == null || e.getDeltaY() == 0) {
            return;
        }
        int wheel = e.getDeltaY() > 0 ? 8 : 16;
        int x = fbX(e.getX());
        int y = fbY(e.getY());
        viewModel.pointer(buttons | wheel, x, y);
        viewModel.pointer(buttons, x, y);
        e.consume();
    }

    int fbX(double x) {
        double shown = screen.getLayoutBounds().getWidth();
        return clamp((int) (x * image.getWidth() / Math.max(1, shown)), (int) image.getWidth());
    }

    int fbY(double y) {
        double shown = screen.getLayoutBounds().getHeight();
        return clamp((int) (y * image.getHeight() / Math.max(1, shown)), (int) image.getHeight());
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(size - 1, v));
    }

    // ------------------------------------------------------------------ keyboard

    private void key(KeyEvent e) {
        if (!viewModel.keyboardGrabbedProperty().get()) {
            return;
        }
        e.consume(); // grabbed: Tab, arrows, accelerators all go to the guest
        if (e.getEventType() == KeyEvent.KEY_PRESSED) {
            if ((e.getCode() == KeyCode.CONTROL && e.isAltDown()) || (e.getCode() == KeyCode.ALT && e.isControlDown())) {
                releaseGrab(); // the release combination: Ctrl+Alt
                return;
            }
            KeyStroke k = down.containsKey(e.getCode()) ? down.get(e.getCode()) : FxKeyMap.of(e);
            if (k != null) {
                down.put(e.getCode(), k);
                viewModel.key(true, k); // auto-repeat sends more presses, as a real keyboard does
            }
        } else if (e.getEventType() == KeyEvent.KEY_RELEASED) {
            KeyStroke k = down.remove(e.getCode());
            if (k != null) {
                viewModel.key(false, k);
            }
        }
    }

    /** JavaFX tells no one when the clipboard changes: its text is offered whenever the user turns to the console. */
    private void offerClipboard() {
        if (viewModel.sendClipboardProperty().get()) {
            Clipboard c = Clipboard.getSystemClipboard();
            if (c.hasString()) {
                viewModel.localClipboard(c.getString());
            }
        }
    }

    private void releaseGrab() {
        viewModel.releaseKeyboard();
        releaseKeys();
    }

    /** Releases in the guest every key it thinks is down (nothing stays stuck after the grab ends). */
    private void releaseKeys() {
        for (KeyStroke k : down.values()) {
            viewModel.key(false, k);
        }
        down.clear();
    }

    // ------------------------------------------------------------------ full screen and resize

    private void initFullscreen() {
        fullscreenToggle.selectedProperty().bindBidirectional(viewModel.fullscreenProperty());
        pane.addEventFilter(KeyEvent.ANY, this::fullscreenKey);
        fullscreenHint.textProperty().bind(viewModel.fullscreenHintProperty());
        Button leave = new Button(l10n.lang("console.fullscreen.exit"), RackdeskIcon.CONSOLE_FULLSCREEN_EXIT.node());
        leave.setId("consoleFullscreenExit");
        leave.setFocusTraversable(false);
        leave.setOnAction(e -> viewModel.fullscreenProperty().set(false));
        fullscreenBar.getChildren().setAll(fullscreenHint, leave);
        fullscreenBar.setId("consoleFullscreenBar");
        fullscreenBar.getStyleClass().add("console-fullscreen-bar");
        fullscreenBar.setAlignment(Pos.CENTER);
        fullscreenBar.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        hideBar.setOnFinished(e -> fullscreenBar.setVisible(false));
        viewModel.fullscreenProperty().addListener((obs, was, is) -> {
            if (is) {
                enterFullscreen();
            } else {
                leaveFullscreen();
            }
            layoutScreen();
        });
    }

    /** F11 enters and leaves full screen and never reaches the guest (grabbed or not). */
    private void fullscreenKey(KeyEvent e) {
        if (e.getCode() == KeyCode.F11) {
            e.consume();
            if (e.getEventType() == KeyEvent.KEY_PRESSED) {
                viewModel.toggleFullscreen();
            }
        }
    }

    /** Moves the screen area into a window of its own in full screen, with the auto-hiding bar over it. */
    private void enterFullscreen() {
        if (fullscreenStage != null) {
            return;
        }
        Scene owner = pane.getScene();
        pane.setCenter(null);
        StackPane full = new StackPane(stage, fullscreenBar);
        full.getStyleClass().add("console-stage");
        StackPane.setAlignment(fullscreenBar, Pos.TOP_CENTER);
        full.addEventFilter(KeyEvent.ANY, this::fullscreenKey);
        full.addEventFilter(MouseEvent.MOUSE_MOVED, e -> {
            if (e.getY() < 48) {
                showBar(); // the pointer at the top edge brings the bar back
            }
        });
        // Not JavaFX's full-screen mode: its "press Esc" notice is a fade animation on the window that,
        // when the window closes during it, fails in every later pulse and leaves rendering stuck (seen
        // as a frozen toolkit in CI). An undecorated window over the whole screen is what window managers
        // treat as full screen too (mutter, KWin, Xfwm), and there is no notice to suppress.
        Rectangle2D bounds = screenOf(owner).getBounds();
        Scene scene = new Scene(full, bounds.getWidth(), bounds.getHeight());
        Stage window = new Stage(StageStyle.UNDECORATED);
        window.setX(bounds.getMinX());
        window.setY(bounds.getMinY());
        window.setWidth(bounds.getWidth());
        window.setHeight(bounds.getHeight());
        if (owner != null) {
            scene.getStylesheets().setAll(owner.getStylesheets());
            if (owner.getWindow() instanceof Stage w) {
                window.getIcons().setAll(w.getIcons());
                window.setTitle(w.getTitle());
            }
        }
        window.setScene(scene);
        window.setOnHidden(e -> viewModel.fullscreenProperty().set(false));
        fullscreenStage = window;
        window.show();
        stage.requestFocus();
        showBar();
    }

    private void leaveFullscreen() {
        Stage window = fullscreenStage;
        if (window == null) {
            return;
        }
        fullscreenStage = null;
        hideBar.stop();
        window.setOnHidden(null);
        window.hide();
        ((StackPane) window.getScene().getRoot()).getChildren().clear();
        pane.setCenter(stage);
        stage.requestFocus();
    }

    /** The screen the console's window is on (the primary one without a window). */
    private static Screen screenOf(Scene owner) {
        if (owner == null || owner.getWindow() == null) {
            return Screen.getPrimary();
        }
        javafx.stage.Window w = owner.getWindow();
        List<Screen> screens = Screen.getScreensForRectangle(w.getX(), w.getY(), Math.max(1, w.getWidth()), Math.max(1, w.getHeight()));
        return screens.isEmpty() ? Screen.getPrimary() : screens.get(0);
    }

    private void showBar() {
        fullscreenBar.setVisible(true);
        hideBar.playFromStart();
    }

    /** The full-screen window, or null (tests). */
    Stage fullscreenWindow() {
        return fullscreenStage;
    }

    private void initResizeGuest() {
        resizeGuestToggle.selectedProperty().bindBidirectional(viewModel.resizeGuestProperty());
        var unsupported = viewModel.connectedBinding().and(viewModel.desktopResizableProperty().not());
        // a server without ExtendedDesktopSize: the toggle cannot do anything (turning it off stays possible)
        resizeGuestToggle.disableProperty().bind(unsupported.and(resizeGuestToggle.selectedProperty().not()));
        resizeGuestTip.textProperty().bind(Bindings.when(unsupported)
                .then(l10n.lang("console.resizeGuest.unsupported")).otherwise(l10n.lang("console.resizeGuest.tooltip")));
    }

    // ------------------------------------------------------------------ commands

    @FXML
    private void trustHostKey() {
        viewModel.trustHostKey();
    }

    @FXML
    private void screenshot() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(l10n.lang("console.screenshot.title"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG", "*.png"));
        chooser.setInitialFileName("console.png");
        File f = chooser.showSaveDialog(root.getScene().getWindow());
        if (f != null) {
            viewModel.screenshot(f.toPath());
        }
    }

    @FXML
    private void reconnect() {
        viewModel.reconnect();
    }

    @FXML
    private void disconnect() {
        viewModel.disconnect();
    }

    @FXML
    private void detach() {
        if (onDetach != null) {
            onDetach.run();
        }
    }
}
