package io.rackdesk.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHost;
import io.rackdesk.app.model.VmLiveStats;
import io.rackdesk.app.model.VmState;
import io.rackdesk.app.model.VmSummary;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.testsupport.Lab;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One bulk stats call per tick against the real QEMU VM of the lab. */
class LabStatsTest {
    @Test
    void twoTicksGiveCpuAndMemoryOfTheRunningVm() throws Exception {
        String uri = Lab.get("RACKDESK_LAB_URI_TCP");
        LibvirtHost host = new LibvirtHost(uri, new SerialWorker("lab-stats"), Duration.ofSeconds(20), LibvirtEventLoop.start());
        try {
            host.open().get(30, TimeUnit.SECONDS);
            VmSummary vm = host.listVms().get(30, TimeUnit.SECONDS).stream()
                    .filter(v -> v.name().equals(Lab.get("RACKDESK_LAB_DOMAIN"))).findFirst().orElseThrow();
            host.sampleStats().get(30, TimeUnit.SECONDS);
            Thread.sleep(1100);
            Map<String, VmLiveStats> stats = host.sampleStats().get(30, TimeUnit.SECONDS);
            VmLiveStats live = stats.get(vm.uuid());
            assertEquals(VmState.RUNNING, live.state());
            assertFalse(Double.isNaN(live.cpuPercent()), "QEMU reports cpu.time");
            assertTrue(live.cpuPercent() >= 0 && live.cpuPercent() <= 100, "cpu " + live.cpuPercent());
            assertTrue(live.memoryUsedKiB() > 0, "memory from balloon/rss: " + live.memoryUsedKiB());
            assertTrue(live.memoryPercent() > 0 && live.memoryPercent() <= 100, "memory use against the balloon: " + live.memoryPercent());
        } finally {
            host.disconnect().get(30, TimeUnit.SECONDS);
        }
    }
}
