package io.rackdesk.app.stats;

import io.rackdesk.app.model.VmLiveStats;
import io.rackdesk.app.model.VmStatsSample;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns successive raw samples of one host into rates per VM, the way virt-manager does:
 * CPU % = delta cpu time / (delta t x 1e9) x 100 / vCPUs; I/O rates = delta bytes / delta t.
 * Histories are kept by whoever shows them ({@link StatsHistory}), not here, so a tick hands over only
 * a few numbers per VM. Not thread-safe: one tracker per host, used on that host's worker.
 */
public final class StatsTracker {
    private final Map<String, VmTrack> tracks = new HashMap<>();
    private long generation;

    /** Feeds one tick's samples taken at {@code nanoTime}; VMs no longer listed are forgotten. */
    public Map<String, VmLiveStats> update(List<VmStatsSample> samples, long nanoTime) {
        long gen = ++generation;
        Map<String, VmLiveStats> out = new HashMap<>(samples.size() * 2);
        for (VmStatsSample s : samples) {
            VmTrack t = tracks.computeIfAbsent(s.uuid(), k -> new VmTrack());
            t.generation = gen;
            out.put(s.uuid(), t.next(s, nanoTime));
        }
        if (tracks.size() != samples.size()) {
            tracks.values().removeIf(t -> t.generation != gen);
        }
        return out;
    }

    /**
     * The previous counters of one VM, copied out of the sample: a track lives as long as its VM, a
     * sample only one tick, and an old object pointing at a young one costs every minor collection.
     */
    private static final class VmTrack {
        private boolean primed;
        private long prevTime;
        private long cpuTimeNs;
        private long diskReadBytes;
        private long diskWriteBytes;
        private long netRxBytes;
        private long netTxBytes;
        private long generation;

        VmLiveStats next(VmStatsSample s, long now) {
            double dt = primed ? (now - prevTime) / 1e9 : 0;
            double cpuPct = Double.NaN;
            if (dt > 0 && cpuTimeNs >= 0 && s.cpuTimeNs() >= cpuTimeNs && s.vcpus() > 0) {
                cpuPct = clamp((s.cpuTimeNs() - cpuTimeNs) / (dt * 1e9) * 100.0 / s.vcpus(), 0, 100);
            }
            double memPct = s.memoryUsedKiB() >= 0 && s.memoryCurrentKiB() > 0
                    ? clamp(100.0 * s.memoryUsedKiB() / s.memoryCurrentKiB(), 0, 100) : Double.NaN;
            double rd = rate(primed ? diskReadBytes : -1, s.diskReadBytes(), dt);
            double wr = rate(primed ? diskWriteBytes : -1, s.diskWriteBytes(), dt);
            double rx = rate(primed ? netRxBytes : -1, s.netRxBytes(), dt);
            double tx = rate(primed ? netTxBytes : -1, s.netTxBytes(), dt);
            primed = true;
            prevTime = now;
            cpuTimeNs = s.cpuTimeNs();
            diskReadBytes = s.diskReadBytes();
            diskWriteBytes = s.diskWriteBytes();
            netRxBytes = s.netRxBytes();
            netTxBytes = s.netTxBytes();
            return new VmLiveStats(s.state(), cpuPct, s.memoryUsedKiB(), memPct, rd, wr, rx, tx);
        }

        private static double rate(long before, long now, double dt) {
            // a counter that went backwards means the VM restarted: no rate this tick
            return before < 0 || now < 0 || dt <= 0 || now < before ? Double.NaN : (now - before) / dt;
        }

        private static double clamp(double v, double lo, double hi) {
            return Math.max(lo, Math.min(hi, v));
        }
    }
}
