package io.rackdesk.viewmodels.console;

import io.rackdesk.app.console.ConsoleFrame;
import io.rackdesk.app.console.ConsoleLink;
import io.rackdesk.app.console.ConsolePlan;
import io.rackdesk.app.console.ConsoleStatus;
import io.rackdesk.app.console.KeyStroke;
import io.rackdesk.app.console.SendKeys;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtErrors;
import io.rackdesk.app.task.BackgroundTask;
import io.rackdesk.app.task.Cancellable;
import io.rackdesk.app.task.TaskExecutor;
import io.rackdesk.app.task.Worker;
import io.rackdesk.app.vnc.VncTarget;
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

    private final Localization l10n;
    private final TaskExecutor tasks;
    private final Worker io;
    private final ConsoleLink.Connector connector;
    private final ConsoleSource source;

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

    private ConsoleLink link;
    private ConsolePlan.Direct plan;
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

    public ConsoleViewModel(Localization l10n, TaskExecutor tasks, Worker io, ConsoleLink.Connector connector, ConsoleSource source) {
        this.l10n = Objects.requireNonNull(l10n);
        this.tasks = Objects.requireNonNull(tasks);
        this.io = Objects.requireNonNull(io);
        this.connector = Objects.requireNonNull(connector);
        this.source = Objects.requireNonNull(source);
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
        plan = (ConsolePlan.Direct) p;
        connect();
    }

    private void connect() {
        VncTarget t = plan.target();
        target.set(t.toString());
        int g = ++generation;
        ConsoleLink[] self = new ConsoleLink[1];
        show(Phase.CONNECTING, l10n.lang("console.connecting", t.toString()));
        self[0] = connector.connect(t, plan.password(), new ConsoleLink.Listener() {
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

        });
        link = self[0];
    }

    private void onStatus(ConsoleStatus s) {
        stopCountdown();
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
        ConsolePlan.Direct keep = plan;
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
            case NEEDS_SSH_TUNNEL -> "console.problem.needsSshTunnel";
            case LOOPBACK_UNREACHABLE -> "console.problem.loopbackUnreachable";
            case BAD_URI -> "console.problem.badUri";
        };
        return l10n.lang(key, p.detail());
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

    /** The last screenshot's outcome, or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

}
