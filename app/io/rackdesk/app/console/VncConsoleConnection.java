package io.rackdesk.app.console;

import io.rackdesk.app.connections.ssh.HostKey;
import io.rackdesk.app.connections.ssh.HostKeyException;
import io.rackdesk.app.ssh.SshLoginException;
import io.rackdesk.app.vnc.RfbSecurityException;
import io.rackdesk.app.vnc.RfbSession;
import io.rackdesk.app.vnc.VncOptions;
import io.rackdesk.app.vnc.VncTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One console: an {@link RfbSession} read by its own daemon thread (connect, then messages and
 * incremental update requests), reconnecting by itself after network failures with a growing pause
 * (1, 2, 4 .. 30 s), but not after a wrong password, an untrusted certificate, or an SSH host key or
 * login that was refused. How a session is made is the {@link Dialer}'s business: a direct socket
 * or an SSH tunnel ({@link VncConsoleOpener}). Input goes through a queue to a single sender thread,
 * so callers (the UI thread) never wait on the network.
 */
public final class VncConsoleConnection implements ConsoleLink {
    private static final Logger LOG = LoggerFactory.getLogger(VncConsoleConnection.class);
    private static final AtomicInteger SERIAL = new AtomicInteger();
    static final int MAX_RETRY_SECONDS = 30;

    /** Makes one connected, handshaken session (blocking; called on the reader thread). */
    @FunctionalInterface
    public interface Dialer {
        RfbSession dial(VncOptions options, RfbSession.Listener listener) throws IOException;
    }

    private final String target;
    private final Dialer dialer;
    private final Supplier<VncOptions> options;
    private final Listener listener;
    private final ConsoleFrame frame = new ConsoleFrame();
    private final Thread reader;
    private final ExecutorService sender;
    private final Object wakeUp = new Object();
    private volatile RfbSession session;
    private volatile Motion waitingMotion;
    private volatile int lastButtons;
    private volatile boolean closed;
    private volatile boolean receiveClipboard = true;
    private boolean retryNow; // guarded by wakeUp

    /**
     * Starts connecting at once. {@code options} makes fresh options for each attempt (they are
     * mutable and per session).
     */
    public VncConsoleConnection(VncTarget target, Supplier<VncOptions> options, Listener listener) {
        this(target.toString(), (o, l) -> RfbSession.connect(target, o, l), options, listener);
    }

    /**
     * Starts connecting at once through {@code dialer}; {@code where} names the console in thread
     * names and logs.
     */
    public VncConsoleConnection(String where, Dialer dialer, Supplier<VncOptions> options, Listener listener) {
        this.target = Objects.requireNonNull(where);
        this.dialer = Objects.requireNonNull(dialer);
        this.options = Objects.requireNonNull(options);
        this.listener = Objects.requireNonNull(listener);
        int n = SERIAL.incrementAndGet();
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vnc-send-" + n + "-" + target);
            t.setDaemon(true);
            return t;
        });
        this.reader = new Thread(this::run, "vnc-read-" + n + "-" + target);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * A connector with Rackdesk's defaults that opens plans with {@code opener} (direct or through
     * its SSH tunnels): 10 s to connect and handshake, then no read timeout (an idle console is silent).
     */
    public static Connector connector(VncConsoleOpener opener) {
        Objects.requireNonNull(opener);
        return new Connector() {
            @Override
            public ConsoleLink connect(ConsolePlan.Reachable plan, Listener listener) {
                return new VncConsoleConnection(plan.where(), (o, l) -> opener.open(plan, o, l), () -> {
                    VncOptions o = new VncOptions().connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(10));
                    if (plan.password() != null) {
                        o.password(plan.password().getBytes(StandardCharsets.UTF_8));
                    }
                    return o;
                }, listener);
            }

            @Override
            public void trustHostKey(ConsolePlan.Reachable plan, HostKey key) {
                if (!(plan instanceof ConsolePlan.ViaSsh ssh) || opener.tunnels() == null) {
                    throw new IllegalArgumentException("the console " + plan.where() + " is not reached through an SSH tunnel");
                }
                opener.tunnels().trustHostKey(ssh.ssh(), key);
            }
        };
    }

    /** {@link #connector(VncConsoleOpener)} for direct consoles only (tests): a plan through SSH fails to open. */
    public static Connector connector() {
        return connector(VncConsoleOpener.directOnly());
    }

    /** The pause before attempt {@code failures} (1-based): 1, 2, 4, 8, 16, 30, 30 .. seconds. */
    static int retryDelaySeconds(int failures) {
        return failures >= 6 ? MAX_RETRY_SECONDS : Math.min(MAX_RETRY_SECONDS, 1 << (failures - 1));
    }

    /**
     * Failures that another attempt would repeat: the user must change something first (a password,
     * a certificate, known_hosts, the SSH key).
     */
    static boolean isPermanent(Exception e) {
        return e instanceof RfbSecurityException || e instanceof SSLException || e instanceof SshLoginException
                || e instanceof HostKeyException;
    }

    private void run() {
        int failures = 0;
        while (!closed) {
            listener.status(ConsoleStatus.of(ConsoleStatus.State.CONNECTING));
            RfbSession s = null;
            try {
                s = dialer.dial(options.get(), sessionListener());
                session = s;
                s.receiveClipboard(receiveClipboard); // after publishing the session: a switch meanwhile reaches it one way or the other
                if (closed) {
                    break;
                }
                s.setReadTimeout(Duration.ZERO);
                failures = 0;
                listener.status(ConsoleStatus.of(ConsoleStatus.State.CONNECTED));
                s.requestUpdate(false);
                while (!closed) {
                    if (s.processMessage() == 0) {
                        s.requestUpdate(true);
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    break;
                }
                String reason = describe(e);
                if (isPermanent(e)) {
                    LOG.info("console {} failed: {}", target, reason);
                    listener.status(new ConsoleStatus(ConsoleStatus.State.FAILED, reason, 0, e instanceof HostKeyException h ? h : null));
                    closeSession(s);
                    waitForRetry(-1);
                    failures = 0;
                    continue;
                }
                failures++;
                int delay = retryDelaySeconds(failures);
                LOG.info("console {} disconnected ({}); retrying in {} s", target, reason, delay);
                listener.status(new ConsoleStatus(ConsoleStatus.State.DISCONNECTED_RETRYING, reason, delay));
                closeSession(s);
                waitForRetry(delay);
            } finally {
                closeSession(s);
            }
        }
        listener.status(ConsoleStatus.of(ConsoleStatus.State.CLOSED));
    }

    private RfbSession.Listener sessionListener() {
        return new RfbSession.Listener() {
            @Override
            public void damaged(int x, int y, int w, int h) {
                frame.damaged(x, y, w, h);
            }

            @Override
            public void updateEnd() {
                RfbSession s = session;
                if (s != null && frame.publish(s.framebuffer())) {
                    listener.frameReady();
                }
            }

            @Override
            public void resized(int width, int height) {
                frame.damaged(0, 0, width, height);
            }

            @Override
            public void serverCutText(String text) {
                listener.serverCutText(text);
            }

            @Override
            public void cursor(int[] argb, int width, int height, int hotX, int hotY) {
                listener.cursor(argb, width, height, hotX, hotY);
            }

            @Override
            public void bell() {
                listener.bell();
            }

            @Override
            public void desktopResizable() {
                listener.desktopResizable();
            }

            @Override
            public void desktopSizeResult(int reason, int status, int width, int height) {
                if (reason == 1) { // the answer to this client's SetDesktopSize
                    listener.desktopResizeResult(status);
                }
            }

            @Override
            public void handshake(RfbSession.HandshakePhase phase, String securityType) {
                if (phase == RfbSession.HandshakePhase.AUTHENTICATING) {
                    listener.status(ConsoleStatus.of(ConsoleStatus.State.AUTHENTICATING));
                }
            }
        };
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        if (e instanceof java.net.ConnectException) {
            return m == null ? "connection refused" : m.replace("Connection refused", "connection refused");
        }
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Sleeps {@code seconds} (-1: until {@link #reconnectNow()}), unless woken. */
    private void waitForRetry(int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(seconds, 0));
        synchronized (wakeUp) {
            while (!closed && !retryNow) {
                long left = deadline - System.nanoTime();
                if (seconds >= 0 && left <= 0) {
                    break;
                }
                try {
                    if (seconds < 0) {
                        wakeUp.wait();
                    } else {
                        TimeUnit.NANOSECONDS.timedWait(wakeUp, left);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            retryNow = false;
        }
    }

    private void closeSession(RfbSession s) {
        if (s != null) {
            if (session == s) {
                session = null;
            }
            s.close();
        }
    }

    @Override
    public ConsoleFrame frame() {
        return frame;
    }

    @Override
    public boolean extendedKeys() {
        RfbSession s = session;
        return s != null && s.supportsExtendedKeyEvents();
    }

    @Override
    public void key(boolean down, KeyStroke key) {
        send(s -> keyEvent(s, down, key));
    }

    @Override
    public void sendKeys(SendKeys combo) {
        send(s -> {
            for (KeyStroke k : combo.keys()) {
                keyEvent(s, true, k);
            }
            for (int i = combo.keys().size() - 1; i >= 0; i--) {
                keyEvent(s, false, combo.keys().get(i));
            }
        });
    }

    private static void keyEvent(RfbSession s, boolean down, KeyStroke key) throws IOException {
        if (key.scancode() != 0 && s.supportsExtendedKeyEvents()) {
            s.qemuKeyEvent(down, key.keysym(), key.scancode());
        } else {
            s.keyEvent(down, key.keysym());
        }
    }

    /**
     * Pointer events that wait for the sender: a move with the same buttons as the one still waiting
     * just updates it, so a stalled connection does not pile up thousands of motions (a press or a
     * release is never merged away).
     */
    @Override
    public void pointer(int buttons, int x, int y) {
        boolean move = buttons == lastButtons;
        lastButtons = buttons;
        Motion last = waitingMotion;
        if (move && last != null && last.move && last.buttons == buttons && last.update(x, y)) {
            return;
        }
        Motion m = new Motion(buttons, x, y, move);
        waitingMotion = m;
        send(s -> {
            int[] xy = m.take();
            s.pointerEvent(m.buttons, Math.max(0, xy[0]), Math.max(0, xy[1]));
        });
    }

    /** One queued pointer event whose position may still move until the sender takes it. */
    private static final class Motion {
        final int buttons;
        /** A move, not a press or release (whose position must stay where it happened). */
        final boolean move;
        private int x;
        private int y;
        private boolean taken;

        Motion(int buttons, int x, int y, boolean move) {
            this.buttons = buttons;
            this.x = x;
            this.y = y;
            this.move = move;
        }

        synchronized boolean update(int nx, int ny) {
            if (taken) {
                return false;
            }
            x = nx;
            y = ny;
            return true;
        }

        synchronized int[] take() {
            taken = true;
            return new int[] {x, y};
        }
    }

    @Override
    public void clipboard(String text) {
        send(s -> s.clipboardText(text));
    }

    @Override
    public void receiveClipboard(boolean on) {
        receiveClipboard = on;
        RfbSession s = session;
        if (s != null) {
            s.receiveClipboard(on);
        }
    }

    @Override
    public boolean desktopResizable() {
        RfbSession s = session;
        return s != null && s.supportsDesktopResize();
    }

    @Override
    public void resizeDesktop(int width, int height) {
        if (width < 1 || height < 1 || width > 16384 || height > 16384) {
            return;
        }
        send(s -> {
            if (s.supportsDesktopResize()) {
                s.setDesktopSize(width, height);
            }
        });
    }

    /** Something to write to the current session on the sender thread. */
    @FunctionalInterface
    private interface Output {
        void write(RfbSession s) throws IOException;
    }

    /** Queues {@code out} for the sender thread; dropped while disconnected (input then means nothing). */
    private void send(Output out) {
        if (closed) {
            return;
        }
        try {
            sender.execute(() -> {
                RfbSession s = session;
                if (s == null) {
                    return;
                }
                try {
                    out.write(s);
                } catch (IOException e) {
                    // the reader sees the broken connection too and reports it; closing wakes it at once
                    LOG.debug("console {}: sending failed: {}", target, e.getMessage());
                    s.close();
                }
            });
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    /** While connected, drops the connection and makes a new one; otherwise ends the wait. */
    @Override
    public void reconnectNow() {
        synchronized (wakeUp) {
            retryNow = true;
            wakeUp.notifyAll();
        }
        closeElsewhere(session); // the reader sees the closed socket and comes round again at once
    }

    /**
     * Closes a session on a short-lived thread: closing TLS writes a close_notify, which can block on
     * a dead peer, and the caller is the UI thread.
     */
    private static void closeElsewhere(RfbSession s) {
        if (s != null) {
            Thread t = new Thread(s::close, "vnc-close");
            t.setDaemon(true);
            t.start();
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        closeElsewhere(session);
        sender.shutdownNow();
    }

    /** Waits for the reader thread to end (tests). */
    boolean awaitClosed(Duration timeout) throws InterruptedException {
        reader.join(Math.max(1, timeout.toMillis()));
        return !reader.isAlive();
    }
}
