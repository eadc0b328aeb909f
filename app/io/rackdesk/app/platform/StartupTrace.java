package io.rackdesk.app.platform;

import java.lang.management.ManagementFactory;
import java.time.Instant;

/**
 * With {@code -Drackdesk.startupTrace=true}, one line on stderr per start-up phase: time since the
 * process started, and the CPU time the calling thread has used (which, unlike wall time, a busy
 * machine hardly changes). For finding where a start spends its time (docs/benchmarks.md).
 */
public final class StartupTrace {
    private static final boolean ON = Boolean.getBoolean("rackdesk.startupTrace");

    private StartupTrace() {
    }

    public static void mark(String phase) {
        if (!ON) {
            return;
        }
        long started = ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        long cpuMs = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
        System.err.printf("startup %5d ms  %-28s [%s] cpu %d ms%n", System.currentTimeMillis() - started, phase,
                Thread.currentThread().getName(), cpuMs);
    }
}
