package io.rackdesk.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHost;
import io.rackdesk.app.model.SnapshotInfo;
import io.rackdesk.app.model.VmState;
import io.rackdesk.app.model.VmSummary;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.testsupport.FixtureGenerator.Fixture;
import io.rackdesk.testsupport.FixtureGenerator.GeneratedVm;
import io.rackdesk.testsupport.FixtureGenerator.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixtureGeneratorTest {
    @TempDir
    Path dir;

    @Test
    void theSameSeedWritesTheSameFile() throws Exception {
        Fixture a = FixtureGenerator.write(dir.resolve("a"), Options.of(50, 3));
        Fixture b = FixtureGenerator.write(dir.resolve("b"), Options.of(50, 3));
        Fixture c = FixtureGenerator.write(dir.resolve("c"), Options.of(50, 4));
        assertEquals(Files.readString(a.file()), Files.readString(b.file()));
        assertEquals(a.vms(), b.vms());
        assertNotEquals(Files.readString(a.file()), Files.readString(c.file()));
    }

    @Test
    void snapshotTreesHaveTheAskedShapeAndOneCurrentSnapshot() {
        Fixture f = FixtureGenerator.write(dir, Options.of(12, 5).withSnapshots(4, 6, 3));
        for (GeneratedVm vm : f.vms()) {
            int i = f.vms().indexOf(vm);
            if (i % 4 != 0) {
                assertEquals(List.of(), vm.snapshots(), vm.name());
                continue;
            }
            assertEquals(6 + 5 * 2, vm.snapshots().size(), vm.name());
            assertEquals(1, vm.snapshots().stream().filter(SnapshotInfo::current).count(), vm.name());
            assertEquals(1, vm.snapshots().stream().filter(s -> s.parent() == null).count(), "one root");
        }
    }

    /** Also the size of the planned benchmark: it must stay quick to write and load. */
    @Test
    void aThousandVmsAreWrittenQuicklyAndLibvirtLoadsThemAll() throws Exception {
        long start = System.nanoTime();
        Fixture f = FixtureGenerator.write(dir, Options.of(1000, 42));
        long writeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(writeMs < 3000, "1000 VMs took " + writeMs + " ms to write");

        LibvirtHost host = new LibvirtHost(f.uri(), new SerialWorker("generated-1000"), Duration.ofSeconds(60),
                LibvirtEventLoop.start());
        try {
            host.open().get(60, TimeUnit.SECONDS);
            List<VmSummary> listed = host.listVms().get(60, TimeUnit.SECONDS);
            List<VmSummary> expected = f.vms().stream().map(GeneratedVm::summary)
                    .sorted(Comparator.comparing(VmSummary::name, String.CASE_INSENSITIVE_ORDER)).toList();
            assertEquals(expected, listed, "names (with spaces, ü, 数据库, commas, quotes), UUIDs, states, sizes");
        } finally {
            host.disconnect().get(60, TimeUnit.SECONDS);
        }
        EnumSet<VmState> states = f.vms().stream().map(v -> v.summary().state())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(VmState.class)));
        assertEquals(EnumSet.complementOf(EnumSet.of(VmState.NOSTATE)), states, "every state 1..7");
        assertTrue(f.vms().stream().anyMatch(v -> !v.summary().persistent()), "some transient VMs");
        assertTrue(f.vms().stream().filter(v -> !v.summary().persistent()).allMatch(v -> v.summary().state() == VmState.RUNNING),
                "transient VMs only run: a transient shut-off one would fail the whole file");
        assertTrue(f.vms().stream().anyMatch(v -> v.disks().get(0).backingChain().size() == 3), "backing chains");
        assertTrue(f.vms().stream().anyMatch(v -> v.disks().stream().anyMatch(d -> "network".equals(d.type()))));
    }
}
