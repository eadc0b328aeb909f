package io.rackdesk.app.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.model.BackingImage;
import io.rackdesk.app.model.SnapshotInfo;
import io.rackdesk.app.model.VmDefinition;
import io.rackdesk.app.model.VmDetails;
import io.rackdesk.app.model.VmDisk;
import io.rackdesk.app.model.VmGraphics;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.testsupport.DemoHost;
import io.rackdesk.testsupport.FixtureGenerator;
import io.rackdesk.testsupport.FixtureGenerator.Fixture;
import io.rackdesk.testsupport.FixtureGenerator.GeneratedVm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VmInspector against libvirt's test driver: the bundled demo host and generated hosts. */
class VmInspectorTest {
    private static final String DEV_SANDBOX = "972a8469-1641-4f82-8b9d-2434e465e150";
    private static final String DB_01 = "23b8c1e9-3924-46de-beb1-3b9046685257";
    private static final String WEB_01 = "bdd640fb-0667-4ad1-9c80-317fa3b1799d";

    @TempDir
    Path dir;

    @Test
    void devSandboxHasASevenSnapshotTreeWithDockerEngineCurrent() throws Exception {
        List<SnapshotInfo> snaps = onHost(DemoHost.uri(dir), v -> v.snapshots(DEV_SANDBOX));
        Map<String, String> parents = parents(snaps);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("fresh-install", null);
        expected.put("base-config", "fresh-install");
        expected.put("docker-engine", "base-config");
        expected.put("compose-stack", "docker-engine");
        expected.put("hardened-baseline", "fresh-install");
        expected.put("apparmor-enforce", "hardened-baseline");
        expected.put("pre-kernel-6.10", "apparmor-enforce");
        assertEquals(expected, parents, "every parent, oldest first");
        assertEquals(List.of("docker-engine"), snaps.stream().filter(SnapshotInfo::current).map(SnapshotInfo::name).toList());
        SnapshotInfo docker = snaps.get(2);
        assertEquals(new SnapshotInfo("docker-engine", "base-config", true, "running", 1710169500L,
                "Docker CE 26.1 + compose plugin"), docker);
        assertEquals("shutoff", snaps.get(0).state());
    }

    @Test
    void db01HasAThreeSnapshotChainWithTheNewestCurrent() throws Exception {
        List<SnapshotInfo> snaps = onHost(DemoHost.uri(dir), v -> v.snapshots(DB_01));
        assertEquals(List.of(
                new SnapshotInfo("pre-pg16-upgrade", null, false, "running", 1725904500L, "PostgreSQL 15.8, before pg_upgrade"),
                new SnapshotInfo("pg16-upgraded", "pre-pg16-upgrade", false, "running", 1730151000L,
                        "PostgreSQL 16.4 after pg_upgrade --link"),
                new SnapshotInfo("pre-schema-migration", "pg16-upgraded", true, "running", 1731967500L,
                        "Before release 2024.11 schema migration")), snaps);
    }

    @Test
    void aVmWithoutSnapshotsHasAnEmptyList() throws Exception {
        assertEquals(List.of(), onHost(DemoHost.uri(dir), v -> v.snapshots(WEB_01)));
    }

    @Test
    void aDeepTreeComesOutWhole() throws Exception {
        Fixture f = FixtureGenerator.write(dir, FixtureGenerator.Options.of(3, 7).withSnapshots(2, 40, 3));
        GeneratedVm vm = f.vms().get(0);
        assertEquals(40 + 39 * 2, vm.snapshots().size());
        List<SnapshotInfo> snaps = onHost(f.uri(), v -> v.snapshots(vm.summary().uuid()));
        assertEquals(vm.snapshots(), snaps, "names, parents, current flag, state, time and description");
        SnapshotInfo deepest = snaps.stream().filter(s -> s.name().equals("snap-39")).findFirst().orElseThrow();
        int depth = 0;
        Map<String, String> parents = parents(snaps);
        for (String s = deepest.name(); parents.get(s) != null; s = parents.get(s)) {
            depth++;
        }
        assertEquals(39, depth, "snap-39 is 39 parents below the root");
        assertEquals(List.of(), onHost(f.uri(), v -> v.snapshots(f.vms().get(1).summary().uuid())));
    }

    @Test
    void readsTheDefinitionOfAVm() throws Exception {
        VmDefinition db = onHost(DemoHost.uri(dir), v -> v.definition(DB_01));
        assertEquals("db-01", db.name());
        assertEquals(List.of("prod", "db"), db.tags());
        assertEquals(List.of(new BackingImage("/var/lib/libvirt/images/debian-12-golden.qcow2", "qcow2"),
                new BackingImage("/var/lib/libvirt/images/debian-12-base.qcow2", "qcow2")), db.disks().get(0).backingChain());
        VmDisk rbd = db.disks().get(1);
        assertEquals("vms/db-01-data", rbd.source());
        assertEquals(List.of("10.0.0.11:6789"), rbd.hosts());
        assertEquals("rbd", rbd.protocol());
        assertEquals(List.of(new VmGraphics("vnc", 5901, false, "127.0.0.1", null, false)), db.graphics());
        assertEquals(2, db.nics().size());
        assertEquals("storage-net", db.nics().get(1).source());
    }

    @Test
    void anUnknownVmFailsWithLibvirtsReason() {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> onHost(DemoHost.uri(dir), v -> v.snapshots("00000000-0000-4000-8000-000000000000")));
        assertTrue(LibvirtErrors.describe(e).contains("Domain not found"), LibvirtErrors.describe(e));
    }

    @Test
    void inspectAllMatchesWhatTheGeneratorWrote() throws Exception {
        Fixture f = FixtureGenerator.write(dir, FixtureGenerator.Options.of(40, 11).withSnapshots(3, 5, 2));
        List<VmDetails> all = onHost(f.uri(), VmInspector::inspectAll);
        assertEquals(40, all.size());
        Map<String, VmDetails> byName = all.stream().collect(Collectors.toMap(d -> d.summary().name(), d -> d));
        for (GeneratedVm vm : f.vms()) {
            VmDetails d = byName.get(vm.name());
            assertEquals(vm.summary(), d.summary(), vm.name());
            assertEquals(vm.tags(), d.definition().tags(), vm.name());
            assertEquals(vm.disks(), d.definition().disks(), vm.name());
            assertEquals(vm.snapshots(), d.snapshots(), vm.name());
            assertFalse(d.autostart(), "the test driver starts nothing by itself");
        }
        List<String> names = all.stream().map(d -> d.summary().name()).toList();
        assertEquals(names.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList(), names, "sorted by name");
        assertNull(byName.get("vm-0000").definition().description());
    }

    private <T> T onHost(String uri, InspectorCall<T> call) throws Exception {
        LibvirtHost host = new LibvirtHost(uri, new SerialWorker("inspector-test"), Duration.ofSeconds(30),
                LibvirtEventLoop.start());
        try {
            host.open().get(30, TimeUnit.SECONDS);
            return call.apply(new VmInspector(host)).get(30, TimeUnit.SECONDS);
        } finally {
            host.disconnect().get(30, TimeUnit.SECONDS);
        }
    }

    private static Map<String, String> parents(List<SnapshotInfo> snaps) {
        Map<String, String> m = new LinkedHashMap<>();
        snaps.forEach(s -> m.put(s.name(), s.parent()));
        return m;
    }

    @FunctionalInterface
    private interface InspectorCall<T> {
        java.util.concurrent.CompletableFuture<T> apply(VmInspector inspector);
    }
}
