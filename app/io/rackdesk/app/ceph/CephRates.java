package io.rackdesk.app.ceph;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Client and recovery rates computed by Rackdesk from two successive readings of the cluster's
 * cumulative counters ({@code pg dump summary}: a few KB whatever the number of PGs), per second of
 * the manager's own clock. NaN where no rate is known yet, or where a counter went backwards (PGs
 * moved or restarted their statistics).
 */
public record CephRates(double readBytesPerSec, double writeBytesPerSec, double readOpsPerSec, double writeOpsPerSec,
        double recoveryBytesPerSec, double recoveryObjectsPerSec) {
    public static final CephRates UNKNOWN = new CephRates(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** The cumulative counters of one {@code pg dump summary}, stamped with the manager's time. */
    public record Counters(Instant stamp, long version, long reads, long readKb, long writes, long writeKb,
            long objectsRecovered, long bytesRecovered) {
    }

    /** The counters in a {@code {"prefix":"pg dump","dumpcontents":["summary"]}} answer. */
    public static Counters counters(JsonNode pgDumpSummary) throws CephException {
        JsonNode map = pgDumpSummary.has("pg_map") ? pgDumpSummary.path("pg_map") : pgDumpSummary;
        JsonNode sum = map.path("pg_stats_sum").path("stat_sum");
        if (!map.has("stamp") || sum.isMissingNode()) {
            throw new CephException(CephException.Kind.PROTOCOL, 0, "'pg dump summary' answered without stamp or pg_stats_sum");
        }
        return new Counters(stamp(map.path("stamp").asText()), map.path("version").asLong(), sum.path("num_read").asLong(),
                sum.path("num_read_kb").asLong(), sum.path("num_write").asLong(), sum.path("num_write_kb").asLong(),
                sum.path("num_objects_recovered").asLong(), sum.path("num_bytes_recovered").asLong());
    }

    /** "2026-12-01T23:46:30.729695+0000" (Ceph's utime_t) as an Instant. */
    static Instant stamp(String text) throws CephException {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSSSSS]Z")).toInstant();
        } catch (DateTimeParseException e) {
            throw new CephException(CephException.Kind.PROTOCOL, 0, "unreadable stamp '" + text + "'", e);
        }
    }

    /**
     * The rates between two readings; {@code null} when the manager has not published new statistics
     * since {@code before} (same stamp): keep showing the previous rates then.
     */
    public static CephRates between(Counters before, Counters after) {
        double seconds = Duration.between(before.stamp(), after.stamp()).toNanos() / 1e9;
        if (seconds <= 0) {
            return null;
        }
        return new CephRates(rate(before.readKb(), after.readKb(), seconds) * 1024, rate(before.writeKb(), after.writeKb(), seconds) * 1024,
                rate(before.reads(), after.reads(), seconds), rate(before.writes(), after.writes(), seconds),
                rate(before.bytesRecovered(), after.bytesRecovered(), seconds),
                rate(before.objectsRecovered(), after.objectsRecovered(), seconds));
    }

    private static double rate(long before, long after, double seconds) {
        return after < before ? Double.NaN : (after - before) / seconds;
    }
}
