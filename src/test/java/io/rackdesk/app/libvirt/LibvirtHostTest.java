package io.rackdesk.app.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.model.NetworkSummary;
import io.rackdesk.app.model.StoragePoolSummary;
import io.rackdesk.app.model.VmState;
import io.rackdesk.app.model.VmSummary;
import io.rackdesk.app.model.VolumeSummary;
import io.rackdesk.app.task.CallTimeoutException;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.testsupport.BlackHoleServer;
import io.rackdesk.testsupport.DemoHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LibvirtHost against libvirt's real test driver, loaded with the bundled demo host. */
class LibvirtHostTest {
    @TempDir
    Path dir;
    private LibvirtHost host;

    @BeforeEach
    void open() throws Exception {
        host = new LibvirtHost(DemoHost.uri(dir), new SerialWorker("demo"), Duration.ofSeconds(10), LibvirtEventLoop.start());
        host.open().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() throws Exception {
        host.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void listsEveryVmWithStateVcpusAndMemory() throws Exception {
        List<VmSummary> vms = host.listVms().get(10, TimeUnit.SECONDS);
        assertEquals(DemoHost.VM_COUNT, vms.size());
        Map<String, VmSummary> byName = vms.stream().collect(Collectors.toMap(VmSummary::name, Function.identity()));
        assertEquals(VmState.RUNNING, byName.get("db-01").state());
        assertEquals(8, byName.get("db-01").vcpus());
        assertEquals(32L * 1024 * 1024, byName.get("db-01").memoryKiB());
        assertEquals(VmState.PMSUSPENDED, byName.get("win11-desktop").state(), "libvirt-java's getInfo cannot even represent this");
        assertEquals(VmState.CRASHED, byName.get("legacy-erp-01").state());
        assertEquals(VmState.BLOCKED, byName.get("api-gateway-01").state());
        assertEquals(VmState.SHUTDOWN, byName.get("mail-01").state());
        assertEquals(VmState.PAUSED, byName.get("ci-runner-01").state());
        assertEquals(VmState.SHUTOFF, byName.get("kiosk-zürich").state(), "non-ASCII names survive");
        assertTrue(byName.get("db-01").persistent());
        assertTrue(!byName.get("scratch-01").persistent(), "scratch-01 is transient");
        assertEquals(36, byName.get("web-01").uuid().length());
        EnumSet<VmState> states = vms.stream().map(VmSummary::state).collect(Collectors.toCollection(() -> EnumSet.noneOf(VmState.class)));
        assertEquals(EnumSet.complementOf(EnumSet.of(VmState.NOSTATE)), states, "the demo covers every state");
        List<String> names = vms.stream().map(VmSummary::name).toList();
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(String.CASE_INSENSITIVE_ORDER);
        assertEquals(sorted, names, "sorted by name");
    }

    @Test
    void readsPoolsWithVolumesAndTheirBackingFiles() throws Exception {
        List<StoragePoolSummary> pools = host.listStoragePools().get(10, TimeUnit.SECONDS);
        assertEquals(List.of("default", "iso"), pools.stream().map(StoragePoolSummary::name).toList());
        StoragePoolSummary def = pools.get(0);
        assertEquals("dir", def.type());
        assertEquals("/var/lib/libvirt/images", def.targetPath());
        assertTrue(def.active());
        VolumeSummary overlay = def.volumes().stream().filter(v -> v.name().equals("web-01.qcow2")).findFirst().orElseThrow();
        assertEquals("qcow2", overlay.format());
        assertNotNull(overlay.backingPath(), "an overlay names its backing file");
        assertTrue(overlay.backingPath().startsWith("/var/lib/libvirt/images/"), overlay.backingPath());
        assertTrue(overlay.capacityBytes() > 0);
    }

    @Test
    void readsNetworksWithForwardModeAndDhcpRange() throws Exception {
        List<NetworkSummary> nets = host.listNetworks().get(10, TimeUnit.SECONDS);
        NetworkSummary def = nets.stream().filter(n -> n.name().equals("default")).findFirst().orElseThrow();
        assertEquals("nat", def.forwardMode());
        assertEquals("192.168.122.1", def.ipAddress());
        assertNotNull(def.dhcpStart());
        NetworkSummary storage = nets.stream().filter(n -> n.name().equals("storage-net")).findFirst().orElseThrow();
        assertEquals("isolated", storage.forwardMode());
    }

    @Test
    void lifecycleEventsReachTheListener() throws Exception {
        java.util.concurrent.CountDownLatch changed = new java.util.concurrent.CountDownLatch(1);
        host.onDomainsChanged(changed::countDown);
        host.withConnection("suspend web-01", c -> {
            c.domainLookupByName("web-01").suspend();
            return null;
        }).get(10, TimeUnit.SECONDS);
        assertTrue(changed.await(10, TimeUnit.SECONDS), "a lifecycle event arrived through libvirt's event loop");
    }

    @Test
    void tagsComeFromTheVmsOwnMetadataAndCanBeReplaced() throws Exception {
        VmSummary web = vm("web-01");
        assertEquals(List.of("prod", "web"), web.tags());
        host.setTags(web.uuid(), web.name(), List.of(" prod ", "frontend", "prod", "")).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("prod", "frontend"), vm("web-01").tags(), "trimmed, de-duplicated, empty dropped");
        String xml = host.withConnection("dumpxml", c -> c.domainLookupByName("web-01").getXMLDesc(0)).get(10, TimeUnit.SECONDS);
        assertTrue(xml.contains(RackdeskMetadata.NAMESPACE) && xml.contains(">frontend<"), "virsh dumpxml shows the tags: " + xml);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> host.setTags(web.uuid(), web.name(), List.of("a;b")));
        assertTrue(bad.getMessage().contains("separator"), bad.getMessage());
    }

    @Test
    void lifecycleActionsChangeTheState() throws Exception {
        VmSummary k8s = vm("k8s-worker-03");
        assertEquals(VmState.SHUTOFF, k8s.state());
        host.perform(k8s.uuid(), k8s.name(), io.rackdesk.app.model.VmAction.START).get(10, TimeUnit.SECONDS);
        assertEquals(VmState.RUNNING, vm("k8s-worker-03").state());
        host.perform(k8s.uuid(), k8s.name(), io.rackdesk.app.model.VmAction.PAUSE).get(10, TimeUnit.SECONDS);
        assertEquals(VmState.PAUSED, vm("k8s-worker-03").state());
        host.perform(k8s.uuid(), k8s.name(), io.rackdesk.app.model.VmAction.RESUME).get(10, TimeUnit.SECONDS);
        host.perform(k8s.uuid(), k8s.name(), io.rackdesk.app.model.VmAction.FORCE_OFF).get(10, TimeUnit.SECONDS);
        assertEquals(VmState.SHUTOFF, vm("k8s-worker-03").state());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> host.perform(k8s.uuid(), k8s.name(), io.rackdesk.app.model.VmAction.RESUME).get(10, TimeUnit.SECONDS));
        assertEquals("internal error: domain 'k8s-worker-03' not paused", LibvirtErrors.describe(e), "libvirt says why");
    }

    @Test
    void statsTickReportsEveryVmsState() throws Exception {
        Map<String, io.rackdesk.app.model.VmLiveStats> stats = host.sampleStats().get(10, TimeUnit.SECONDS);
        assertEquals(DemoHost.VM_COUNT, stats.size());
        assertEquals(VmState.PAUSED, stats.get(vm("ci-runner-01").uuid()).state());
    }

    private VmSummary vm(String name) throws Exception {
        return host.listVms().get(10, TimeUnit.SECONDS).stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void anUnreadableFixtureFailsWithLibvirtsReason() {
        LibvirtHost bad = new LibvirtHost("test:///no/such/dir/host.xml", new SerialWorker("bad"), Duration.ofSeconds(10),
                LibvirtEventLoop.start());
        ExecutionException e = assertThrows(ExecutionException.class, () -> bad.open().get(10, TimeUnit.SECONDS));
        String msg = LibvirtErrors.describe(e);
        assertTrue(msg.contains("/no/such/dir/host.xml"), msg);
        bad.close();
    }

    @Test
    void aHostThatAcceptsAndNeverAnswersTimesOut() throws Exception {
        try (BlackHoleServer blackHole = new BlackHoleServer()) {
            String uri = blackHole.libvirtUri();
            LibvirtHost silent = new LibvirtHost(uri, new SerialWorker("silent"), Duration.ofSeconds(2), LibvirtEventLoop.start());
            ExecutionException e = assertThrows(ExecutionException.class, () -> silent.open().get(20, TimeUnit.SECONDS));
            assertInstanceOf(CallTimeoutException.class, e.getCause());
            assertEquals("connect to " + uri + " did not answer within 2 s", LibvirtErrors.describe(e));
        }
    }
}
