package io.rackdesk.app.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** On JSON recorded from the lab cluster (Ceph 16.2.15): healthy, one OSD down, and with a muted check. */
class CephStatusParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode sample(String name) throws IOException {
        try (InputStream in = CephStatusParserTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no sample " + name);
            }
            return JSON.readTree(in);
        }
    }

    static CephStatus healthy() throws Exception {
        return CephStatusParser.parse(sample("status.json"), sample("osd_pool_ls_detail.json"), sample("df.json"));
    }

    static CephStatus degraded() throws Exception {
        return CephStatusParser.parse(sample("status_degraded.json"), sample("osd_pool_ls_detail_degraded.json"),
                sample("df_degraded.json"));
    }

    @Test
    void aHealthyClusterHasNoChecksAndOnlyCleanPgs() throws Exception {
        CephStatus s = healthy();
        assertEquals("b6335669-0daf-40cf-9065-1b714419710a", s.fsid());
        assertEquals("HEALTH_OK", s.health());
        assertEquals(List.of(), s.checks());
        assertEquals(new CephStatus.Mons(1, 1), s.mons());
        assertEquals(new CephStatus.Osds(3, 3, 3), s.osds());
        assertEquals(new CephStatus.Pgs(25, 25, 0, 0, 0, Map.of("active+clean", 25)), s.pgs());
        assertEquals(new CephStatus.Capacity(3221225472L, 52436280L, 3168789192L), s.capacity());
    }

    @Test
    void poolsComeFromTheDetailWithStoredBytesAndObjectsFromDf() throws Exception {
        List<CephStatus.Pool> pools = healthy().pools();
        assertEquals(List.of("device_health_metrics", "lab-repl", "lab-ec", "rbd"),
                pools.stream().map(CephStatus.Pool::name).toList());
        CephStatus.Pool ec = pools.get(2);
        assertEquals(3, ec.id());
        assertEquals("erasure", ec.type());
        assertEquals(3, ec.size());
        assertEquals(2, ec.minSize());
        assertEquals(8, ec.pgNum());
        assertEquals("replicated", pools.get(3).type());
        long dfStored = sample("df.json").path("pools").get(3).path("stats").path("stored").asLong();
        assertEquals(dfStored, pools.get(3).storedBytes());
        assertEquals(sample("df.json").path("pools").get(3).path("stats").path("objects").asLong(), pools.get(3).objects());
    }

    @Test
    void oneOsdDownGivesItsChecksAndWarningPgs() throws Exception {
        CephStatus s = degraded();
        assertEquals("HEALTH_WARN", s.health());
        assertEquals(List.of("OSD_DOWN", "PG_DEGRADED"), s.checks().stream().map(CephStatus.Check::code).toList());
        assertEquals(new CephStatus.Check("OSD_DOWN", "HEALTH_WARN", "1 osds down", false), s.checks().get(0));
        assertEquals(new CephStatus.Osds(3, 2, 3), s.osds());
        assertEquals(25, s.pgs().total());
        assertEquals(0, s.pgs().clean());
        assertEquals(25, s.pgs().warning());
        assertEquals(Map.of("active+undersized+degraded", 13, "active+undersized", 12), s.pgs().byState());
    }

    @Test
    void aMutedCheckSaysSo() throws Exception {
        CephStatus s = CephStatusParser.parse(sample("status_muted.json"), sample("osd_pool_ls_detail.json"), sample("df.json"));
        assertTrue(s.checks().stream().filter(c -> c.code().equals("OSD_DOWN")).findFirst().orElseThrow().muted());
        assertFalse(s.checks().stream().filter(c -> c.code().equals("PG_DEGRADED")).findFirst().orElseThrow().muted());
    }

    @Test
    void checksAreSortedErrorsFirst() throws Exception {
        ObjectNode status = (ObjectNode) sample("status_degraded.json");
        ObjectNode checks = (ObjectNode) status.path("health").path("checks");
        checks.putObject("MON_DISK_CRIT").put("severity", "HEALTH_ERR").putObject("summary").put("message", "mon a is very low on space");
        CephStatus s = CephStatusParser.parse(status, sample("osd_pool_ls_detail.json"), sample("df.json"));
        assertEquals(List.of("MON_DISK_CRIT", "OSD_DOWN", "PG_DEGRADED"), s.checks().stream().map(CephStatus.Check::code).toList());
    }

    @Test
    void pgClassesAddUpPerState() throws Exception {
        ObjectNode status = (ObjectNode) sample("status.json");
        ObjectNode pgmap = (ObjectNode) status.path("pgmap");
        var states = pgmap.putArray("pgs_by_state");
        states.addObject().put("state_name", "active+clean").put("count", 10);
        states.addObject().put("state_name", "active+clean+scrubbing+deep").put("count", 2);
        states.addObject().put("state_name", "active+remapped+backfilling").put("count", 3);
        states.addObject().put("state_name", "active+undersized+degraded").put("count", 4);
        states.addObject().put("state_name", "stale+active+clean").put("count", 1);
        states.addObject().put("state_name", "active+recovery_unfound+degraded").put("count", 5);
        pgmap.put("num_pgs", 25);
        CephStatus.Pgs pgs = CephStatusParser.parse(status, sample("osd_pool_ls_detail.json"), sample("df.json")).pgs();
        assertEquals(new CephStatus.Pgs(25, 10, 5, 4, 6, Map.of("active+clean", 10, "active+clean+scrubbing+deep", 2,
                "active+remapped+backfilling", 3, "active+undersized+degraded", 4, "stale+active+clean", 1,
                "active+recovery_unfound+degraded", 5)), pgs);
    }

    @Test
    void anAnswerWithoutFsidIsAProtocolError() {
        CephException e = assertThrows(CephException.class,
                () -> CephStatusParser.parse(JSON.createObjectNode(), JSON.createArrayNode(), JSON.createObjectNode()));
        assertEquals(CephException.Kind.PROTOCOL, e.kind());
    }

    @Test
    void jsonHasTheIssuesShapeInItsOrder() throws Exception {
        ObjectNode o = CephStatusFormat.json(degraded());
        assertEquals(List.of("fsid", "health", "checks", "mons", "osds", "pgs", "pools", "capacity"), names(o));
        assertEquals(List.of("code", "severity", "summary", "muted"), names(o.path("checks").get(0)));
        assertEquals(List.of("total", "inQuorum"), names(o.path("mons")));
        assertEquals(List.of("total", "up", "in"), names(o.path("osds")));
        assertEquals(List.of("total", "clean", "busy", "warning", "critical", "byState"), names(o.path("pgs")));
        assertEquals(List.of("name", "id", "type", "size", "minSize", "pgNum", "storedBytes", "objects"), names(o.path("pools").get(0)));
        assertEquals(List.of("totalBytes", "usedBytes", "availBytes"), names(o.path("capacity")));
        assertEquals(13, o.path("pgs").path("byState").path("active+undersized+degraded").asInt());
        assertFalse(o.path("checks").get(0).path("muted").asBoolean());
        assertTrue(o.path("checks").get(0).path("muted").isBoolean());
    }

    @Test
    void textNamesHealthChecksAndPools() throws Exception {
        String text = CephStatusFormat.text(degraded());
        assertTrue(text.contains("HEALTH_WARN"), text);
        assertTrue(text.contains("OSD_DOWN: 1 osds down"), text);
        assertTrue(text.contains("3: 2 up, 3 in"), text);
        assertTrue(text.contains("25: 0 clean, 0 busy, 25 warning, 0 critical"), text);
        assertTrue(text.contains("lab-ec"), text);
    }

    private static List<String> names(JsonNode o) {
        List<String> n = new ArrayList<>();
        o.fieldNames().forEachRemaining(n::add);
        return n;
    }
}
