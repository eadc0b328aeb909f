package io.rackdesk.app.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The service's worker without a cluster: a connector that always fails. */
class CephClusterServiceTest {
    private static final CephTarget TARGET = CephTarget.fromMonitors(List.of("127.0.0.1:1"), "admin", Path.of("/nonexistent"),
            Duration.ofSeconds(1));

    @Test
    void aFailingConnectionIsRetriedWithAGrowingDelay() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        List<CephClusterState> states = new CopyOnWriteArrayList<>();
        try (CephClusterService service = new CephClusterService(t -> {
            attempts.incrementAndGet();
            throw new CephException(CephException.Kind.TIMEOUT, -110, "monitor unreachable at 127.0.0.1:1: no answer within 1 s");
        })) {
            service.add("lab", TARGET, Duration.ofSeconds(5), states::add);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (attempts.get() < 3 && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            assertEquals(List.of("lab"), service.names());
        }
        List<CephClusterState> down = states.stream().filter(s -> s.phase() == CephClusterState.Phase.DISCONNECTED).toList();
        assertTrue(down.size() >= 2, states.toString());
        assertEquals(Duration.ofSeconds(1), down.get(0).retryIn());
        assertEquals(Duration.ofSeconds(2), down.get(1).retryIn());
        assertEquals("disconnected: monitor unreachable at 127.0.0.1:1: no answer within 1 s; retrying in 1 s", down.get(0).describe());
        assertEquals(CephClusterState.Phase.CONNECTING, states.get(0).phase());
    }

    @Test
    void namesAreUniqueAndActionsNeedAConnection() throws Exception {
        try (CephClusterService service = new CephClusterService(t -> {
            throw new CephException(CephException.Kind.TIMEOUT, -110, "down");
        })) {
            service.add("a", TARGET, Duration.ofSeconds(5), s -> { });
            assertThrows(IllegalArgumentException.class, () -> service.add("a", TARGET, Duration.ofSeconds(5), s -> { }));
            assertThrows(IllegalArgumentException.class, () -> service.add("b", TARGET, Duration.ZERO, s -> { }));
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> service.mute("a", "OSD_DOWN", Duration.ofMinutes(5), false).get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof CephException, e.toString());
            e = assertThrows(ExecutionException.class, () -> service.submit("a", c -> "never").get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof CephException, e.toString());
            service.remove("a");
            assertEquals(List.of(), service.names());
        }
    }
}
