package io.rackdesk.lab.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rackdesk.app.ceph.CephClient;
import io.rackdesk.app.ceph.CephClusterService;
import io.rackdesk.app.ceph.CephHealth;
import io.rackdesk.app.ceph.CephOsdActions;
import io.rackdesk.app.ceph.CephOsdTree;
import io.rackdesk.app.ceph.CephPgs;
import io.rackdesk.app.ceph.CephPools;
import io.rackdesk.app.ceph.CephProbe;
import io.rackdesk.app.ceph.CephTarget;
import io.rackdesk.app.ceph.PgStateClass;
import io.rackdesk.testsupport.CephLab;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The read paths the cluster page fetches on demand, against the lab cluster, compared with the ceph CLI. */
class CephReadPathsLabTest {
    private CephTarget target;

    @BeforeEach
    void lab() {
        CephLab.require();
        target = CephTarget.fromConf(CephLab.conf(), CephLab.keyring(), "admin", Duration.ofSeconds(10));
    }

    @Test
    void osdTreePoolsPgsHealthDetailAndManagersAgreeWithTheCli() throws Exception {
        try (CephClient c = CephClient.connect(target)) {
            CephOsdTree tree = CephOsdTree.read(c);
            assertEquals(1, tree.roots().size());
            CephOsdTree.Node host = tree.roots().get(0).children().get(0);
            assertEquals("host", host.type());
            assertEquals(List.of("osd.0", "osd.1", "osd.2"), host.children().stream().map(CephOsdTree.Node::name).toList());
            for (CephOsdTree.Node osd : tree.osds()) {
                assertTrue(osd.up() && osd.in(), osd.toString());
                assertTrue(osd.pgs() > 0, "osd df gave a PG count: " + osd);
                assertTrue(osd.commitLatencyMs() >= 0, "osd perf gave a latency: " + osd);
            }
            assertTrue(tree.flags().contains("sortbitwise"), tree.flags().toString());

            List<CephPools.Detail> pools = CephPools.read(c);
            JsonNode cli = CephLab.cli("osd", "pool", "ls", "detail");
            Set<String> names = new HashSet<>();
            cli.forEach(p -> names.add(p.path("pool_name").asText()));
            assertEquals(names, new HashSet<>(pools.stream().map(CephPools.Detail::name).toList()));
            assertTrue(pools.stream().anyMatch(p -> p.type().equals("erasure")), "the seeded EC pool");

            Map<Long, Map<PgStateClass, Integer>> perPool = CephPgs.perPool(c);
            int total = perPool.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
            assertEquals(CephLab.cli("pg", "stat").path("pg_summary").path("num_pgs").asInt(), total);
            assertEquals(List.of(), CephPgs.stuck(c), "a healthy lab has no stuck PGs");

            assertTrue(CephHealth.detail(c) != null);
            CephHealth.Managers m = CephHealth.managers(c);
            assertTrue(m.available());
            assertEquals("x", m.active());
            assertTrue(CephOsdActions.okToStop(c, 0).ok(), "size 3 / min_size 2: one OSD may stop");
            assertFalse(CephOsdActions.safeToDestroy(c, 0).ok(), "an OSD holding PGs is not safe to destroy");
        }
    }

    @Test
    void flagToggleAndScrubThroughTheService() throws Exception {
        try (CephClusterService service = new CephClusterService()) {
            service.add("lab", target, Duration.ofSeconds(2), s -> { });
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            CephOsdTree tree = null;
            while (tree == null && System.nanoTime() < end) {
                try {
                    tree = service.submit("lab", CephOsdTree::read).get(20, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException notYet) {
                    Thread.sleep(200); // connecting
                }
            }
            assertTrue(tree != null && !tree.flags().contains("noout"));
            try {
                service.submit("lab", c -> {
                    CephOsdActions.setFlag(c, "noout", true);
                    return null;
                }).get(20, TimeUnit.SECONDS);
                assertTrue(CephLab.cli("osd", "dump").path("flags").asText().contains("noout"));
            } finally {
                service.submit("lab", c -> {
                    CephOsdActions.setFlag(c, "noout", false);
                    return null;
                }).get(20, TimeUnit.SECONDS);
            }
            assertFalse(CephLab.cli("osd", "dump").path("flags").asText().contains("noout"));
            String pgid = CephPgs.parse(CephLab.cli("pg", "dump", "pgs_brief")).get(0).pgid();
            service.submit("lab", c -> {
                CephPgs.run(c, pgid, CephPgs.Action.SCRUB);
                return null;
            }).get(20, TimeUnit.SECONDS);
        }
        assertEquals("HEALTH_OK", CephProbe.probe(target).health().equals("HEALTH_OK") ? "HEALTH_OK" : CephLab.cli("health").toString());
    }
}
