package io.rackdesk.app.ceph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Placement-group details fetched when the user asks (their cost grows with the number of PGs): the
 * stuck PGs ({@code pg dump_stuck}), PG classes per pool ({@code pg dump pgs_brief}), and the scrub,
 * deep-scrub and repair actions on one PG.
 */
public final class CephPgs {
    private CephPgs() {
    }

    /** One PG: "2.1f", its state, and the OSDs of its acting set (primary first). */
    public record Pg(String pgid, String state, List<Integer> acting, int primary) {
        public Pg {
            acting = List.copyOf(acting);
        }

        /** The pool id before the dot. */
        public long poolId() {
            int dot = pgid.indexOf('.');
            return dot < 0 ? -1 : Long.parseLong(pgid.substring(0, dot));
        }
    }

    public enum Action {
        SCRUB("pg scrub"), DEEP_SCRUB("pg deep-scrub"), REPAIR("pg repair");

        final String prefix;

        Action(String prefix) {
            this.prefix = prefix;
        }
    }

    /** PGs stuck unclean, inactive, stale, undersized or degraded (Ceph's own threshold, mon_pg_stuck_threshold). */
    public static List<Pg> stuck(CephClient client) throws CephException {
        var cmd = CephClient.command("pg dump_stuck");
        cmd.putArray("stuckops").add("inactive").add("unclean").add("stale").add("undersized").add("degraded");
        return parse(client.mgrCommand(cmd));
    }

    /** Every PG with its state ({@code pg dump pgs_brief}): one line per PG, so only when the user asks. */
    public static List<Pg> all(CephClient client) throws CephException {
        var cmd = CephClient.command("pg dump");
        cmd.putArray("dumpcontents").add("pgs_brief");
        return parse(client.mgrCommand(cmd));
    }

    /** Per pool id, how many of its PGs are in each class. */
    public static Map<Long, Map<PgStateClass, Integer>> perPool(CephClient client) throws CephException {
        return perPool(all(client));
    }

    public static Map<Long, Map<PgStateClass, Integer>> perPool(List<Pg> pgs) {
        Map<Long, Map<PgStateClass, Integer>> out = new TreeMap<>();
        for (Pg pg : pgs) {
            out.computeIfAbsent(pg.poolId(), k -> new EnumMap<>(PgStateClass.class)).merge(PgStateClass.of(pg.state()), 1, Integer::sum);
        }
        return out;
    }

    /** Scrubs, deep-scrubs or repairs one PG (the OSDs schedule it; the state shows it soon after). */
    public static void run(CephClient client, String pgid, Action action) throws CephException {
        if (!pgid.matches("[0-9]+\\.[0-9a-f]+")) {
            throw new IllegalArgumentException("not a PG id: " + pgid);
        }
        client.mgrCommand(CephClient.command(action.prefix).put("pgid", pgid));
    }

    private static long seed(Pg pg) {
        int dot = pg.pgid().indexOf('.');
        try {
            return Long.parseLong(pg.pgid().substring(dot + 1), 16);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The PGs in a {@code pg dump_stuck} or {@code pg dump pgs_brief} answer (Ceph 14 to 17 shapes). */
    public static List<Pg> parse(JsonNode answer) {
        JsonNode list = answer == null ? null : answer;
        if (list != null && list.isObject()) {
            list = list.has("stuck_pg_stats") ? list.path("stuck_pg_stats")
                    : list.has("pg_stats") ? list.path("pg_stats") : list.path("pg_map").path("pg_stats");
        }
        List<Pg> out = new ArrayList<>();
        for (JsonNode p : list == null ? List.<JsonNode>of() : list) {
            List<Integer> acting = new ArrayList<>();
            p.path("acting").forEach(a -> acting.add(a.asInt()));
            out.add(new Pg(p.path("pgid").asText(), p.path("state").asText(), acting, p.path("acting_primary").asInt(-1)));
        }
        out.sort(java.util.Comparator.comparingLong(Pg::poolId).thenComparingLong(CephPgs::seed));
        return out;
    }
}
