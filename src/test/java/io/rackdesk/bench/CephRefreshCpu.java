package io.rackdesk.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The same work as {@link CephRefreshBench}, timed in CPU time of the calling thread (median of 200
 * after 200 warm-up rounds): on a machine loaded by other work, wall-clock figures mostly measure the
 * wait for a core. Run by scripts/bench-ceph.sh cpu; prints a table.
 */
public final class CephRefreshCpu {
    public static void main(String[] args) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.println("| refresh | OSDs | PGs | CPU ms, median of 200 (p90) |");
        System.out.println("|---|---|---|---|");
        for (int pgs : new int[] {10_000, 100_000, 1_000_000}) {
            CephRefreshBench b = new CephRefreshBench();
            b.osds = 1000;
            b.pgs = pgs;
            b.pools = 32;
            b.setUp();
            for (String what : new String[] {"pollRefresh", "osdTreeAndPoolsRefresh"}) {
                long[] ns = new long[200];
                for (int i = -200; i < ns.length; i++) {
                    long t0 = threads.getCurrentThreadCpuTime();
                    if (what.equals("pollRefresh")) {
                        b.pollRefresh();
                    } else {
                        b.osdTreeAndPoolsRefresh();
                    }
                    if (i >= 0) {
                        ns[i] = threads.getCurrentThreadCpuTime() - t0;
                    }
                }
                Arrays.sort(ns);
                System.out.printf(Locale.ROOT, "| %s | 1,000 | %,d | %.2f (%.2f) |%n", what, pgs, ns[ns.length / 2] / 1e6, ns[ns.length * 9 / 10] / 1e6);
            }
        }
        System.exit(0);
    }
}
