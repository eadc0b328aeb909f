package io.rackdesk.app.ceph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pool table: everything {@code osd pool ls detail} and {@code df} say about each pool, beyond the
 * summary the poll keeps in {@link CephStatus.Pool}. Quotas of 0 mean none.
 */
public final class CephPools {
    private CephPools() {
    }

    public record Detail(long id, String name, String type, List<String> applications, String ecProfile, int size, int minSize,
            int pgNum, String autoscaleMode, long storedBytes, long usedBytes, long maxAvailBytes, long objects,
            long quotaBytes, long quotaObjects) {
        public Detail {
            applications = List.copyOf(applications);
        }
    }

    public static List<Detail> read(CephClient client) throws CephException {
        return parse(client.monCommand(CephClient.command("osd pool ls").put("detail", "detail")),
                client.monCommand(CephClient.command("df")));
    }

    public static List<Detail> parse(JsonNode poolsDetail, JsonNode df) {
        Map<Long, JsonNode> stats = new HashMap<>();
        for (JsonNode p : df == null ? List.<JsonNode>of() : df.path("pools")) {
            stats.put(p.path("id").asLong(), p.path("stats"));
        }
        List<Detail> out = new ArrayList<>();
        for (JsonNode p : poolsDetail == null ? List.<JsonNode>of() : poolsDetail) {
            long id = p.path("pool_id").asLong(p.path("pool").asLong());
            JsonNode st = stats.getOrDefault(id, MissingNode.getInstance());
            List<String> apps = new ArrayList<>();
            p.path("application_metadata").fieldNames().forEachRemaining(apps::add);
            out.add(new Detail(id, p.path("pool_name").asText(), CephStatusParser.poolType(p.path("type")), apps,
                    p.path("erasure_code_profile").asText(""), p.path("size").asInt(), p.path("min_size").asInt(),
                    p.path("pg_num").asInt(), p.path("pg_autoscale_mode").asText(""), st.path("stored").asLong(),
                    st.path("bytes_used").asLong(), st.path("max_avail").asLong(), st.path("objects").asLong(),
                    p.path("quota_max_bytes").asLong(), p.path("quota_max_objects").asLong()));
        }
        out.sort(Comparator.comparingLong(Detail::id));
        return out;
    }
}
