package io.rackdesk.app.ceph;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One look at a cluster, made from summaries only (status, osd pool ls detail, df), so its cost does
 * not grow with the number of PGs. Sizes are bytes.
 */
public record CephStatus(String fsid, String health, List<Check> checks, Mons mons, Osds osds, Pgs pgs,
        List<Pool> pools, Capacity capacity) {

    public CephStatus {
        checks = List.copyOf(checks);
        pools = List.copyOf(pools);
    }

    /** A health check: OSD_DOWN, HEALTH_WARN, "1 osds down", muted or not. */
    public record Check(String code, String severity, String summary, boolean muted) {
        /** HEALTH_ERR first, then HEALTH_WARN, then others; by code within a severity. */
        public static final Comparator<Check> BY_SEVERITY = Comparator
                .comparingInt((Check c) -> -severityRank(c.severity())).thenComparing(Check::code);
    }

    public record Mons(int total, int inQuorum) {
    }

    public record Osds(int total, int up, int in) {
    }

    /** PG counts: per class (see {@link PgStateClass}) and per state string, sorted by state. */
    public record Pgs(int total, int clean, int busy, int warning, int critical, Map<String, Integer> byState) {
        public Pgs {
            byState = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(byState));
        }

        public int count(PgStateClass c) {
            return switch (c) {
                case CLEAN -> clean;
                case BUSY -> busy;
                case WARNING -> warning;
                case CRITICAL -> critical;
            };
        }
    }

    /** type is "replicated" or "erasure"; storedBytes and objects lag the cluster by about 5 s (manager reports). */
    public record Pool(String name, long id, String type, int size, int minSize, int pgNum, long storedBytes, long objects) {
    }

    /** Raw capacity of the cluster: used counts every replica. */
    public record Capacity(long totalBytes, long usedBytes, long availBytes) {
    }

    /** HEALTH_OK 0, HEALTH_WARN 1, HEALTH_ERR 2, anything else -1. */
    public static int severityRank(String health) {
        return switch (health == null ? "" : health) {
            case "HEALTH_OK" -> 0;
            case "HEALTH_WARN" -> 1;
            case "HEALTH_ERR" -> 2;
            default -> -1;
        };
    }
}
