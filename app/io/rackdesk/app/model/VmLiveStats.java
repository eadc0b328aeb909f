package io.rackdesk.app.model;

/**
 * A VM's rates over the last tick and its recent history (oldest first), computed from two
 * successive samples. NaN where the host gives no figure (inactive VM, first tick). Histories: CPU and
 * memory in percent, disk and network in bytes per second.
 */
public record VmLiveStats(VmState state, double cpuPercent, long memoryUsedKiB, double memoryPercent,
                          double diskReadBps, double diskWriteBps, double netRxBps, double netTxBps,
                          float[] cpuHistory, float[] memoryHistory, float[] diskHistory, float[] netHistory) {

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
