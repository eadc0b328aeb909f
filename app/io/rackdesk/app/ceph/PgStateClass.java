package io.rackdesk.app.ceph;

import java.util.Locale;
import java.util.Set;

/**
 * How worrying a placement group's state is. A state string such as "active+undersized+degraded" is
 * a '+'-joined set of flags; a PG counts in the worst class any of its flags belongs to.
 * <ul>
 * <li>CLEAN: exactly active+clean;</li>
 * <li>BUSY: Ceph is working on it and it serves I/O: peering, activating, backfilling, backfill_wait,
 *   recovering, recovery_wait, scrubbing, deep, remapped, creating, snaptrim, repair, forced_*, ... and
 *   any flag not named below (an unknown flag of a newer Ceph should not raise an alarm);</li>
 * <li>WARNING: data has fewer copies than asked for: degraded, undersized; also unknown (the
 *   manager has no report for the PG, so nothing vouches for it) and snaptrim_error;</li>
 * <li>CRITICAL: data may be unavailable or lost: stale, inconsistent, incomplete, down, peered (not
 *   active: below min_size), failed_repair, any *_toofull and any *_unfound.</li>
 * </ul>
 */
public enum PgStateClass {
    CLEAN, BUSY, WARNING, CRITICAL;

    private static final Set<String> CRITICAL_FLAGS = Set.of("stale", "inconsistent", "incomplete", "down", "peered",
            "failed_repair");
    private static final Set<String> WARNING_FLAGS = Set.of("degraded", "undersized", "unknown", "snaptrim_error");

    /** The class of one PG state string, e.g. "active+clean" -> CLEAN, "active+undersized+degraded" -> WARNING. */
    public static PgStateClass of(String state) {
        if (state == null || state.isBlank()) {
            return WARNING;
        }
        boolean active = false;
        boolean clean = false;
        PgStateClass worst = CLEAN;
        for (String raw : state.split("\\+")) {
            String flag = raw.strip().toLowerCase(Locale.ROOT);
            PgStateClass c;
            if (flag.equals("active")) {
                active = true;
                continue;
            } else if (flag.equals("clean")) {
                clean = true;
                continue;
            } else if (CRITICAL_FLAGS.contains(flag) || flag.endsWith("_toofull") || flag.endsWith("_unfound")) {
                c = CRITICAL;
            } else if (WARNING_FLAGS.contains(flag)) {
                c = WARNING;
            } else {
                c = BUSY;
            }
            if (c.ordinal() > worst.ordinal()) {
                worst = c;
            }
        }
        if (worst == CLEAN && !(active && clean)) {
            worst = BUSY; // e.g. "active" alone (not yet clean) or "clean" without "active"
        }
        return worst;
    }
}
