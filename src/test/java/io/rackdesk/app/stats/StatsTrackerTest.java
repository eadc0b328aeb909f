package io.rackdesk.app.stats;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.model.VmLiveStats;
import io.rackdesk.app.model.VmState;
import io.rackdesk.app.model.VmStatsSample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsTrackerTest {
    private static final long S = 1_000_000_000L;

    private static VmStatsSample sample(long cpuNs, long rd, long rx) {
        return new VmStatsSample("u1", VmState.RUNNING, cpuNs, 2, 1024 * 1024, 512 * 1024, rd, 0, rx, 0);
    }

    @Test
    void ratesComeFromTwoSamples() {
        StatsTracker t = new StatsTracker();
        VmLiveStats first = t.update(List.of(sample(0, 0, 0)), 0).get("u1");
        assertTrue(Double.isNaN(first.cpuPercent()), "no rate from a single sample");
        assertEquals(50.0, first.memoryPercent(), 1e-9);

        // 2 s later: 1 s of CPU over 2 vCPUs = 25 %, 4 MB read = 2 MB/s
        VmLiveStats second = t.update(List.of(sample(S, 4_000_000, 1000)), 2 * S).get("u1");
        assertEquals(25.0, second.cpuPercent(), 1e-9);
        assertEquals(2_000_000.0, second.diskReadBps(), 1e-6);
        assertEquals(500.0, second.netRxBps(), 1e-9);
        assertEquals(2_000_500.0, second.diskBps() + second.netBps(), 1e-6);
    }

    @Test
    void steadyCountersGiveEqualFiguresTickAfterTick() {
        StatsTracker t = new StatsTracker();
        VmLiveStats last = null;
        VmLiveStats now = null;
        for (int i = 0; i <= 5; i++) {
            last = now;
            now = t.update(List.of(sample(i * S / 10 * 2, 0, 0)), i * S).get("u1"); // 0.2 s CPU per second / 2 vCPUs = 10 %
        }
        assertEquals(10.0, now.cpuPercent(), 1e-6);
        assertEquals(last, now, "an idle VM's figures compare equal, so the UI can skip it");
    }

    @Test
    void aCounterGoingBackwardsGivesNoRateAndVanishedVmsAreForgotten() {
        StatsTracker t = new StatsTracker();
        t.update(List.of(sample(10 * S, 100, 100)), 0);
        VmLiveStats restarted = t.update(List.of(sample(S, 50, 50)), S).get("u1");
        assertTrue(Double.isNaN(restarted.diskReadBps()));
        assertTrue(Double.isNaN(restarted.cpuPercent()));
        Map<String, VmLiveStats> empty = t.update(List.of(), 2 * S);
        assertTrue(empty.isEmpty());
        VmLiveStats back = t.update(List.of(sample(0, 0, 0)), 3 * S).get("u1");
        assertTrue(Double.isNaN(back.cpuPercent()), "a VM that comes back starts over: no rate against its old counters");
        assertFalse(Double.isNaN(back.memoryPercent()));
    }
}
