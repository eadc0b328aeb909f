package io.rackdesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rackdesk.app.inventory.Inventory;
import io.rackdesk.testsupport.DemoHost;
import io.rackdesk.testsupport.FixtureGenerator;
import io.rackdesk.testsupport.Lab;
import io.rackdesk.testsupport.Virsh;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: {@code rackdesk inventory} says what virsh says about the same hosts: the VMs, their
 * states, every snapshot's parent, state and creation time, and the current snapshot.
 */
class InventoryMatchesVirshTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void needsVirsh() {
        Virsh.require();
    }

    @Test
    void demoHost() throws Exception {
        int snapshots = assertMatchesVirsh(DemoHost.uri(dir));
        assertEquals(10, snapshots, "dev-sandbox's 7 and db-01's 3 were compared");
    }

    @Test
    void generatedHostWith300Vms() throws Exception {
        FixtureGenerator.Fixture f = FixtureGenerator.write(dir, FixtureGenerator.Options.of(300, 2024).withSnapshots(7, 6, 3));
        int snapshots = assertMatchesVirsh(f.uri());
        assertEquals(f.vms().stream().mapToInt(v -> v.snapshots().size()).sum(), snapshots);
    }

    /** The real QEMU driver over TCP, with a VM of our own that has a snapshot tree (metadata only). */
    @Test
    void labOverQemuTcp() throws Exception {
        Lab.require();
        String uri = Lab.get("RACKDESK_LAB_URI_TCP");
        String vm = "rackdesk-inventory-test-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            defineWithSnapshots(uri, vm);
            int snapshots = assertMatchesVirsh(uri);
            assertTrue(snapshots >= 4, "our VM's 4 snapshots were compared");
            Inventory.Vm ours = inventory(uri).vms().stream().filter(v -> v.name().equals(vm)).findFirst().orElseThrow();
            assertEquals(List.of("lab", "inventory-test"), ours.tags());
            assertEquals("shutoff", ours.state());
            assertEquals("/var/lib/libvirt/images/" + vm + ".qcow2", ours.disks().get(0).source());
            assertTrue(inventory(uri).vms().stream().anyMatch(v -> v.name().equals(Lab.get("RACKDESK_LAB_DOMAIN"))
                    && v.state().equals("running")), "the lab's own VM runs");
        } finally {
            Virsh.run(uri, "undefine " + vm + " --snapshots-metadata");
        }
    }

    /** Compares everything virsh can say; returns how many snapshots were compared. */
    private int assertMatchesVirsh(String uri) throws Exception {
        Inventory.Host host = inventory(uri);
        List<String> names = Virsh.names(uri);
        assertEquals(names.stream().sorted().toList(), host.vms().stream().map(Inventory.Vm::name).sorted().toList(),
                "the same VMs");
        Map<String, Virsh.VmView> virsh = Virsh.describe(uri, names);
        int compared = 0;
        for (Inventory.Vm vm : host.vms()) {
            Virsh.VmView expected = virsh.get(vm.name());
            assertEquals(expected.state(), vm.state(), vm.name());
            List<Virsh.Snapshot> ours = vm.snapshots().stream()
                    .map(sn -> new Virsh.Snapshot(sn.name(), sn.parent(), sn.state(), sn.creationTime()))
                    .sorted(Comparator.comparing(Virsh.Snapshot::name)).toList();
            assertEquals(expected.snapshots().stream().sorted(Comparator.comparing(Virsh.Snapshot::name)).toList(), ours,
                    vm.name() + ": every snapshot's parent, state and creation time");
            assertEquals(expected.currentSnapshot(), vm.snapshots().stream().filter(Inventory.Snapshot::current)
                    .map(Inventory.Snapshot::name).findFirst().orElse(null), vm.name() + ": current snapshot");
            compared += vm.snapshots().size();
        }
        return compared;
    }

    private static Inventory.Host inventory(String uri) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RackdeskCommand.run(new String[] {"inventory", "--connect", uri, "--timeout", "120"},
                gui -> { throw new AssertionError("the GUI must not open"); }, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        Inventory inventory = JSON.readValue(out.toString(), Inventory.class);
        assertEquals(1, inventory.hosts().size());
        return inventory.hosts().get(0);
    }

    /** A never-started QEMU VM with the tree root -> a, root -> b -> b1 (current: b), made as admins restore one. */
    private void defineWithSnapshots(String uri, String vm) throws Exception {
        Path xml = dir.resolve(vm + ".xml");
        Files.writeString(xml, """
                <domain type='qemu'>
                  <name>%s</name>
                  <uuid>%s</uuid>
                  <metadata><rackdesk:tags xmlns:rackdesk='https://rackdesk.io/xmlns/domain/1.0'>
                    <rackdesk:tag>lab</rackdesk:tag><rackdesk:tag>inventory-test</rackdesk:tag></rackdesk:tags></metadata>
                  <memory unit='MiB'>64</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64'>hvm</type></os>
                  <devices>
                    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
                      <source file='/var/lib/libvirt/images/%s.qcow2'/><target dev='vda' bus='virtio'/></disk>
                  </devices>
                </domain>
                """.formatted(vm, UUID.randomUUID(), vm));
        Virsh.run(uri, "define " + xml);
        // --redefine restores snapshot metadata, as after a host migration; it needs the domain inside
        String domain = Virsh.run(uri, "dumpxml " + vm + " --inactive");
        StringBuilder cmds = new StringBuilder();
        String[][] tree = {{"root", null}, {"a", "root"}, {"b", "root"}, {"b1", "b"}};
        for (int i = 0; i < tree.length; i++) {
            Path snap = dir.resolve("snap-" + tree[i][0] + ".xml");
            Files.writeString(snap, "<domainsnapshot><name>" + tree[i][0] + "</name><state>shutoff</state>"
                    + (tree[i][1] != null ? "<parent><name>" + tree[i][1] + "</name></parent>" : "")
                    + "<creationTime>" + (1_700_000_000L + i * 60) + "</creationTime><memory snapshot='no'/>"
                    + domain + "</domainsnapshot>");
            cmds.append("snapshot-create ").append(vm).append(' ').append(snap).append(" --redefine")
                    .append(tree[i][0].equals("b") ? " --current" : "").append("; ");
        }
        String out = Virsh.run(uri, cmds.toString());
        assertEquals(4, out.lines().filter(l -> l.contains("created from")).count(), out);
    }
}
