package io.rackdesk.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rackdesk.app.ceph.CephException;
import io.rackdesk.app.ceph.CephOsdTree;
import io.rackdesk.app.ceph.CephPools;
import io.rackdesk.app.ceph.CephStatus;
import io.rackdesk.app.ceph.CephStatusParser;
import java.util.Random;

/**
 * A generated Ceph cluster of {@code osds} OSDs (20 per host, one root), {@code pgs} PGs over
 * {@code pools} replicated pools, as the JSON answers that the poll and the on-demand reads get:
 * {@code status}, {@code osd pool ls detail}, {@code df}, {@code pg dump summary}, {@code osd tree},
 * {@code osd df}, {@code osd perf} and {@code osd dump}. Every object is a copy of one recorded on the
 * lab cluster (src/test/resources/io/rackdesk/app/ceph) with its figures changed, so field names and
 * shapes are Ceph 16's. OSD {@link #DOWN_OSD} is down and out; 2 % of the PGs are degraded, a few
 * backfilling. Deterministic for the same arguments.
 */
public final class CephClusterGenerator {
    public static final int OSDS_PER_HOST = 20;
    /** The OSD that is down and out. */
    public static final int DOWN_OSD = 7;
    private static final ObjectMapper JSON = new ObjectMapper();

    public final int osds;
    public final int pgs;
    public final int pools;
    /** The answers as Ceph sends them (text), to be parsed as the poll parses them. */
    public final String status;
    public final String poolsDetail;
    public final String df;
    public final String pgSummary;
    public final String osdTree;
    public final String osdDf;
    public final String osdPerf;
    public final String osdDump;

    public CephClusterGenerator(int osds, int pgs, int pools) {
        this(osds, pgs, pools, 0);
    }

    /** {@code tick} moves the counters and usage on, as successive polls see them. */
    public CephClusterGenerator(int osds, int pgs, int pools, int tick) {
        if (osds < OSDS_PER_HOST || pools < 1 || pgs < pools) {
            throw new IllegalArgumentException("at least " + OSDS_PER_HOST + " OSDs and one PG per pool");
        }
        this.osds = osds;
        this.pgs = pgs;
        this.pools = pools;
        Random r = new Random(osds * 31L + pgs + pools);
        long osdBytes = 4L << 40; // 4 TiB each
        long total = osdBytes * osds;
        long used = total / 3 + tick * (1L << 30);
        this.status = text(status(used, total, tick));
        this.poolsDetail = text(poolsDetail());
        this.df = text(df(used, total));
        this.pgSummary = text(pgSummary(tick));
        this.osdTree = text(osdTree());
        this.osdDf = text(osdDf(r, osdBytes));
        this.osdPerf = text(osdPerf(r));
        this.osdDump = text(FakeCephClusters.sample("osd_dump_flags.json"));
    }

    /** The poll's status of this cluster, parsed. */
    public CephStatus parsedStatus() throws CephException {
        return CephStatusParser.parse(read(status), read(poolsDetail), read(df));
    }

    public CephOsdTree parsedOsdTree() throws CephException {
        return CephOsdTree.parse(read(osdTree), read(osdDf), read(osdPerf), read(osdDump));
    }

    public java.util.List<CephPools.Detail> parsedPools() {
        return CephPools.parse(read(poolsDetail), read(df));
    }

    /** Jackson's tree of an answer, as CephClient makes it. */
    public static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The PGs of pool {@code i} (0-based): an even share, the first pools take the rest. */
    public int pgsOfPool(int i) {
        return pgs / pools + (i < pgs % pools ? 1 : 0);
    }

    public static String poolName(int i) {
        return String.format("pool-%03d", i);
    }

    private ObjectNode status(long used, long total, int tick) {
        ObjectNode s = (ObjectNode) FakeCephClusters.sample("status_degraded.json").deepCopy();
        ObjectNode osdmap = (ObjectNode) s.path("osdmap");
        osdmap.put("epoch", 1000);
        osdmap.put("num_osds", osds);
        osdmap.put("num_up_osds", osds - 1);
        osdmap.put("num_in_osds", osds - 1);
        ObjectNode pgmap = (ObjectNode) s.path("pgmap");
        int degraded = pgs / 50;
        int backfill = Math.min(pgs / 1000 + 1, pgs - degraded);
        ArrayNode byState = pgmap.putArray("pgs_by_state");
        byState.addObject().put("state_name", "active+clean").put("count", pgs - degraded - backfill);
        byState.addObject().put("state_name", "active+undersized+degraded").put("count", degraded);
        byState.addObject().put("state_name", "active+remapped+backfilling").put("count", backfill);
        pgmap.put("num_pgs", pgs);
        pgmap.put("num_pools", pools);
        pgmap.put("num_objects", pgs * 400L);
        pgmap.put("data_bytes", used / 3);
        pgmap.put("bytes_used", used);
        pgmap.put("bytes_avail", total - used);
        pgmap.put("bytes_total", total);
        pgmap.put("read_bytes_sec", 100_000_000L + tick);
        pgmap.put("write_bytes_sec", 50_000_000L + tick);
        return s;
    }

    private ArrayNode poolsDetail() {
        JsonNode template = FakeCephClusters.sample("osd_pool_ls_detail.json").get(0);
        ArrayNode out = JSON.createArrayNode();
        for (int i = 0; i < pools; i++) {
            ObjectNode p = template.deepCopy();
            p.put("pool_id", i + 1);
            p.put("pool_name", poolName(i));
            p.put("size", 3);
            p.put("min_size", 2);
            p.put("pg_num", pgsOfPool(i));
            p.put("pg_placement_num", pgsOfPool(i));
            p.put("pg_num_target", pgsOfPool(i));
            p.put("pg_placement_num_target", pgsOfPool(i));
            p.put("pg_autoscale_mode", i % 2 == 0 ? "on" : "warn");
            ObjectNode apps = p.putObject("application_metadata");
            apps.putObject(i % 3 == 0 ? "rgw" : "rbd");
            out.add(p);
        }
        return out;
    }

    private ObjectNode df(long used, long total) {
        ObjectNode d = (ObjectNode) FakeCephClusters.sample("df.json").deepCopy();
        ObjectNode stats = (ObjectNode) d.path("stats");
        stats.put("total_bytes", total);
        stats.put("total_used_bytes", used);
        stats.put("total_used_raw_bytes", used);
        stats.put("total_avail_bytes", total - used);
        stats.put("num_osds", osds);
        JsonNode template = d.path("pools").get(0);
        ArrayNode list = d.putArray("pools");
        for (int i = 0; i < pools; i++) {
            ObjectNode p = template.deepCopy();
            p.put("name", poolName(i));
            p.put("id", i + 1);
            ObjectNode st = (ObjectNode) p.path("stats");
            long stored = used / 3 / pools;
            st.put("stored", stored);
            st.put("objects", pgsOfPool(i) * 400L);
            st.put("bytes_used", stored * 3);
            st.put("max_avail", (total - used) / 3);
            list.add(p);
        }
        return d;
    }

    private ObjectNode pgSummary(int tick) {
        ObjectNode s = (ObjectNode) FakeCephClusters.sample("pg_dump_summary.json").deepCopy();
        ObjectNode map = (ObjectNode) s.path("pg_map");
        map.put("version", 5000 + tick);
        map.put("stamp", String.format("2026-12-02T03:%02d:%02d.000000+0000", tick / 12 % 60, tick * 5 % 60));
        ObjectNode sum = (ObjectNode) map.path("pg_stats_sum").path("stat_sum");
        if (!sum.isMissingNode()) {
            sum.put("num_read_kb", 1_000_000L * (tick + 1));
            sum.put("num_write_kb", 500_000L * (tick + 1));
            sum.put("num_read", 10_000L * (tick + 1));
            sum.put("num_write", 5_000L * (tick + 1));
            sum.put("num_objects", pgs * 400L);
        }
        return s;
    }

    private ObjectNode osdTree() {
        JsonNode recorded = FakeCephClusters.sample("osd_tree.json");
        JsonNode rootT = null;
        JsonNode hostT = null;
        JsonNode osdT = null;
        for (JsonNode n : recorded.path("nodes")) {
            switch (n.path("type").asText()) {
                case "root" -> rootT = n;
                case "host" -> hostT = n;
                case "osd" -> osdT = n;
                default -> { }
            }
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode nodes = out.putArray("nodes");
        int hosts = (osds + OSDS_PER_HOST - 1) / OSDS_PER_HOST;
        ObjectNode root = rootT.deepCopy();
        root.put("id", -1);
        root.put("name", "default");
        ArrayNode rootChildren = root.putArray("children");
        for (int h = hosts - 1; h >= 0; h--) {
            rootChildren.add(-2 - h); // Ceph lists children newest first
        }
        nodes.add(root);
        for (int h = 0; h < hosts; h++) {
            ObjectNode host = hostT.deepCopy();
            host.put("id", -2 - h);
            host.put("name", String.format("node-%03d", h));
            ArrayNode children = host.putArray("children");
            for (int o = Math.min(osds, (h + 1) * OSDS_PER_HOST) - 1; o >= h * OSDS_PER_HOST; o--) {
                children.add(o);
            }
            nodes.add(host);
        }
        for (int o = 0; o < osds; o++) {
            ObjectNode osd = osdT.deepCopy();
            osd.put("id", o);
            osd.put("name", "osd." + o);
            osd.put("device_class", o % 10 == 0 ? "ssd" : "hdd");
            osd.put("crush_weight", o % 10 == 0 ? 1.74609 : 3.63869);
            osd.put("status", o == DOWN_OSD ? "down" : "up");
            osd.put("reweight", o == DOWN_OSD ? 0 : 1);
            nodes.add(osd);
        }
        out.putArray("stray");
        return out;
    }

    private ObjectNode osdDf(Random r, long osdBytes) {
        ObjectNode d = (ObjectNode) FakeCephClusters.sample("osd_df.json").deepCopy();
        JsonNode template = d.path("nodes").get(0);
        ArrayNode nodes = d.putArray("nodes");
        long perOsd = (long) pgs * 3 / Math.max(1, osds - 1);
        for (int o = 0; o < osds; o++) {
            ObjectNode n = template.deepCopy();
            double use = o == DOWN_OSD ? 0 : 25 + r.nextDouble() * 20;
            n.put("id", o);
            n.put("name", "osd." + o);
            n.put("device_class", o % 10 == 0 ? "ssd" : "hdd");
            n.put("reweight", o == DOWN_OSD ? 0 : 1);
            n.put("kb", osdBytes / 1024);
            n.put("kb_used", (long) (osdBytes / 1024 * use / 100));
            n.put("kb_avail", (long) (osdBytes / 1024 * (100 - use) / 100));
            n.put("utilization", use);
            n.put("pgs", o == DOWN_OSD ? 0 : perOsd + r.nextInt(11) - 5);
            n.put("status", o == DOWN_OSD ? "down" : "up");
            nodes.add(n);
        }
        return d;
    }

    private ObjectNode osdPerf(Random r) {
        ObjectNode p = (ObjectNode) FakeCephClusters.sample("osd_perf.json").deepCopy();
        ArrayNode infos = ((ObjectNode) p.path("osdstats")).putArray("osd_perf_infos");
        for (int o = osds - 1; o >= 0; o--) {
            ObjectNode i = infos.addObject();
            i.put("id", o);
            ObjectNode st = i.putObject("perf_stats");
            int ms = o == DOWN_OSD ? 0 : 1 + r.nextInt(30);
            st.put("commit_latency_ms", ms);
            st.put("apply_latency_ms", ms);
            st.put("commit_latency_ns", ms * 1_000_000L);
            st.put("apply_latency_ns", ms * 1_000_000L);
        }
        return p;
    }

    private static String text(JsonNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
