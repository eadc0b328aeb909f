package io.rackdesk.app.stats;

import io.rackdesk.app.model.VmLiveStats;
import java.util.Arrays;

/**
 * The recent figures of one VM, newest last, in fixed rings: nothing is allocated per tick, so a fleet
 * of 10,000 VMs updating every second leaves no long-lived garbage behind. Series: CPU and memory in
 * percent, disk and network in bytes per second; NaN where the host gave no figure.
 * Not thread-safe: owned by one thread (the UI's VM item).
 */
public final class StatsHistory {
    /** The four charted series. */
    public enum Series { CPU, MEMORY, DISK, NET }

    /** What the sparklines and charts span. */
    public static final java.time.Duration WINDOW = java.time.Duration.ofMinutes(2);
    private static final int SERIES = Series.values().length;
    private int capacity;
    private float[][] rings;
    /** Per series, how many of the newest samples equal the newest one (NaN equals NaN). */
    private final int[] run;
    private int start;
    private int size;

    public StatsHistory(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("a history keeps at least 2 samples");
        }
        this.capacity = capacity;
        this.rings = new float[SERIES][capacity];
        this.run = new int[SERIES];
    }

    /**
     * Appends one tick's figures, dropping the oldest when full. Returns false when the history reads
     * exactly as before (full, and every series flat at the value appended), so a caller can skip a redraw.
     */
    public boolean push(VmLiveStats s) {
        boolean wasFull = size == capacity;
        boolean changed = !wasFull;
        changed |= push(Series.CPU, (float) s.cpuPercent());
        changed |= push(Series.MEMORY, (float) s.memoryPercent());
        changed |= push(Series.DISK, (float) sumOrNaN(s.diskReadBps(), s.diskWriteBps()));
        changed |= push(Series.NET, (float) sumOrNaN(s.netRxBps(), s.netTxBps()));
        if (wasFull) {
            start = (start + 1) % capacity;
        } else {
            size++;
        }
        return changed;
    }

    /** Writes {@code v} at the next slot; true when it changes what the series reads. */
    private boolean push(Series series, float v) {
        int i = series.ordinal();
        float[] ring = rings[i];
        boolean same = size > 0 && Float.compare(ring[(start + size - 1) % capacity], v) == 0;
        boolean flat = size == capacity && run[i] == capacity;
        run[i] = same ? Math.min(run[i] + 1, capacity) : 1;
        ring[(start + size) % capacity] = v; // when full this is the oldest slot: start moves past it next
        return !(same && flat);
    }

    /** Samples that span {@link #WINDOW} at one per {@code tick} (at least 2). */
    public static int capacityFor(java.time.Duration tick) {
        long ms = Math.max(1, tick.toMillis());
        return (int) Math.max(2, Math.min(10_000, (WINDOW.toMillis() + ms - 1) / ms));
    }

    /** Keeps at most {@code newCapacity} samples from now on (the newest ones, when it shrinks). */
    public void resize(int newCapacity) {
        if (newCapacity < 2) {
            throw new IllegalArgumentException("a history keeps at least 2 samples");
        }
        if (newCapacity == capacity) {
            return;
        }
        int keep = Math.min(size, newCapacity);
        float[][] next = new float[SERIES][newCapacity];
        for (int s = 0; s < SERIES; s++) {
            for (int i = 0; i < keep; i++) {
                next[s][i] = rings[s][(start + size - keep + i) % capacity];
            }
            run[s] = Math.min(run[s], keep);
        }
        rings = next;
        capacity = newCapacity;
        start = 0;
        size = keep;
    }

    /** How many samples are kept now (at most the capacity). */
    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    /** Sample {@code i} of {@code series}, 0 being the oldest kept. */
    public float get(Series series, int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i + " of " + size);
        }
        return rings[series.ordinal()][(start + i) % capacity];
    }

    /** A copy of {@code series}, oldest first. */
    public float[] toArray(Series series) {
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = rings[series.ordinal()][(start + i) % capacity];
        }
        return out;
    }

    /** Forgets every sample (the VM restarted elsewhere, the host reconnected). */
    public void clear() {
        start = 0;
        size = 0;
        Arrays.fill(run, 0);
    }

    private static double sumOrNaN(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : a + b;
    }
}
