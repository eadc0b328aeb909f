package io.rackdesk.app.ceph;

import static io.rackdesk.app.ceph.CephStatusParserTest.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The on-demand read paths (OSD tree, pools, PGs, health detail) on JSON recorded from the lab cluster (Ceph 16.2). */
class CephReadPathsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void osdTreeJoinsTreeDfPerfAndFlags() throws Exception {
        CephOsdTree t = CephOsdTree.parse(sample("osd_tree.json"), sample("osd_df.json"), sample("osd_perf.json"),
                sample("osd_dump_flags_noout.json"));
        assertEquals(1, t.roots().size());
        CephOsdTree.Node root = t.roots().get(0);
        assertEquals("default", root.name());
        assertEquals("root", root.type());
        CephOsdTree.Node host = root.children().get(0);
        assertEquals("host", host.type());
        assertEquals(List.of("osd.0", "osd.1", "osd.2"), host.children().stream().map(CephOsdTree.Node::name).toList());
        CephOsdTree.Node osd0 = host.children().get(0);
        assertTrue(osd0.isOsd() && osd0.up() && osd0.in());
        assertEquals("hdd", osd0.deviceClass());
        assertEquals(1.0, osd0.reweight());
        assertTrue(osd0.utilization() > 0 && osd0.utilization() < 100, "use %: " + osd0.utilization());
        assertTrue(osd0.pgs() > 0);
        assertEquals(0, osd0.commitLatencyMs());
        assertEquals(3, t.osds().size());
        assertEquals(3 * osd0.crushWeight(), root.crushWeight(), 1e-9);
        assertTrue(t.flags().contains("noout"), t.flags().toString());
        assertFalse(CephOsdTree.parse(sample("osd_tree.json"), null, null, sample("osd_dump_flags.json")).flags().contains("noout"));
    }

    @Test
    void anOsdMarkedOutAndDownAndUnknownFigures() throws Exception {
        var tree = JSON.readTree("""
                {"nodes":[{"id":-1,"name":"default","type":"root","children":[-2]},
                {"id":-2,"name":"h","type":"host","children":[5]},
                {"id":5,"name":"osd.5","type":"osd","status":"down","reweight":0,"crush_weight":1.5,"device_class":"ssd"}],"stray":[]}""");
        CephOsdTree.Node osd = CephOsdTree.parse(tree, null, null, null).osds().get(0);
        assertFalse(osd.up());
        assertFalse(osd.in());
        assertTrue(Double.isNaN(osd.utilization()));
        assertEquals(-1, osd.pgs());
        assertEquals(-1, osd.commitLatencyMs());
    }

    @Test
    void poolsCarryApplicationTypeQuotasAndMaxAvail() throws Exception {
        List<CephPools.Detail> pools = CephPools.parse(sample("osd_pool_ls_detail.json"), sample("df.json"));
        assertEquals(List.of("device_health_metrics", "lab-repl", "lab-ec", "rbd"), pools.stream().map(CephPools.Detail::name).toList());
        CephPools.Detail ec = pools.get(2);
        assertEquals("erasure", ec.type());
        assertEquals(List.of("rbd"), ec.applications());
        assertEquals("rackdesk-ec21", ec.ecProfile());
        assertEquals("off", ec.autoscaleMode());
        CephPools.Detail repl = pools.get(1);
        assertEquals("replicated", repl.type());
        assertEquals(3, repl.size());
        assertEquals(2, repl.minSize());
        assertEquals(8, repl.pgNum());
        assertTrue(repl.maxAvailBytes() > 0);
        assertEquals(0, repl.quotaBytes());
    }

    @Test
    void pgsBriefGivesPerPoolClassesAndStuckIsEmptyWhenHealthy() throws Exception {
        List<CephPgs.Pg> pgs = CephPgs.parse(sample("pg_dump_pgs_brief.json"));
        assertEquals(25, pgs.size());
        assertEquals("1.0", pgs.get(0).pgid());
        assertEquals(3, pgs.get(0).acting().size());
        Map<Long, Map<PgStateClass, Integer>> perPool = CephPgs.perPool(pgs);
        assertEquals(Set.of(1L, 2L, 3L, 4L), perPool.keySet());
        assertEquals(8, perPool.get(2L).get(PgStateClass.CLEAN));
        assertEquals(List.of(), CephPgs.parse(sample("pg_dump_stuck.json")));
        List<CephPgs.Pg> stuck = CephPgs.parse(JSON.readTree("""
                {"stuck_pg_stats":[{"pgid":"2.a","state":"active+undersized+degraded","acting":[1,2],"acting_primary":1},
                {"pgid":"2.3","state":"stale+active+clean","acting":[0],"acting_primary":0}]}"""));
        assertEquals(List.of("2.3", "2.a"), stuck.stream().map(CephPgs.Pg::pgid).toList(), "by pool, then PG number");
    }

    @Test
    void healthDetailAndManagersAndSafetyVerdicts() throws Exception {
        assertEquals(Map.of("OSDMAP_FLAGS", List.of()), CephHealth.detail(sample("health_detail.json")));
        var m = CephHealth.managers(JSON.readTree("{\"epoch\":4,\"available\":true,\"active_name\":\"x\",\"num_standby\":0}"));
        assertEquals(new CephHealth.Managers("x", true, 0), m);
        var ok = CephOsdActions.okToStop(JSON.readTree("{\"ok_to_stop\":true,\"osds\":[0],\"num_ok_pgs\":25,\"num_not_ok_pgs\":0,"
                + "\"ok_become_degraded\":[\"1.0\",\"2.0\"]}"));
        assertTrue(ok.ok());
        assertTrue(ok.message().contains("2 become degraded"), ok.message());
        var notSafe = CephOsdActions.safeToDestroy(JSON.readTree("{\"safe_to_destroy\":[],\"active\":[0],\"missing_stats\":[],\"stored_pgs\":[]}"), 0);
        assertFalse(notSafe.ok());
        assertTrue(notSafe.message().contains("still serves PGs"), notSafe.message());
        assertTrue(CephOsdActions.safeToDestroy(JSON.readTree("{\"safe_to_destroy\":[3]}"), 3).ok());
    }
}
