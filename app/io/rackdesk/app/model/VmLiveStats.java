package io.rackdesk.app.model;

/**
 * A VM's rates over the last tick, computed from two successive samples. NaN where the host gives no
 * figure (inactive VM, first tick). Equal figures compare equal (NaN included), so an unchanged VM can
 * be recognised.
 */
public record VmLiveStats(VmState state, double cpuPercent, long memoryUsedKiB, double memoryPercent,
                          double diskReadBps, double diskWriteBps, double netRxBps, double netTxBps) {

    /** Disk read + write, bytes per second. */
    public double diskBps() {
        return sum(diskReadBps, diskWriteBps);
    }

    /** Network receive + transmit, bytes per second. */
    public double netBps() {
        return sum(netRxBps, netTxBps);
    }

    private static double sum(double a, double b) {
        return Double.isNaN(a) && Double.isNaN(b) ? Double.NaN : (Double.isNaN(a) ? 0 : a) + (Double.isNaN(b) ? 0 : b);
    }
}
