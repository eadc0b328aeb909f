package io.rackdesk.app.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CephRatesTest {
    @Test
    void countersComeFromARecordedPgDumpSummary() throws Exception {
        CephRates.Counters c = CephRates.counters(CephStatusParserTest.sample("pg_dump_summary.json"));
        assertEquals(Instant.parse("2026-12-01T23:47:20.743109Z"), c.stamp());
        assertEquals(383, c.version());
        assertTrue(c.reads() > 0 && c.writes() > 0 && c.writeKb() > 0, c.toString());
    }

    @Test
    void ratesArePerSecondOfTheManagersClock() {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        CephRates.Counters a = new CephRates.Counters(t, 1, 100, 1000, 50, 2000, 10, 4096);
        CephRates.Counters b = new CephRates.Counters(t.plusSeconds(5), 2, 600, 6000, 550, 7000, 60, 4096 + 5 * 1_048_576);
        CephRates r = CephRates.between(a, b);
        assertEquals(1000 * 1024, r.readBytesPerSec(), 1e-6);
        assertEquals(1000 * 1024, r.writeBytesPerSec(), 1e-6);
        assertEquals(100, r.readOpsPerSec(), 1e-9);
        assertEquals(100, r.writeOpsPerSec(), 1e-9);
        assertEquals(10, r.recoveryObjectsPerSec(), 1e-9);
        assertEquals(1_048_576, r.recoveryBytesPerSec(), 1e-6);
    }

    @Test
    void noNewStatisticsMeansNoNewRatesAndACounterGoingBackIsUnknown() {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        CephRates.Counters a = new CephRates.Counters(t, 1, 100, 1000, 50, 2000, 10, 4096);
        assertNull(CephRates.between(a, a));
        CephRates.Counters reset = new CephRates.Counters(t.plusSeconds(5), 2, 10, 100, 60, 2100, 10, 4096);
        CephRates r = CephRates.between(a, reset);
        assertTrue(Double.isNaN(r.readOpsPerSec()));
        assertEquals(2, r.writeOpsPerSec(), 1e-9);
    }

    @Test
    void anAnswerWithoutStampIsAProtocolError() {
        assertThrows(CephException.class, () -> CephRates.counters(CephClient.JSON.createObjectNode()));
    }
}
