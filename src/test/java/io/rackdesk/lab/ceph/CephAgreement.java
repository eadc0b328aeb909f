package io.rackdesk.lab.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.rackdesk.testsupport.CephLab;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Compares ceph-status' JSON with what the ceph CLI says, as an admin would check it by hand. */
final class CephAgreement {
    private CephAgreement() {
    }

    /** The ceph CLI's view: status, osd pool ls detail and df. */
    record Cli(JsonNode status, JsonNode pools, JsonNode df) {
        static Cli read() {
            return new Cli(CephLab.cli("status"), CephLab.cli("osd", "pool", "ls", "detail"), CephLab.cli("df"));
        }
    }

    /** Asserts that ceph-status' JSON output agrees with the CLI on health, checks, mons, OSDs, PGs, pools and capacity. */
    static void assertAgrees(JsonNode ours, Cli cli) {
        JsonNode s = cli.status();
        assertEquals(s.path("fsid").asText(), ours.path("fsid").asText(), "fsid");
        assertEquals(s.path("health").path("status").asText(), ours.path("health").asText(), "health");

        Map<String, String> cliChecks = new TreeMap<>();
        s.path("health").path("checks").fields().forEachRemaining(e -> cliChecks.put(e.getKey(),
                e.getValue().path("severity").asText() + " | " + e.getValue().path("summary").path("message").asText()
                        + " | muted=" + e.getValue().path("muted").asBoolean()));
        Map<String, String> ourChecks = new TreeMap<>();
        ours.path("checks").forEach(c -> ourChecks.put(c.path("code").asText(), c.path("severity").asText() + " | "
                + c.path("summary").asText() + " | muted=" + c.path("muted").asBoolean()));
        assertEquals(cliChecks, ourChecks, "health checks");

        assertEquals(s.path("monmap").path("num_mons").asInt(), ours.path("mons").path("total").asInt(), "mons");
        assertEquals(s.path("quorum").size(), ours.path("mons").path("inQuorum").asInt(), "mons in quorum");
        JsonNode osdmap = s.path("osdmap");
        assertEquals(osdmap.path("num_osds").asInt(), ours.path("osds").path("total").asInt(), "OSDs");
        assertEquals(osdmap.path("num_up_osds").asInt(), ours.path("osds").path("up").asInt(), "OSDs up");
        assertEquals(osdmap.path("num_in_osds").asInt(), ours.path("osds").path("in").asInt(), "OSDs in");

        JsonNode pgmap = s.path("pgmap");
        assertEquals(pgmap.path("num_pgs").asInt(), ours.path("pgs").path("total").asInt(), "PGs");
        Map<String, Integer> cliStates = new TreeMap<>();
        pgmap.path("pgs_by_state").forEach(p -> cliStates.merge(p.path("state_name").asText(), p.path("count").asInt(), Integer::sum));
        Map<String, Integer> ourStates = new TreeMap<>();
        ours.path("pgs").path("byState").fields().forEachRemaining(e -> ourStates.put(e.getKey(), e.getValue().asInt()));
        assertEquals(cliStates, ourStates, "PGs by state");
        JsonNode pgs = ours.path("pgs");
        assertEquals(cliStates.values().stream().mapToInt(Integer::intValue).sum(),
                pgs.path("clean").asInt() + pgs.path("busy").asInt() + pgs.path("warning").asInt() + pgs.path("critical").asInt(),
                "every PG is in one class");

        Map<Long, String> cliPools = new TreeMap<>();
        Map<Long, JsonNode> dfPools = new HashMap<>();
        cli.df().path("pools").forEach(p -> dfPools.put(p.path("id").asLong(), p.path("stats")));
        for (JsonNode p : cli.pools()) {
            long id = p.path("pool_id").asLong();
            JsonNode st = dfPools.get(id);
            cliPools.put(id, p.path("pool_name").asText() + " " + (p.path("type").asInt() == 3 ? "erasure" : "replicated")
                    + " size " + p.path("size").asInt() + "/" + p.path("min_size").asInt() + " pgs " + p.path("pg_num").asInt()
                    + " stored " + st.path("stored").asLong() + " objects " + st.path("objects").asLong());
        }
        Map<Long, String> ourPools = new TreeMap<>();
        ours.path("pools").forEach(p -> ourPools.put(p.path("id").asLong(), p.path("name").asText() + " " + p.path("type").asText()
                + " size " + p.path("size").asInt() + "/" + p.path("minSize").asInt() + " pgs " + p.path("pgNum").asInt()
                + " stored " + p.path("storedBytes").asLong() + " objects " + p.path("objects").asLong()));
        assertEquals(cliPools, ourPools, "pools");

        JsonNode st = cli.df().path("stats");
        assertEquals(st.path("total_bytes").asLong(), ours.path("capacity").path("totalBytes").asLong(), "total bytes");
        assertEquals(st.path("total_used_raw_bytes").asLong(), ours.path("capacity").path("usedBytes").asLong(), "used bytes");
        assertEquals(st.path("total_avail_bytes").asLong(), ours.path("capacity").path("availBytes").asLong(), "available bytes");
    }

    /**
     * Retries {@code check} until it passes or {@code within} is over: the two views are read a moment
     * apart, and the manager's statistics move every ~5 s.
     */
    static void eventually(Duration within, Runnable check) {
        long end = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
