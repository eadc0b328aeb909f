package io.rackdesk.lab.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.ceph.CephClusterService;
import io.rackdesk.app.ceph.CephClusterState;
import io.rackdesk.app.ceph.CephTarget;
import io.rackdesk.testsupport.CephLab;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The polling service on the lab cluster: two connections side by side, and live rates while a client writes. */
class CephClusterServiceLabTest {
    private final Map<String, CephClusterState> latest = new ConcurrentHashMap<>();

    @Test
    void twoConnectionsSideBySideAndWriteRatesFromSuccessivePolls() throws Exception {
        CephLab.require();
        Duration timeout = Duration.ofSeconds(10);
        try (CephClusterService service = new CephClusterService()) {
            service.add("by-conf", CephTarget.fromConf(CephLab.conf(), CephLab.keyring(), "admin", timeout), Duration.ofSeconds(1),
                    s -> latest.put(s.name(), s));
            service.add("by-mon", CephTarget.fromMonitors(List.of(CephLab.get("RACKDESK_CEPH_MON")), "admin",
                    Path.of(CephLab.get("RACKDESK_CEPH_KEY_FILE")), timeout), Duration.ofSeconds(1), s -> latest.put(s.name(), s));
            for (String name : List.of("by-conf", "by-mon")) {
                CephClusterState s = await(name, Duration.ofSeconds(30), st -> st.phase() == CephClusterState.Phase.CONNECTED);
                assertEquals(CephLab.get("RACKDESK_CEPH_FSID"), s.status().fsid());
            }

            // 4 MiB of writes by another client: the cluster's counters move, the service turns them into rates
            CephLab.run(List.of("timeout", "60", "rbd", "-c", CephLab.conf().toString(), "-k", CephLab.keyring().toString(), "bench",
                    "--io-type", "write", "--io-size", "64K", "--io-total", "4M", "rbd/img1"));
            CephClusterState s = await("by-conf", Duration.ofSeconds(30), st -> st.rates().writeBytesPerSec() > 0);
            assertTrue(s.rates().writeOpsPerSec() > 0, s.rates().toString());
            System.out.println("rates seen by the service: " + s.rates());
        }
        assertEquals(CephClusterState.Phase.CLOSED, await("by-conf", Duration.ofSeconds(15),
                st -> st.phase() == CephClusterState.Phase.CLOSED).phase());
    }

    private CephClusterState await(String name, Duration within, Predicate<CephClusterState> until) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            CephClusterState s = latest.get(name);
            if (s != null && until.test(s)) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + ": not reached within " + within + "; last: " + latest.get(name));
    }
}
