package io.rackdesk.app.ceph;

import java.time.Duration;
import java.time.Instant;

/**
 * What a {@link CephClusterService} knows about one cluster after a poll: its connection phase, the
 * last status read (kept while disconnected, so a view can show it greyed out), the live rates, and
 * while disconnected the error and when the next attempt is due.
 */
public record CephClusterState(String name, Phase phase, CephStatus status, CephRates rates, String error, Duration retryIn,
        Instant updated) {

    public enum Phase { CONNECTING, CONNECTED, DISCONNECTED, CLOSED }

    /** "disconnected: monitor unreachable at ...; retrying in 8 s" for a status bar. */
    public String describe() {
        return switch (phase) {
            case CONNECTING -> "connecting";
            case CONNECTED -> status == null ? "connected" : "connected, " + status.health();
            case DISCONNECTED -> "disconnected: " + error + (retryIn == null ? "" : "; retrying in " + retryIn.toSeconds() + " s");
            case CLOSED -> "closed";
        };
    }
}
