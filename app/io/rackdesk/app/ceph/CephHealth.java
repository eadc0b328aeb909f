package io.rackdesk.app.ceph;

import java.time.Duration;

/** Muting and unmuting health checks ({@code ceph health mute CODE TTL} / {@code unmute CODE}). */
public final class CephHealth {
    private CephHealth() {
    }

    /**
     * Mutes a health check for {@code ttl} (null: until unmuted). A sticky mute stays when the check
     * clears and comes back; a plain one ends when the check clears, or when it gets worse (e.g. more
     * OSDs down).
     */
    public static void mute(CephClient client, String code, Duration ttl, boolean sticky) throws CephException {
        var cmd = CephClient.command("health mute").put("code", code);
        if (ttl != null) {
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("the mute's time to live must be positive");
            }
            cmd.put("ttl", Math.max(1, ttl.toSeconds()) + "s");
        }
        if (sticky) {
            cmd.put("sticky", true);
        }
        client.monCommand(cmd);
    }

    public static void unmute(CephClient client, String code) throws CephException {
        client.monCommand(CephClient.command("health unmute").put("code", code));
    }

    /** Each check's detail lines ({@code health detail}), by code; fetched when the user asks. */
    public static java.util.Map<String, java.util.List<String>> detail(CephClient client) throws CephException {
        return detail(client.monCommand(CephClient.command("health").put("detail", "detail")));
    }

    static java.util.Map<String, java.util.List<String>> detail(com.fasterxml.jackson.databind.JsonNode answer) {
        java.util.Map<String, java.util.List<String>> out = new java.util.TreeMap<>();
        answer.path("checks").fields().forEachRemaining(e -> {
            java.util.List<String> lines = new java.util.ArrayList<>();
            e.getValue().path("detail").forEach(d -> lines.add(d.path("message").asText()));
            out.put(e.getKey(), lines);
        });
        return out;
    }

    /** The active manager's name and the number of standbys ({@code mgr stat}). */
    public record Managers(String active, boolean available, int standbys) {
    }

    public static Managers managers(CephClient client) throws CephException {
        return managers(client.monCommand(CephClient.command("mgr stat")));
    }

    static Managers managers(com.fasterxml.jackson.databind.JsonNode answer) {
        return new Managers(answer.path("active_name").asText(""), answer.path("available").asBoolean(false),
                answer.path("num_standby").asInt(answer.path("num_standbys").asInt()));
    }
}
