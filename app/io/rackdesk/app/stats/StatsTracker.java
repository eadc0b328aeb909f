package io.rackdesk.app.stats;

import io.rackdesk.app.model.VmLiveStats;
import io.rackdesk.app.model.VmStatsSample;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns successive raw samples of one host into rates and a short history per VM, the way
 * virt-manager does: CPU % = delta cpu time / (delta t x 1e9) x 100 / vCPUs; I/O rates = delta bytes / delta t.
 * Not thread-safe: one tracker per host, used on that host's worker.
 */
public final class StatsTracker {
    private final int historyLength;
    private final Map<String, VmTrack> tracks = new HashMap<>();

    /** {@code historyLength}: samples kept per VM (e.g. 60 at a 2 s tick = 2 minutes). */
    public StatsTracker(int historyLength) {
        if (historyLength < 2) {
            throw new IllegalArgumentException("history length must be at least 2");
        }
        this.historyLength = historyLength;
    }

    /** Feeds one tick's samples taken at {@code nanoTime}; VMs no longer listed are forgotten. */
    public Map<String, VmLiveStats> update(List<VmStatsSample> samples, long nanoTime) {
        Map<String, VmLiveStats> out = new HashMap<>(samples.size() * 2);
        Map<String, VmTrack> seen = new HashMap<>(samples.size() * 2);
        for (VmStatsSample s : samples) {
            VmTrack t = tracks.get(s.uuid());
            if (t == null) {
                t = new VmTrack(historyLength);
            }
            out.put(s.uuid(), t.next(s, nanoTime));
            seen.put(s.uuid(), t);
        }
        tracks.clear();
        tracks.putAll(seen);
        return out;
    }

    /** History and previous counters of one VM. */
    private static final class VmTrack {
        private final float[] cpu;
        private final float[] mem;
        private final float[] disk;
        private final float[] net;
        private int filled;
        private VmStatsSample prev;
        private long prevTime;

        VmTrack(int n) {
            cpu = new float[n];
            mem = new float[n];
            disk = new float[n];
            net = new float[n];
        }

        VmLiveStats next(VmStatsSample s, long now) {
            double dt = prev == null ? 0 : (now - prevTime) / 1e9;
            double cpuPct = Double.NaN;
            if (dt > 0 && prev.cpuTimeNs() >= 0 && s.cpuTimeNs() >= prev.cpuTimeNs() && s.vcpus() > 0) {
                cpuPct = clamp((s.cpuTimeNs() - prev.cpuTimeNs()) / (dt * 1e9) * 100.0 / s.vcpus(), 0, 100);
            }
            double memPct = s.memoryUsedKiB() >= 0 && s.memoryCurrentKiB() > 0
                    ? clamp(100.0 * s.memoryUsedKiB() / s.memoryCurrentKiB(), 0, 100) : Double.NaN;
            double rd = rate(prev == null ? -1 : prev.diskReadBytes(), s.diskReadBytes(), dt);
            double wr = rate(prev == null ? -1 : prev.diskWriteBytes(), s.diskWriteBytes(), dt);
            double rx = rate(prev == null ? -1 : prev.netRxBytes(), s.netRxBytes(), dt);
            double tx = rate(prev == null ? -1 : prev.netTxBytes(), s.netTxBytes(), dt);
            VmLiveStats live = new VmLiveStats(s.state(), cpuPct, s.memoryUsedKiB(), memPct, rd, wr, rx, tx,
                    push(cpu, (float) cpuPct), push(mem, (float) memPct),
                    push(disk, (float) sumOrNaN(rd, wr)), push(net, (float) sumOrNaN(rx, tx)));
            filled = Math.min(filled + 1, cpu.length);
            prev = s;
            prevTime = now;
            return live;
        }

        /** Shifts in the newest value and returns a copy of the filled part, oldest first. */
        private float[] push(float[] ring, float v) {
            System.arraycopy(ring, 1, ring, 0, ring.length - 1);
            ring[ring.length - 1] = v;
            int n = Math.min(filled + 1, ring.length);
            float[] copy = new float[n];
            System.arraycopy(ring, ring.length - n, copy, 0, n);
            return copy;
        }

        private static double sumOrNaN(double a, double b) {
            return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : a + b;
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
