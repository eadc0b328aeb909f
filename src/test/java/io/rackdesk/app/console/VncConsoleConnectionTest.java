package io.rackdesk.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.vnc.VncTarget;
import io.rackdesk.testsupport.TinyRfbServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The console connection against a tiny in-process RFB server: pixels, input, reconnects, permanent failures. */
class VncConsoleConnectionTest {
    private final BlockingQueue<ConsoleStatus> statuses = new LinkedBlockingQueue<>();
    private final AtomicInteger frames = new AtomicInteger();
    private final BlockingQueue<Integer> resizeResults = new LinkedBlockingQueue<>();
    private volatile boolean resizable;

    private ConsoleLink.Listener listener() {
        return new ConsoleLink.Listener() {
            @Override
            public void status(ConsoleStatus s) {
                statuses.add(s);
            }

            @Override
            public void frameReady() {
                frames.incrementAndGet();
            }

            @Override
            public void desktopResizable() {
                resizable = true;
            }

            @Override
            public void desktopResizeResult(int status) {
                resizeResults.add(status);
            }
        };
    }

    private ConsoleStatus next(ConsoleStatus.State wanted) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            ConsoleStatus s = statuses.poll(100, TimeUnit.MILLISECONDS);
            if (s != null && s.state() == wanted) {
                return s;
            }
        }
        throw new AssertionError("no " + wanted + " status");
    }

    private static void waitUntil(BooleanSupplier c, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void retryDelaysGrowToThirtySeconds() {
        assertEquals(List.of(1, 2, 4, 8, 16, 30, 30), List.of(1, 2, 3, 4, 5, 6, 7).stream()
                .map(VncConsoleConnection::retryDelaySeconds).toList());
    }

    @Test
    void showsTheServersPixelsSendsInputAndReconnectsAfterADrop() throws Exception {
        try (TinyRfbServer server = new TinyRfbServer(64, 48)) {
            VncConsoleConnection c = (VncConsoleConnection) VncConsoleConnection.connector()
                    .connect(new ConsolePlan.Direct(VncTarget.parse(server.address()), null), listener());
            try {
                next(ConsoleStatus.State.CONNECTED);
                waitUntil(() -> frames.get() > 0, "a frame");
                assertTrue(c.frame().present((argb, stride, w, h, r, resized) -> {
                    assertEquals(64, w);
                    assertEquals(0xFF336699, argb[10 * stride + 10]);
                }));

                c.sendKeys(SendKeys.CTRL_ALT_DEL);
                c.pointer(1, 5, 6);
                c.clipboard("hello");
                waitUntil(() -> server.events().size() >= 8, "the input");
                assertEquals(List.of("key down 0xffe3", "key down 0xffe9", "key down 0xffff", "key up 0xffff", "key up 0xffe9",
                        "key up 0xffe3", "pointer 1 5,6", "cut hello"), server.events());

                server.stop();
                ConsoleStatus s = next(ConsoleStatus.State.DISCONNECTED_RETRYING);
                assertEquals(1, s.retryInSeconds());
                server.restart();
                next(ConsoleStatus.State.CONNECTED);
                assertEquals(2, server.connections());
            } finally {
                c.close();
            }
            next(ConsoleStatus.State.CLOSED);
            assertTrue(c.awaitClosed(Duration.ofSeconds(5)));
        }
    }

    @Test
    void pointerMovesMayMergeButClicksAndTheLastPositionAlwaysArrive() throws Exception {
        try (TinyRfbServer server = new TinyRfbServer(640, 480)) {
            try (ConsoleLink c = VncConsoleConnection.connector().connect(new ConsolePlan.Direct(VncTarget.parse(server.address()), null), listener())) {
                next(ConsoleStatus.State.CONNECTED);
                for (int i = 0; i < 5000; i++) {
                    c.pointer(0, i % 640, i % 480);
                }
                c.pointer(1, 100, 200);
                c.pointer(0, 100, 200);
                c.pointer(0, 300, 301);
                waitUntil(() -> server.events().contains("pointer 0 300,301"), "the last move");
                List<String> e = server.events();
                assertTrue(e.size() <= 5003, e.size() + " events");
                int press = e.indexOf("pointer 1 100,200");
                assertTrue(press > 0, "the press arrives after the moves: " + e.subList(Math.max(0, e.size() - 5), e.size()));
                assertEquals("pointer 0 " + (4999 % 640) + "," + (4999 % 480), e.get(press - 1), "the moves end where the mouse was");
                assertEquals(List.of("pointer 1 100,200", "pointer 0 100,200", "pointer 0 300,301"), e.subList(press, e.size()));
            }
        }
    }

    @Test
    void aWrongPasswordFailsWithoutRetryingUntilAskedTo() throws Exception {
        try (TinyRfbServer server = new TinyRfbServer(16, 16)) {
            server.refuseAuthentication();
            try (ConsoleLink c = VncConsoleConnection.connector().connect(new ConsolePlan.Direct(VncTarget.parse(server.address()), "nope"), listener())) {
                next(ConsoleStatus.State.AUTHENTICATING); // the handshake reports the password challenge
                ConsoleStatus s = next(ConsoleStatus.State.FAILED);
                assertTrue(s.reason().contains("wrong password"), s.reason());
                Thread.sleep(1500);
                assertTrue(statuses.stream().noneMatch(x -> x.state() == ConsoleStatus.State.CONNECTING), "no retry: " + statuses);
                c.reconnectNow();
                next(ConsoleStatus.State.CONNECTING);
                next(ConsoleStatus.State.FAILED);
            }
        }
    }

    @Test
    void sshLoginAndHostKeyFailuresAreNotRetriedButUnreachableSshHostsAre() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
        AtomicInteger dials = new AtomicInteger();
        VncConsoleConnection.Dialer dialer = (o, l) -> {
            dials.incrementAndGet();
            Exception e = failure.get();
            if (e instanceof java.io.IOException io) {
                throw io;
            }
            throw (RuntimeException) e;
        };
        for (Exception permanent : List.<Exception>of(
                new io.rackdesk.app.ssh.SshLoginException("the SSH server root@kvm-01:22 did not accept the key"),
                new io.rackdesk.app.connections.ssh.UnknownHostKeyException(new io.rackdesk.app.connections.ssh.HostKey("kvm-01", 22, "ssh-ed25519",
                        "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")))) {
            statuses.clear();
            failure.set(permanent);
            dials.set(0);
            try (VncConsoleConnection c = new VncConsoleConnection("127.0.0.1:5900 via SSH root@kvm-01:22", dialer,
                    () -> new io.rackdesk.app.vnc.VncOptions(), listener())) {
                ConsoleStatus s = next(ConsoleStatus.State.FAILED);
                assertEquals(permanent.getMessage(), s.reason());
                Thread.sleep(1300);
                assertEquals(1, dials.get(), "no retry after " + permanent);
            }
        }
        statuses.clear();
        failure.set(new java.io.IOException("cannot reach the SSH server root@kvm-01:22: connection refused"));
        try (VncConsoleConnection c = new VncConsoleConnection("x via SSH", dialer, () -> new io.rackdesk.app.vnc.VncOptions(), listener())) {
            assertEquals(1, next(ConsoleStatus.State.DISCONNECTED_RETRYING).retryInSeconds());
        }
    }

    @Test
    void resizeDesktopSendsSetDesktopSizeAndReportsTheServersAnswer() throws Exception {
        try (TinyRfbServer server = new TinyRfbServer(64, 48)) {
            server.supportDesktopResize(true);
            VncConsoleConnection c = new VncConsoleConnection(VncTarget.parse(server.address()),
                    io.rackdesk.app.vnc.VncOptions::new, listener());
            try {
                next(ConsoleStatus.State.CONNECTED);
                waitUntil(() -> resizable && c.desktopResizable(), "the server's ExtendedDesktopSize");
                c.resizeDesktop(320, 200);
                assertEquals(0, resizeResults.poll(20, TimeUnit.SECONDS));
                assertTrue(server.events().contains("setDesktopSize 320x200"), server.events().toString());
                waitUntil(() -> c.frame().snapshot() != null && c.frame().snapshot().width() == 320, "the resized frame");
                server.refuseResize();
                c.resizeDesktop(100, 100);
                assertEquals(1, resizeResults.poll(20, TimeUnit.SECONDS));
                assertEquals("320x200", server.size());
            } finally {
                c.close();
            }
        }
    }

    @Test
    void withoutExtendedDesktopSizeNothingIsSent() throws Exception {
        try (TinyRfbServer server = new TinyRfbServer(64, 48)) {
            VncConsoleConnection c = new VncConsoleConnection(VncTarget.parse(server.address()),
                    io.rackdesk.app.vnc.VncOptions::new, listener());
            try {
                next(ConsoleStatus.State.CONNECTED);
                waitUntil(() -> frames.get() > 0, "a frame");
                c.resizeDesktop(320, 200);
                c.key(true, new KeyStroke(0x61, 0x1e)); // a marker after the resize request in the sender's queue
                waitUntil(() -> server.events().contains("key down 0x61"), "the key");
                assertTrue(server.events().stream().noneMatch(e -> e.startsWith("setDesktopSize")), server.events().toString());
                assertTrue(!resizable && !c.desktopResizable());
            } finally {
                c.close();
            }
        }
    }
}
