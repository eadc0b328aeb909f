package io.rackdesk.app.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.model.VmLiveStats;
import io.rackdesk.app.model.VmState;
import io.rackdesk.app.stats.StatsHistory.Series;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatsHistoryTest {
    private static VmLiveStats stats(double cpu, double mem, double rd, double wr, double rx, double tx) {
        return new VmLiveStats(VmState.RUNNING, cpu, 1024, mem, rd, wr, rx, tx);
    }

    private static VmLiveStats cpu(double cpu) {
        return stats(cpu, 50, 0, 0, 0, 0);
    }

    @Test
    void keepsTheNewestSamplesOldestFirst() {
        StatsHistory h = new StatsHistory(3);
        for (int i = 1; i <= 5; i++) {
            h.push(cpu(i * 10));
        }
        assertEquals(3, h.size());
        assertArrayEquals(new float[] {30, 40, 50}, h.toArray(Series.CPU));
        assertEquals(30f, h.get(Series.CPU, 0));
        assertEquals(50f, h.get(Series.CPU, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> h.get(Series.CPU, 3));
    }

    @Test
    void diskAndNetworkAreReadPlusWriteAndNaNWhenEitherIsMissing() {
        StatsHistory h = new StatsHistory(4);
        h.push(stats(1, 2, 100, 50, 7, 3));
        h.push(stats(1, 2, Double.NaN, 50, 7, Double.NaN));
        assertArrayEquals(new float[] {150, Float.NaN}, h.toArray(Series.DISK));
        assertArrayEquals(new float[] {10, Float.NaN}, h.toArray(Series.NET));
        assertArrayEquals(new float[] {2, 2}, h.toArray(Series.MEMORY));
    }

    @Test
    void aFullFlatHistoryReportsNoChangeUntilAValueDiffers() {
        StatsHistory h = new StatsHistory(3);
        assertTrue(h.push(cpu(5)));
        assertTrue(h.push(cpu(5)));
        assertTrue(h.push(cpu(5)), "still filling: the line grows");
        assertFalse(h.push(cpu(5)), "full and flat: the same picture");
        assertFalse(h.push(cpu(5)));
        assertTrue(h.push(cpu(6)));
        assertTrue(h.push(cpu(6)), "the 5s are still scrolling out");
        assertTrue(h.push(cpu(6)));
        assertFalse(h.push(cpu(6)));
    }

    @Test
    void nanCountsAsFlatToo() {
        StatsHistory h = new StatsHistory(2);
        VmLiveStats off = new VmLiveStats(VmState.SHUTOFF, Double.NaN, -1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        h.push(off);
        h.push(off);
        assertFalse(h.push(off), "a stopped VM does not redraw every tick");
    }

    @Test
    void resizeKeepsTheNewestSamples() {
        StatsHistory h = new StatsHistory(4);
        for (int i = 1; i <= 6; i++) {
            h.push(cpu(i));
        }
        h.resize(2);
        assertArrayEquals(new float[] {5, 6}, h.toArray(Series.CPU));
        h.push(cpu(7));
        assertArrayEquals(new float[] {6, 7}, h.toArray(Series.CPU));
        h.resize(5);
        h.push(cpu(8));
        assertArrayEquals(new float[] {6, 7, 8}, h.toArray(Series.CPU));
        h.clear();
        assertEquals(0, h.size());
    }

    @Test
    void capacitySpansTwoMinutesAtTheTick() {
        assertEquals(60, StatsHistory.capacityFor(Duration.ofSeconds(2)));
        assertEquals(120, StatsHistory.capacityFor(Duration.ofSeconds(1)));
        assertEquals(24, StatsHistory.capacityFor(Duration.ofSeconds(5)));
        assertEquals(2, StatsHistory.capacityFor(Duration.ofMinutes(5)));
        assertThrows(IllegalArgumentException.class, () -> new StatsHistory(1));
    }
}
