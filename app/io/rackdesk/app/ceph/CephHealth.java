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
}
