package io.rackdesk.app.ceph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CRUSH tree with each OSD's figures, joined from {@code osd tree} (structure, up/down, weights),
 * {@code osd df} (use %, PG count), {@code osd perf} (latencies) and {@code osd dump}'s cluster flags.
 * Read on demand (a page opens, the OSD map changes), not on every poll.
 */
public record CephOsdTree(List<Node> roots, Set<String> flags) {

    public CephOsdTree {
        roots = List.copyOf(roots);
        flags = Set.copyOf(flags);
    }

    /**
     * A CRUSH bucket (root, host, ...) or an OSD. For an OSD: up, in (reweight above 0), device class,
     * use in percent (NaN unknown), PG count (-1 unknown), latencies in ms (-1 unknown).
     */
    public record Node(int id, String name, String type, List<Node> children, String deviceClass, boolean up, boolean in,
            double crushWeight, double reweight, double utilization, int pgs, int commitLatencyMs, int applyLatencyMs) {
        public Node {
            children = List.copyOf(children);
        }

        public boolean isOsd() {
            return id >= 0;
        }

        /** Every OSD at or below this node. */
        public List<Node> osds() {
            List<Node> out = new ArrayList<>();
            collect(this, out);
            return out;
        }

        private static void collect(Node n, List<Node> out) {
            if (n.isOsd()) {
                out.add(n);
            }
            n.children.forEach(c -> collect(c, out));
        }
    }

    /** The cluster flags an admin toggles from the OSD page. */
    public static final List<String> TOGGLED_FLAGS = List.of("noout", "norebalance", "nobackfill", "norecover");

    /** Every OSD of the tree. */
    public List<Node> osds() {
        List<Node> out = new ArrayList<>();
        roots.forEach(r -> out.addAll(r.osds()));
        return out;
    }

    /** Reads the four answers on the caller's thread (a cluster's worker). */
    public static CephOsdTree read(CephClient client) throws CephException {
        JsonNode tree = client.monCommand(CephClient.command("osd tree"));
        JsonNode df = client.mgrCommand(CephClient.command("osd df"));
        JsonNode perf = client.mgrCommand(CephClient.command("osd perf"));
        JsonNode dump = client.monCommand(CephClient.command("osd dump"));
        return parse(tree, df, perf, dump);
    }

    public static CephOsdTree parse(JsonNode tree, JsonNode df, JsonNode perf, JsonNode dump) throws CephException {
        if (tree == null || !tree.has("nodes")) {
            throw new CephException(CephException.Kind.PROTOCOL, 0, "'osd tree' answered without nodes");
        }
        Map<Integer, JsonNode> use = new HashMap<>();
        for (JsonNode n : df == null ? List.<JsonNode>of() : df.path("nodes")) {
            use.put(n.path("id").asInt(), n);
        }
        Map<Integer, JsonNode> latency = new HashMap<>();
        JsonNode infos = perf == null ? null : perf.path("osdstats").path("osd_perf_infos");
        if (infos == null || infos.isMissingNode()) {
            infos = perf == null ? null : perf.path("osd_perf_infos"); // older Ceph: no osdstats level
        }
        for (JsonNode n : infos == null ? List.<JsonNode>of() : infos) {
            latency.put(n.path("id").asInt(), n.path("perf_stats"));
        }
        Map<Integer, JsonNode> byId = new HashMap<>();
        Set<Integer> childIds = new LinkedHashSet<>();
        for (JsonNode n : tree.path("nodes")) {
            byId.put(n.path("id").asInt(), n);
            n.path("children").forEach(c -> childIds.add(c.asInt()));
        }
        List<Node> roots = new ArrayList<>();
        for (JsonNode n : tree.path("nodes")) {
            int id = n.path("id").asInt();
            if (!childIds.contains(id)) {
                roots.add(node(id, byId, use, latency, 0));
            }
        }
        for (JsonNode n : tree.path("stray")) { // OSDs outside the CRUSH map
            roots.add(osd(n, use, latency));
        }
        Set<String> flags = new LinkedHashSet<>();
        String text = dump == null ? "" : dump.path("flags").asText("");
        for (String f : text.split(",")) {
            if (!f.isBlank()) {
                flags.add(f.strip());
            }
        }
        return new CephOsdTree(roots, flags);
    }

    private static Node node(int id, Map<Integer, JsonNode> byId, Map<Integer, JsonNode> use, Map<Integer, JsonNode> latency, int depth)
            throws CephException {
        JsonNode n = byId.get(id);
        if (n == null || depth > 32) {
            throw new CephException(CephException.Kind.PROTOCOL, 0, "'osd tree' names a child " + id + " it does not list");
        }
        if (id >= 0) {
            return osd(n, use, latency);
        }
        List<Node> children = new ArrayList<>();
        for (JsonNode c : n.path("children")) {
            children.add(node(c.asInt(), byId, use, latency, depth + 1));
        }
        // Ceph lists children newest first: show them by id, as 'ceph osd tree' prints them
        children.sort(java.util.Comparator.comparing((Node c) -> c.isOsd()).thenComparingInt(c -> c.isOsd() ? c.id() : -c.id()));
        double weight = children.stream().mapToDouble(Node::crushWeight).sum();
        return new Node(id, n.path("name").asText(), n.path("type").asText(), children, "", true, true, weight, 1, Double.NaN, -1, -1, -1);
    }

    private static Node osd(JsonNode n, Map<Integer, JsonNode> use, Map<Integer, JsonNode> latency) {
        int id = n.path("id").asInt();
        JsonNode u = use.get(id);
        JsonNode l = latency.get(id);
        double reweight = n.path("reweight").asDouble(0);
        return new Node(id, n.path("name").asText("osd." + id), "osd", List.of(), n.path("device_class").asText(""),
                "up".equals(n.path("status").asText()), reweight > 0, n.path("crush_weight").asDouble(0), reweight,
                u == null ? Double.NaN : u.path("utilization").asDouble(Double.NaN), u == null ? -1 : u.path("pgs").asInt(-1),
                l == null ? -1 : l.path("commit_latency_ms").asInt(-1), l == null ? -1 : l.path("apply_latency_ms").asInt(-1));
    }
}
