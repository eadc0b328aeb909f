package io.rackdesk.viewmodels.console;

import io.rackdesk.app.console.ConsoleFrame;
import io.rackdesk.app.console.ConsoleLink;
import io.rackdesk.app.console.ConsolePlan;
import io.rackdesk.app.console.ConsoleStatus;
import io.rackdesk.app.console.KeyStroke;
import io.rackdesk.app.console.SendKeys;
import io.rackdesk.app.connections.ssh.ChangedHostKeyException;
import io.rackdesk.app.connections.ssh.HostKey;
import io.rackdesk.app.connections.ssh.HostKeyException;
import io.rackdesk.app.connections.ssh.UnknownHostKeyException;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtErrors;
import io.rackdesk.app.task.BackgroundTask;
import io.rackdesk.app.task.Cancellable;
import io.rackdesk.app.task.TaskExecutor;
import io.rackdesk.app.task.Worker;
import io.rackdesk.viewmodels.DialogService;
import io.rackdesk.viewmodels.vms.VmItem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One VNC console: where it stands (with a localized status and overlay text), its switches (scale to
 * fit, view-only, clipboard each way, keyboard grab), send-keys, screenshots, reconnect and
 * disconnect. The connection's threads reach this object only through the executor's UI thread;
 * pixels go from the connection's frame to the view, one hand-off at a time ({@link #frameSerialProperty()}).
 */
public final class ConsoleViewModel {
    /** Where the console stands, as the UI shows it. */
    public enum Phase { IDLE, RESOLVING, UNAVAILABLE, CONNECTING, AUTHENTICATING, CONNECTED, RETRYING, FAILED, DISCONNECTED }

    /** A cursor shape from the server (opaque/transparent ARGB). */
    public record CursorShape(int[] argb, int width, int height, int hotX, int hotY) {
    }

    /** What releases the keyboard grab: pressing both at once. */
    public static final String RELEASE_COMBINATION = "Ctrl+Alt";
    /** What enters and leaves full screen (never sent to the guest). */
    public static final String FULLSCREEN_KEY = "F11";
    /** How long the view's size must hold still before the guest is asked to match it. */
    public static final Duration RESIZE_DEBOUNCE = Duration.ofMillis(300);

    private final Localization l10n;
    private final TaskExecutor tasks;
    private final Worker io;
    private final ConsoleLink.Connector connector;
    private final ConsoleSource source;
    private final DialogService dialogs;

    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.IDLE);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper overlayText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper target = new ReadOnlyStringWrapper("");
    private final BooleanProperty scaleToFit = new SimpleBooleanProperty(true);
    private final BooleanProperty viewOnly = new SimpleBooleanProperty(false);
    private final BooleanProperty sendClipboard = new SimpleBooleanProperty(false);
    private final BooleanProperty receiveClipboard = new SimpleBooleanProperty(true);
    private final ReadOnlyBooleanWrapper keyboardGrabbed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper grabHint = new ReadOnlyStringWrapper("");
    private final ObservableList<SendKeys> sendKeyChoices = FXCollections.observableArrayList(SendKeys.all());
    private final ReadOnlyLongWrapper frameSerial = new ReadOnlyLongWrapper();
    private final ReadOnlyObjectWrapper<CursorShape> cursor = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper incomingClipboard = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final BooleanBinding connected = Bindings.equal(Phase.CONNECTED, phase);
    private final BooleanProperty fullscreen = new SimpleBooleanProperty(false);
    private final BooleanProperty resizeGuest = new SimpleBooleanProperty(false);
    private final ReadOnlyBooleanWrapper desktopResizable = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<HostKey> trustableKey = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper hostKeyText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper fullscreenHint = new ReadOnlyStringWrapper("");
    /** The view's last size in screen pixels (0 before the first), for "resize guest to window". */
    private int viewWidth;
    private int viewHeight;
    private Cancellable resizeTimer;
    /** The size last asked of the guest, so the same size is not asked again. */
    private String askedSize;

    private ConsoleLink link;
    private ConsolePlan.Reachable plan;
    private VmItem vm;
    /** The last clipboard text either way, so text that came from the guest is not sent straight back. */
    private String lastClipboard;
    /** Follows the VM: started, its console opens; stopped, it closes instead of retrying for ever. */
    private final javafx.beans.value.ChangeListener<io.rackdesk.app.model.VmState> vmState = (obs, was, now) -> {
        if (vm != null && was != null && now != null && was.isActive() != now.isActive()) {
            open(vm);
        }
    };
    private int generation;
    private Cancellable countdown;
    private int retryLeft;
    private String retryReason;

    /** Without dialogs: an unknown SSH host key can then not be trusted from the console (tools, tests). */
    public ConsoleViewModel(Localization l10n, TaskExecutor tasks, Worker io, ConsoleLink.Connector connector, ConsoleSource source) {
        this(l10n, tasks, io, connector, source, null);
    }

    /** {@code dialogs} confirms trusting an unknown SSH host key. */
    public ConsoleViewModel(Localization l10n, TaskExecutor tasks, Worker io, ConsoleLink.Connector connector, ConsoleSource source,
                            DialogService dialogs) {
        this.l10n = Objects.requireNonNull(l10n);
        this.tasks = Objects.requireNonNull(tasks);
        this.io = Objects.requireNonNull(io);
        this.connector = Objects.requireNonNull(connector);
        this.source = Objects.requireNonNull(source);
        this.dialogs = dialogs;
        fullscreen.addListener((obs, was, is) -> fullscreenHint.set(is ? l10n.lang("console.fullscreen.hint", FULLSCREEN_KEY, RELEASE_COMBINATION) : ""));
        resizeGuest.addListener((obs, was, is) -> {
            askedSize = null;
            if (is) {
                scheduleResize();
            }
        });
        keyboardGrabbed.addListener((obs, was, is) -> grabHint.set(is ? l10n.lang("console.grabbed", RELEASE_COMBINATION) : ""));
        viewOnly.addListener((obs, was, is) -> {
            if (is) {
                releaseKeyboard();
            }
        });
        receiveClipboard.addListener((obs, was, is) -> {
            if (!is) {
                incomingClipboard.set(null);
            }
            if (link != null) {
                link.receiveClipboard(is);
            }
        });
        show(Phase.IDLE, l10n.lang("console.idle"));
    }

    // ------------------------------------------------------------------ opening and closing

    /** Shows {@code vm}'s console: reads its graphics, then connects or explains why it cannot. */
    public void open(VmItem vm) {
        close();
        this.vm = vm;
        vm.stateProperty().addListener(vmState);
        if (!vm.getState().isActive()) { // a stopped VM may keep a fixed port in its XML, with nobody listening
            show(Phase.UNAVAILABLE, explain(new ConsolePlan.Impossible(ConsolePlan.Problem.NOT_RUNNING, "")));
            return;
        }
        int g = generation;
        show(Phase.RESOLVING, l10n.lang("console.resolving", vm.name()));
        tasks.execute(BackgroundTask.async(l10n.lang("task.consoleResolve", vm.name()), () -> source.resolve(vm))
                .quiet()
                .onSuccess(p -> {
                    if (g == generation) {
                        start(p);
                    }
                })
                .onFailure(e -> {
                    if (g == generation) {
                        show(Phase.UNAVAILABLE, l10n.lang("console.resolveFailed", LibvirtErrors.describe(e)));
                    }
                }));
    }

    /** Connects as {@code p} says, or shows its explanation. */
    public void open(ConsolePlan p) {
        close();
        start(p);
    }

    private void start(ConsolePlan p) {
        if (p instanceof ConsolePlan.Impossible impossible) {
            show(Phase.UNAVAILABLE, explain(impossible));
            return;
        }
        plan = (ConsolePlan.Reachable) p;
        connect();
    }

    private void connect() {
        String where = plan.where();
        target.set(where);
        int g = ++generation;
        ConsoleLink[] self = new ConsoleLink[1];
        show(Phase.CONNECTING, l10n.lang("console.connecting", where));
        self[0] = connector.connect(plan, new ConsoleLink.Listener() {
            @Override
            public void status(ConsoleStatus s) {
                tasks.runOnUiThread(() -> {
                    if (g == generation) {
                        onStatus(s);
                    }
                });
            }

            @Override
            public void frameReady() {
                tasks.runOnUiThread(() -> {
                    if (g == generation) {
                        frameSerial.set(frameSerial.get() + 1);
                    }
                });
            }

            @Override
            public void serverCutText(String text) {
                tasks.runOnUiThread(() -> {
                    if (g == generation && receiveClipboard.get()) {
                        lastClipboard = text;
                        incomingClipboard.set(text);
                    }
                });
            }

            @Override
            public void cursor(int[] argb, int width, int height, int hotX, int hotY) {
                CursorShape c = new CursorShape(argb, width, height, hotX, hotY);
                tasks.runOnUiThread(() -> {
                    if (g == generation) {
                        cursor.set(c);
                    }
                });
            }

            @Override
            public void desktopResizable() {
                tasks.runOnUiThread(() -> {
                    if (g == generation) {
                        desktopResizable.set(true);
                        scheduleResize();
                    }
                });
            }

            @Override
            public void desktopResizeResult(int status) {
                tasks.runOnUiThread(() -> {
                    if (g == generation) {
                        onResizeResult(status);
                    }
                });
            }

        });
        link = self[0];
        link.receiveClipboard(receiveClipboard.get());
    }

    private void onStatus(ConsoleStatus s) {
        stopCountdown();
        if (s.state() != ConsoleStatus.State.FAILED) {
            explainHostKey(null);
        }
        if (s.state() == ConsoleStatus.State.CONNECTED) {
            askedSize = null; // a new session: the guest may have another size now
        } else {
            desktopResizable.set(false);
        }
        String where = target.get();
        switch (s.state()) {
            case CONNECTING -> show(Phase.CONNECTING, l10n.lang("console.connecting", where));
            case AUTHENTICATING -> show(Phase.AUTHENTICATING, l10n.lang("console.authenticating", where));
            case CONNECTED -> show(Phase.CONNECTED, l10n.lang("console.connected", where));
            case DISCONNECTED_RETRYING -> {
                retryLeft = s.retryInSeconds();
                retryReason = s.reason();
                showRetry();
                countdown = tasks.schedule(Duration.ofSeconds(1), this::tick);
            }
            case FAILED -> {
                releaseKeyboard();
                show(Phase.FAILED, l10n.lang("console.failed", s.reason()));
                explainHostKey(s.hostKeyProblem());
            }
            case CLOSED -> {
                // only after close() or disconnect(), which already said so
            }
        }
        if (s.state() != ConsoleStatus.State.CONNECTED) {
            releaseKeyboard();
        }
    }

    private void tick() {
        if (phase.get() != Phase.RETRYING) {
            return;
        }
        retryLeft = Math.max(0, retryLeft - 1);
        showRetry();
        if (retryLeft > 0) {
            countdown = tasks.schedule(Duration.ofSeconds(1), this::tick);
        }
    }

    private void showRetry() {
        show(Phase.RETRYING, l10n.lang("console.retrying", retryLeft, retryReason == null ? "" : retryReason));
    }

    private void stopCountdown() {
        if (countdown != null) {
            countdown.cancel();
            countdown = null;
        }
    }

    /** Closes the connection and forgets the console (another VM selected, tab closed). */
    public void close() {
        generation++;
        stopCountdown();
        stopResizeTimer();
        desktopResizable.set(false);
        explainHostKey(null);
        fullscreen.set(false);
        releaseKeyboard();
        if (link != null) {
            link.close();
            link = null;
        }
        plan = null;
        if (vm != null) {
            vm.stateProperty().removeListener(vmState);
            vm = null;
        }
        lastClipboard = null;
        cursor.set(null);
        target.set("");
        show(Phase.IDLE, l10n.lang("console.idle"));
    }

    /** Ends the connection but keeps the console, so {@link #reconnect()} opens it again. */
    public void disconnect() {
        ConsolePlan.Reachable keep = plan;
        VmItem keepVm = vm;
        String where = target.get();
        close();
        plan = keep;
        vm = keepVm;
        if (vm != null) {
            vm.stateProperty().addListener(vmState);
        }
        target.set(where);
        if (keep != null) {
            show(Phase.DISCONNECTED, l10n.lang("console.disconnected", where));
        }
    }

    /**
     * Tries again now: after a failure, while waiting to retry, after a disconnect, or to refresh a
     * live console. Without a connection plan (the VM was not running) its graphics are read again.
     */
    public void reconnect() {
        if (link != null) {
            link.reconnectNow();
        } else if (plan != null) {
            connect();
        } else if (vm != null) {
            open(vm);
        }
    }

    /** The VM whose console this is, or null. */
    public VmItem vm() {
        return vm;
    }

    private void show(Phase p, String text) {
        phase.set(p);
        statusText.set(text);
        overlayText.set(p == Phase.CONNECTED ? "" : text);
    }

    private String explain(ConsolePlan.Impossible p) {
        String key = switch (p.problem()) {
            case NO_GRAPHICS -> "console.problem.noGraphics";
            case NOT_VNC -> "console.problem.notVnc";
            case NOT_RUNNING -> "console.problem.notRunning";
            case UNIX_SOCKET -> "console.problem.unixSocket";
            case NO_LISTENER -> "console.problem.noListener";
            case SSH_TARGET_INVALID -> "console.problem.sshTarget";
            case LOOPBACK_UNREACHABLE -> "console.problem.loopbackUnreachable";
            case BAD_URI -> "console.problem.badUri";
        };
        return l10n.lang(key, p.detail());
    }

    // ------------------------------------------------------------------ SSH host key

    /**
     * After the tunnel stopped at the host key check: an unknown key may be trusted ({@link
     * #trustableKeyProperty()}), a changed one is only explained: it is never offered for trust.
     */
    private void explainHostKey(HostKeyException problem) {
        if (problem instanceof UnknownHostKeyException u) {
            HostKey k = u.hostKey();
            trustableKey.set(k);
            hostKeyText.set(l10n.lang("console.hostKey.unknown", k.address(), typeOf(k), k.fingerprint()));
        } else if (problem instanceof ChangedHostKeyException c) {
            trustableKey.set(null);
            hostKeyText.set(l10n.lang("console.hostKey.changed", c.hostKey().address(), typeOf(c.hostKey()), c.fingerprint()));
        } else {
            trustableKey.set(null);
            hostKeyText.set("");
        }
    }

    private String typeOf(HostKey k) {
        return k.displayType() == null ? l10n.lang("console.hostKey.unknownType") : k.displayType();
    }

    /**
     * "Trust this host key…": asks the user to confirm the key's type and fingerprint, then has the
     * connector add it to the connection's known_hosts at the next login (only if the host presents
     * exactly this key) and connects again. False when nothing was trusted.
     */
    public boolean trustHostKey() {
        HostKey k = trustableKey.get();
        if (k == null || plan == null || dialogs == null) {
            return false;
        }
        String file = plan instanceof ConsolePlan.ViaSsh ssh ? ssh.ssh().knownHosts().toString() : "known_hosts";
        if (!dialogs.confirm(l10n.lang("console.hostKey.trustTitle", k.address()), l10n.lang("console.hostKey.trustMessage", k.address(), file),
                java.util.List.of(typeOf(k) + " " + k.fingerprint()), l10n.lang("console.hostKey.trustConfirm"))) {
            return false;
        }
        try {
            connector.trustHostKey(plan, k);
        } catch (RuntimeException e) {
            message.set(l10n.lang("console.hostKey.trustFailed", LibvirtErrors.describe(e)));
            return false;
        }
        explainHostKey(null);
        reconnect();
        return true;
    }

    // ------------------------------------------------------------------ resize guest to window

    /**
     * The view's size in screen pixels changed (the window was resized, full screen entered or
     * left). With "resize guest to window" on, the guest is asked to match once the size has held
     * still for {@link #RESIZE_DEBOUNCE}.
     */
    public void viewSize(int width, int height) {
        if (width == viewWidth && height == viewHeight) {
            return;
        }
        viewWidth = width;
        viewHeight = height;
        scheduleResize();
    }

    private void scheduleResize() {
        stopResizeTimer();
        if (!resizeGuest.get() || !desktopResizable.get() || viewWidth < 1 || viewHeight < 1) {
            return;
        }
        int g = generation;
        resizeTimer = tasks.schedule(RESIZE_DEBOUNCE, () -> {
            resizeTimer = null;
            if (g == generation) {
                sendResize();
            }
        });
    }

    private void sendResize() {
        String size = viewWidth + "x" + viewHeight;
        if (link != null && resizeGuest.get() && phase.get() == Phase.CONNECTED && !size.equals(askedSize)) {
            askedSize = size;
            link.resizeDesktop(viewWidth, viewHeight);
        }
    }

    private void onResizeResult(int status) {
        if (status == 0 || status == 4 || !resizeGuest.get()) { // 4: QEMU forwarded it to the guest's display
            return;
        }
        String why = switch (status) {
            case 1 -> l10n.lang("console.resize.prohibited");
            case 2 -> l10n.lang("console.resize.outOfResources");
            case 3 -> l10n.lang("console.resize.invalidLayout");
            default -> l10n.lang("console.resize.status", status);
        };
        message.set(l10n.lang("console.resize.refused", why));
        resizeGuest.set(false); // said once: no more requests the server refuses
    }

    private void stopResizeTimer() {
        if (resizeTimer != null) {
            resizeTimer.cancel();
            resizeTimer = null;
        }
    }

    /** Full screen on or off ({@value #FULLSCREEN_KEY} and the toolbar button). */
    public void toggleFullscreen() {
        fullscreen.set(!fullscreen.get());
    }

    // ------------------------------------------------------------------ input

    /** A key from the local keyboard; ignored unless connected, grabbed... and not view-only. */
    public void key(boolean down, KeyStroke key) {
        if (link != null && !viewOnly.get() && phase.get() == Phase.CONNECTED) {
            link.key(down, key);
        }
    }

    /** Pointer at framebuffer coordinates with an RFB button mask. */
    public void pointer(int buttons, int x, int y) {
        if (link != null && !viewOnly.get() && phase.get() == Phase.CONNECTED) {
            link.pointer(buttons, x, y);
        }
    }

    public void sendKeys(SendKeys combo) {
        if (link != null && !viewOnly.get() && phase.get() == Phase.CONNECTED) {
            link.sendKeys(combo);
        }
    }

    /**
     * The local clipboard's text, offered when the console takes the keyboard or outgoing clipboard
     * is switched on: sent only when outgoing is on, and only when it is new (not what the guest sent).
     */
    public void localClipboard(String text) {
        if (link != null && text != null && sendClipboard.get() && !viewOnly.get() && phase.get() == Phase.CONNECTED
                && !text.equals(lastClipboard)) {
            lastClipboard = text;
            link.clipboard(text);
        }
    }

    /** Whether keys can go as scan codes (the guest's layout then decides the character). */
    public boolean extendedKeys() {
        return link != null && link.extendedKeys();
    }

    /** The view grabbed the keyboard (a click on the screen); refused while view-only or not connected. */
    public boolean grabKeyboard() {
        if (viewOnly.get() || phase.get() != Phase.CONNECTED) {
            return false;
        }
        keyboardGrabbed.set(true);
        return true;
    }

    public void releaseKeyboard() {
        keyboardGrabbed.set(false);
    }

    // ------------------------------------------------------------------ pixels and screenshots

    /** UI thread: copies what changed since the last call into {@code sink}; false when nothing did. */
    public boolean presentFrame(ConsoleFrame.Sink sink) {
        return link != null && link.frame().present(sink);
    }

    /** Writes the screen as PNG on the I/O worker; the outcome shows in {@link #messageProperty()}. */
    public void screenshot(Path file) {
        ConsoleFrame.Snapshot shot = link == null ? null : link.frame().snapshot();
        if (shot == null) {
            message.set(l10n.lang("console.screenshot.nothing"));
            return;
        }
        tasks.execute(BackgroundTask.on(io, l10n.lang("task.consoleScreenshot", file.getFileName()), Duration.ofSeconds(30), () -> {
            shot.writePng(file);
            return file;
        }).onSuccess(f -> message.set(l10n.lang("console.screenshot.saved", f)))
                .onFailure(e -> message.set(l10n.lang("console.screenshot.failed", LibvirtErrors.describe(e)))));
    }

    // ------------------------------------------------------------------ properties

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** One line on where the console stands, for a status bar or tooltip. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** What to show over the screen: empty while connected. */
    public ReadOnlyStringProperty overlayTextProperty() {
        return overlayText.getReadOnlyProperty();
    }

    /** host:port of the console, or empty. */
    public ReadOnlyStringProperty targetProperty() {
        return target.getReadOnlyProperty();
    }

    public BooleanBinding connectedBinding() {
        return connected;
    }

    /** True: scale the screen to fit the view, keeping its aspect ratio; false: 100 %. */
    public BooleanProperty scaleToFitProperty() {
        return scaleToFit;
    }

    public BooleanProperty viewOnlyProperty() {
        return viewOnly;
    }

    /** Local clipboard text goes to the guest (off by default: what is copied locally may be secret). */
    public BooleanProperty sendClipboardProperty() {
        return sendClipboard;
    }

    /** The guest's clipboard text comes to the local clipboard. */
    public BooleanProperty receiveClipboardProperty() {
        return receiveClipboard;
    }

    public ReadOnlyBooleanProperty keyboardGrabbedProperty() {
        return keyboardGrabbed.getReadOnlyProperty();
    }

    /** "Keyboard grabbed: press Ctrl+Alt to release", or empty. */
    public ReadOnlyStringProperty grabHintProperty() {
        return grabHint.getReadOnlyProperty();
    }

    public ObservableList<SendKeys> sendKeyChoices() {
        return sendKeyChoices;
    }

    /** Counts frame hand-offs: each change means {@link #presentFrame} has something to copy. */
    public ReadOnlyLongProperty frameSerialProperty() {
        return frameSerial.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CursorShape> cursorProperty() {
        return cursor.getReadOnlyProperty();
    }

    /** Text the guest put on its clipboard (while incoming clipboard is on), for the view to put on the local one. */
    public ReadOnlyStringProperty incomingClipboardProperty() {
        return incomingClipboard.getReadOnlyProperty();
    }

    /** The console fills the screen (the view shows it in a full-screen window, scaled to fit). */
    public BooleanProperty fullscreenProperty() {
        return fullscreen;
    }

    /** "Press F11 to leave full screen; Ctrl+Alt releases the keyboard" while in full screen, else empty. */
    public ReadOnlyStringProperty fullscreenHintProperty() {
        return fullscreenHint.getReadOnlyProperty();
    }

    /** Resize guest to window: the guest's screen follows the view's size (where the server allows it). */
    public BooleanProperty resizeGuestProperty() {
        return resizeGuest;
    }

    /** The server takes SetDesktopSize (it speaks ExtendedDesktopSize). */
    public ReadOnlyBooleanProperty desktopResizableProperty() {
        return desktopResizable.getReadOnlyProperty();
    }

    /** The unknown SSH host key the console's tunnel stopped at (may be trusted), or null. */
    public ReadOnlyObjectProperty<HostKey> trustableKeyProperty() {
        return trustableKey.getReadOnlyProperty();
    }

    /** What the host key check found (unknown: type and fingerprint; changed: why it is not offered), or empty. */
    public ReadOnlyStringProperty hostKeyTextProperty() {
        return hostKeyText.getReadOnlyProperty();
    }

    /** The last screenshot's outcome, or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

}
