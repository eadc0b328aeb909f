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
                    .connect(VncTarget.parse(server.address()), null, listener());
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
            try (ConsoleLink c = VncConsoleConnection.connector().connect(VncTarget.parse(server.address()), null, listener())) {
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
            try (ConsoleLink c = VncConsoleConnection.connector().connect(VncTarget.parse(server.address()), "nope", listener())) {
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
}
