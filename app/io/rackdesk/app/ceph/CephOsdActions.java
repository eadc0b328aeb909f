package io.rackdesk.app.ceph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * What an admin does to OSDs and cluster flags, and the safety checks Ceph offers first
 * ({@code osd ok-to-stop}, {@code osd safe-to-destroy}). Calls block: run them on the cluster's worker.
 */
public final class CephOsdActions {
    private CephOsdActions() {
    }

    /** A safety check's verdict and Ceph's own words for it. */
    public record Verdict(boolean ok, String message) {
    }

    public static void markIn(CephClient c, int osd) throws CephException {
        c.monCommand(ids(CephClient.command("osd in"), osd));
    }

    public static void markOut(CephClient c, int osd) throws CephException {
        c.monCommand(ids(CephClient.command("osd out"), osd));
    }

    public static void markDown(CephClient c, int osd) throws CephException {
        c.monCommand(ids(CephClient.command("osd down"), osd));
    }

    /** Override weight between 0 and 1 (the CRUSH weight stays). */
    public static void reweight(CephClient c, int osd, double weight) throws CephException {
        if (!(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException("a reweight is between 0 and 1");
        }
        c.monCommand(CephClient.command("osd reweight").put("id", osd).put("weight", weight));
    }

    /** Sets or clears a cluster flag such as noout. */
    public static void setFlag(CephClient c, String flag, boolean on) throws CephException {
        if (!CephOsdTree.TOGGLED_FLAGS.contains(flag)) {
            throw new IllegalArgumentException("not a flag Rackdesk toggles: " + flag);
        }
        c.monCommand(CephClient.command(on ? "osd set" : "osd unset").put("key", flag));
    }

    /** Whether stopping (or marking down / out) the OSD keeps every PG available. */
    public static Verdict okToStop(CephClient c, int osd) throws CephException {
        try {
            return okToStop(c.mgrCommand(ids(CephClient.command("osd ok-to-stop"), osd)));
        } catch (CephException e) {
            if (e.kind() == CephException.Kind.COMMAND && (e.errno() == -16 || e.errno() == -11)) { // EBUSY, EAGAIN
                return new Verdict(false, e.getMessage());
            }
            throw e;
        }
    }

    static Verdict okToStop(JsonNode answer) {
        boolean ok = answer.path("ok_to_stop").asBoolean(false);
        int degraded = answer.path("ok_become_degraded").size();
        return new Verdict(ok, ok
                ? String.format(Locale.ROOT, "ok to stop: %d PGs stay available, %d become degraded until it is back",
                        answer.path("num_ok_pgs").asInt(), degraded)
                : String.format(Locale.ROOT, "not ok to stop: %d PGs would become unavailable", answer.path("num_not_ok_pgs").asInt()));
    }

    /** Whether the OSD holds no data that exists nowhere else (it can be removed). */
    public static Verdict safeToDestroy(CephClient c, int osd) throws CephException {
        try {
            return safeToDestroy(c.mgrCommand(ids(CephClient.command("osd safe-to-destroy"), osd)), osd);
        } catch (CephException e) {
            if (e.kind() == CephException.Kind.COMMAND && (e.errno() == -16 || e.errno() == -11)) {
                return new Verdict(false, e.getMessage());
            }
            throw e;
        }
    }

    static Verdict safeToDestroy(JsonNode answer, int osd) {
        for (JsonNode id : answer.path("safe_to_destroy")) {
            if (id.asInt() == osd) {
                return new Verdict(true, "safe to destroy: its data has other copies");
            }
        }
        if (contains(answer.path("active"), osd)) {
            return new Verdict(false, "not safe to destroy: osd." + osd + " still serves PGs");
        }
        if (contains(answer.path("missing_stats"), osd)) {
            return new Verdict(false, "not safe to destroy: no statistics for osd." + osd + " yet");
        }
        if (contains(answer.path("stored_pgs"), osd)) {
            return new Verdict(false, "not safe to destroy: osd." + osd + " still stores PGs");
        }
        return new Verdict(false, "not safe to destroy");
    }

    private static boolean contains(JsonNode list, int osd) {
        for (JsonNode id : list) {
            if (id.asInt() == osd) {
                return true;
            }
        }
        return false;
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode ids(com.fasterxml.jackson.databind.node.ObjectNode cmd, int osd) {
        cmd.putArray("ids").add(Integer.toString(osd));
        return cmd;
    }
}
