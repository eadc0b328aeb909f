package io.rackdesk.app.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SerialWorkerTest {
    private static final Duration LONG = Duration.ofSeconds(10);

    @Test
    void runsCallsInOrderOnItsOwnNamedThread() throws Exception {
        try (SerialWorker w = new SerialWorker("host-a")) {
            List<String> seen = new CopyOnWriteArrayList<>();
            CompletableFuture<String> last = null;
            for (int i = 0; i < 5; i++) {
                int n = i;
                last = w.submit("call " + n, () -> {
                    seen.add(n + "@" + Thread.currentThread().getName());
                    return "done " + n;
                }, LONG);
            }
            assertEquals("done 4", last.get(5, TimeUnit.SECONDS));
            assertEquals(List.of("0@rackdesk-worker-host-a", "1@rackdesk-worker-host-a", "2@rackdesk-worker-host-a",
                    "3@rackdesk-worker-host-a", "4@rackdesk-worker-host-a"), seen);
        }
    }

    @Test
    void aCallThatHangsFailsWithinItsTimeoutAndAbandonsTheWorker() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<CallTimeoutException> stuck = new AtomicReference<>();
        SerialWorker w = new SerialWorker("black-hole", stuck::set);
        try {
            CompletableFuture<String> hanging = w.submit("connect to qemu+tcp://10.255.255.1/system", () -> {
                release.await(); // a libvirt call that never answers
                return "never";
            }, Duration.ofMillis(300));
            CompletableFuture<String> queued = w.submit("list VMs", () -> "queued", LONG);

            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> hanging.get(5, TimeUnit.SECONDS));
            assertInstanceOf(CallTimeoutException.class, e.getCause());
            assertEquals("connect to qemu+tcp://10.255.255.1/system did not answer within 0.3 s", e.getCause().getMessage());

            ExecutionException q = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> queued.get(5, TimeUnit.SECONDS));
            assertInstanceOf(WorkerClosedException.class, q.getCause(), "queued calls fail instead of waiting forever");

            CompletableFuture<String> later = w.submit("later", () -> "x", LONG);
            assertTrue(later.isCompletedExceptionally(), "an abandoned worker refuses new calls at once");
            assertTrue(w.isAbandoned());
            assertEquals(e.getCause(), stuck.get(), "the owner is told, to open a fresh worker");
        } finally {
            release.countDown();
            w.close();
        }
    }

    @Test
    void aStuckWorkerDoesNotDelayAnotherOne() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (SerialWorker dead = new SerialWorker("dead"); SerialWorker alive = new SerialWorker("alive")) {
            dead.submit("hang", () -> {
                release.await();
                return null;
            }, LONG);
            assertEquals("pong", alive.submit("ping", () -> "pong", LONG).get(5, TimeUnit.SECONDS));
        } finally {
            release.countDown();
        }
    }

    @Test
    void failuresOfTheCallReachTheFuture() {
        try (SerialWorker w = new SerialWorker("f")) {
            CompletableFuture<Object> f = w.submit("boom", () -> {
                throw new IllegalStateException("libvirt said no");
            }, LONG);
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> f.get(5, TimeUnit.SECONDS));
            assertEquals("libvirt said no", e.getCause().getMessage());
            assertEquals("pong", w.submit("next", () -> "pong", LONG).join(), "an ordinary failure keeps the worker");
        }
    }
}
