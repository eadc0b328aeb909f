package io.rackdesk.app.ceph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link CephStatus} from the JSON answers of {@code status}, {@code osd pool ls detail} and
 * {@code df} (Ceph 16; fields that are missing count as 0 or empty).
 */
public final class CephStatusParser {
    private CephStatusParser() {
    }

    public static CephStatus parse(JsonNode status, JsonNode poolsDetail, JsonNode df) throws CephException {
        if (status == null || !status.hasNonNull("fsid") || !status.path("health").has("status")) {
            throw new CephException(CephException.Kind.PROTOCOL, 0, "'status' answered without fsid or health");
        }
        JsonNode health = status.path("health");
        List<CephStatus.Check> checks = new ArrayList<>();
        health.path("checks").fields().forEachRemaining(e -> checks.add(new CephStatus.Check(e.getKey(),
                e.getValue().path("severity").asText(""), e.getValue().path("summary").path("message").asText(""),
                e.getValue().path("muted").asBoolean(false))));
        checks.sort(CephStatus.Check.BY_SEVERITY);

        JsonNode osdmap = status.path("osdmap");
        if (osdmap.has("osdmap")) { // Ceph 14 nests it once more
            osdmap = osdmap.path("osdmap");
        }
        CephStatus.Osds osds = new CephStatus.Osds(osdmap.path("num_osds").asInt(), osdmap.path("num_up_osds").asInt(),
                osdmap.path("num_in_osds").asInt());
        CephStatus.Mons mons = new CephStatus.Mons(status.path("monmap").path("num_mons").asInt(
                status.path("monmap").path("mons").size()), status.path("quorum").size());

        return new CephStatus(status.path("fsid").asText(), health.path("status").asText(), checks, mons, osds,
                pgs(status.path("pgmap")), pools(poolsDetail, df), capacity(df, status.path("pgmap")));
    }

    static CephStatus.Pgs pgs(JsonNode pgmap) {
        Map<String, Integer> byState = new HashMap<>();
        int[] perClass = new int[PgStateClass.values().length];
        for (JsonNode s : pgmap.path("pgs_by_state")) {
            String state = s.path("state_name").asText();
            int n = s.path("count").asInt();
            byState.merge(state, n, Integer::sum);
            perClass[PgStateClass.of(state).ordinal()] += n;
        }
        return new CephStatus.Pgs(pgmap.path("num_pgs").asInt(), perClass[PgStateClass.CLEAN.ordinal()],
                perClass[PgStateClass.BUSY.ordinal()], perClass[PgStateClass.WARNING.ordinal()],
                perClass[PgStateClass.CRITICAL.ordinal()], byState);
    }

    static List<CephStatus.Pool> pools(JsonNode poolsDetail, JsonNode df) {
        Map<Long, JsonNode> stats = new HashMap<>();
        for (JsonNode p : df.path("pools")) {
            stats.put(p.path("id").asLong(), p.path("stats"));
        }
        List<CephStatus.Pool> pools = new ArrayList<>();
        for (JsonNode p : poolsDetail == null ? List.<JsonNode>of() : poolsDetail) {
            long id = p.path("pool_id").asLong(p.path("pool").asLong());
            JsonNode st = stats.getOrDefault(id, com.fasterxml.jackson.databind.node.MissingNode.getInstance());
            pools.add(new CephStatus.Pool(p.path("pool_name").asText(), id, poolType(p.path("type")), p.path("size").asInt(),
                    p.path("min_size").asInt(), p.path("pg_num").asInt(), st.path("stored").asLong(), st.path("objects").asLong()));
        }
        pools.sort(java.util.Comparator.comparingLong(CephStatus.Pool::id));
        return pools;
    }

    /** 1 (or "replicated") -> replicated, 3 (or "erasure") -> erasure; Ceph's pg_pool_t::TYPE_*. */
    static String poolType(JsonNode type) {
        if (type.isTextual()) {
            return type.asText();
        }
        return switch (type.asInt()) {
            case 1 -> "replicated";
            case 3 -> "erasure";
            default -> "type " + type.asInt();
        };
    }

    static CephStatus.Capacity capacity(JsonNode df, JsonNode pgmap) {
        JsonNode s = df == null ? null : df.path("stats");
        if (s != null && s.has("total_bytes")) {
            return new CephStatus.Capacity(s.path("total_bytes").asLong(),
                    s.path("total_used_raw_bytes").asLong(s.path("total_used_bytes").asLong()), s.path("total_avail_bytes").asLong());
        }
        return new CephStatus.Capacity(pgmap.path("bytes_total").asLong(), pgmap.path("bytes_used").asLong(),
                pgmap.path("bytes_avail").asLong());
    }
}
