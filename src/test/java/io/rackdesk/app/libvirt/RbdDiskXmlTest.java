package io.rackdesk.app.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.libvirt.RbdDiskXml.Monitor;
import io.rackdesk.app.libvirt.RbdDiskXml.RbdDisk;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RbdDiskXmlTest {
    private static final String UUID = "3f6b9c2e-1111-4a2b-9c3d-0123456789ab";

    private static RbdDisk disk(String driver) {
        return new RbdDisk("rbd", "img1", List.of(Monitor.parse("127.0.0.1:6789"), Monitor.parse("[::1]:16789")),
                "rackdesk-libvirt", UUID, driver, "vdb");
    }

    @Test
    void buildsTheNetworkDiskLibvirtExpects() {
        assertEquals("""
                <disk type='network' device='disk'>
                  <driver name='qemu' type='raw'/>
                  <auth username='rackdesk-libvirt'>
                    <secret type='ceph' uuid='3f6b9c2e-1111-4a2b-9c3d-0123456789ab'/>
                  </auth>
                  <source protocol='rbd' name='rbd/img1'>
                    <host name='127.0.0.1' port='6789'/>
                    <host name='::1' port='16789'/>
                  </source>
                  <target dev='vdb' bus='virtio'/>
                </disk>
                """, RbdDiskXml.diskXml(disk("raw")));
    }

    @Test
    void refusesQcow2OnAnRbdSource() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> disk("qcow2"));
        assertTrue(e.getMessage().startsWith("refusing driver type 'qcow2' on the RBD image rbd/img1: an RBD disk must be raw"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> disk("QCOW2"));
        assertEquals("raw", disk(null).driverType());
        assertEquals("raw", disk("RAW").driverType());
    }

    @Test
    void refusesNamesThatWouldBreakTheXml() {
        assertThrows(IllegalArgumentException.class, () -> new RbdDisk("rbd", "a'b", List.of(new Monitor("h", 1)), "u", UUID, "raw", null));
        assertThrows(IllegalArgumentException.class, () -> new RbdDisk("rbd", "a", List.of(), "u", UUID, "raw", null));
        assertThrows(IllegalArgumentException.class, () -> new Monitor("a'><x", 6789));
        assertThrows(IllegalArgumentException.class, () -> new RbdDisk("rbd", "a", List.of(new Monitor("h", 1)), "u", UUID, "raw", "sda"));
        assertThrows(IllegalArgumentException.class, () -> RbdDiskXml.secretXml("a<b", "x"));
    }

    @Test
    void monitorAddresses() {
        assertEquals(new Monitor("10.0.0.1", 6789), Monitor.parse("10.0.0.1"));
        assertEquals(new Monitor("mon1.example", 3300), Monitor.parse("mon1.example:3300"));
        assertEquals(new Monitor("fe80::1", 6789), Monitor.parse("[fe80::1]"));
        assertThrows(IllegalArgumentException.class, () -> Monitor.parse("h:port"));
    }

    @Test
    void choosesTheFirstFreeVirtioTarget() {
        assertEquals("vda", RbdDiskXml.chooseTarget(Set.of()));
        assertEquals("vdb", RbdDiskXml.chooseTarget(Set.of("vda", "hda", "sda")));
        assertEquals("vdc", RbdDiskXml.chooseTarget(Set.of("vda", "vdb", "vdd")));
        java.util.Set<String> all = new java.util.HashSet<>();
        for (char c = 'a'; c <= 'z'; c++) {
            all.add("vd" + c);
        }
        assertEquals("vdaa", RbdDiskXml.chooseTarget(all));
        assertEquals("z", RbdDiskXml.suffix(25));
        assertEquals("ab", RbdDiskXml.suffix(27));
        assertEquals("zz", RbdDiskXml.suffix(701));
    }

    @Test
    void readsTargetsAndRbdDisksBackFromDomainXml() {
        String xml = """
                <domain type='kvm'>
                  <name>vm</name>
                  <devices>
                    <disk type='file' device='disk'>
                      <driver name='qemu' type='qcow2'/>
                      <source file='/var/lib/libvirt/images/vm.qcow2'/>
                      <target dev='vda' bus='virtio'/>
                    </disk>
                    <disk type='file' device='cdrom'>
                      <target dev='sda' bus='sata'/>
                    </disk>
                    <disk type='network' device='disk'>
                      <driver name='qemu' type='raw'/>
                      <auth username='rackdesk-libvirt'>
                        <secret type='ceph' uuid='3f6b9c2e-1111-4a2b-9c3d-0123456789ab'/>
                      </auth>
                      <source protocol='rbd' name='rbd/img1' index='2'>
                        <host name='127.0.0.1' port='6789'/>
                      </source>
                      <target dev='vdb' bus='virtio'/>
                      <alias name='virtio-disk1'/>
                    </disk>
                    <disk type='network' device='disk'>
                      <source protocol='nbd' name='x'><host name='h' port='1'/></source>
                      <target dev='vdc' bus='virtio'/>
                    </disk>
                  </devices>
                </domain>
                """;
        assertEquals(Set.of("vda", "sda", "vdb", "vdc"), RbdDiskXml.targets(xml));
        assertEquals("vdd", RbdDiskXml.chooseTarget(RbdDiskXml.targets(xml)));
        List<RbdDisk> disks = RbdDiskXml.rbdDisks(xml);
        assertEquals(1, disks.size());
        RbdDisk d = disks.get(0);
        assertEquals("rbd/img1", d.sourceName());
        assertEquals("vdb", d.targetDev());
        assertEquals("rackdesk-libvirt", d.username());
        assertEquals(UUID, d.secretUuid());
        assertEquals(List.of(new Monitor("127.0.0.1", 6789)), d.monitors());
        assertTrue(RbdDisks.find(xml, "rbd/img1").isPresent());
        assertTrue(RbdDisks.find(xml, "rbd/img2").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> RbdDiskXml.targets("<pool/>"));
    }

    @Test
    void secretIsPrivateWithCephUsage() {
        String xml = RbdDiskXml.secretXml("client.rackdesk-libvirt secret", "Rackdesk: a & b");
        assertTrue(xml.contains("<secret ephemeral='no' private='yes'>"), xml);
        assertTrue(xml.contains("<usage type='ceph'>\n    <name>client.rackdesk-libvirt secret</name>"), xml);
        assertTrue(xml.contains("<description>Rackdesk: a &amp; b</description>"), xml);
    }

    @Test
    void scsiAndSataDisksUseSdTargets() {
        RbdDisk scsi = new RbdDisk("rbd", "img1", List.of(Monitor.parse("127.0.0.1:6789")), "u", UUID, "raw", "sdb",
                RbdDiskXml.Bus.SCSI);
        assertTrue(RbdDiskXml.diskXml(scsi).contains("<target dev='sdb' bus='scsi'/>"), RbdDiskXml.diskXml(scsi));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RbdDisk("rbd", "img1",
                List.of(Monitor.parse("127.0.0.1:6789")), "u", UUID, "raw", "vdb", RbdDiskXml.Bus.SATA));
        assertEquals("'vdb' is not a sata disk target (sda, sdb, ...)", e.getMessage());
        assertEquals("sdc", RbdDiskXml.chooseTarget(Set.of("sda", "sdb", "vda"), RbdDiskXml.Bus.SATA));
        assertEquals("vdb", RbdDiskXml.chooseTarget(Set.of("sda", "sdb", "vda"), RbdDiskXml.Bus.VIRTIO));
        assertEquals(RbdDiskXml.Bus.SCSI, RbdDiskXml.Bus.of("scsi"));
        assertThrows(IllegalArgumentException.class, () -> RbdDiskXml.Bus.of("ide"));
        // read back with its bus
        String xml = "<domain><devices>" + RbdDiskXml.diskXml(scsi) + "</devices></domain>";
        RbdDisk back = RbdDiskXml.rbdDisks(xml).get(0);
        assertEquals(RbdDiskXml.Bus.SCSI, back.bus());
        assertEquals("sdb", back.targetDev());
    }

    @Test
    void theDiskElementIsCutFromLibvirtsOwnText() {
        String xml = """
                <domain type='qemu'>
                  <devices>
                    <disk type='file' device='disk'>
                      <source file='/x.qcow2'/>
                      <target dev='vda' bus='virtio'/>
                    </disk>
                    <disk type='network' device='disk'>
                      <driver name='qemu' type='raw'/>
                      <source protocol='rbd' name='rbd/img1'>
                        <host name='127.0.0.1' port='6789'/>
                      </source>
                      <target dev='vdb' bus='virtio'/>
                      <alias name='virtio-disk1'/>
                    </disk>
                  </devices>
                </domain>
                """;
        assertEquals("""
                <disk type='network' device='disk'>
                  <driver name='qemu' type='raw'/>
                  <source protocol='rbd' name='rbd/img1'>
                    <host name='127.0.0.1' port='6789'/>
                  </source>
                  <target dev='vdb' bus='virtio'/>
                  <alias name='virtio-disk1'/>
                </disk>
                """, RbdDiskXml.diskElementText(xml, "rbd/img1").orElseThrow());
        assertTrue(RbdDiskXml.diskElementText(xml, "rbd/img").isEmpty(), "a prefix is not the image");
    }

    @Test
    void sizesNeedAUnit() {
        assertEquals(10L << 30, io.rackdesk.app.model.Sizes.parseBytes("10G"));
        assertEquals(10L << 30, io.rackdesk.app.model.Sizes.parseBytes(" 10 GiB "));
        assertEquals(3L << 29, io.rackdesk.app.model.Sizes.parseBytes("1.5g"));
        assertEquals(512L << 20, io.rackdesk.app.model.Sizes.parseBytes("512M"));
        assertEquals(4096, io.rackdesk.app.model.Sizes.parseBytes("4096B"));
        assertEquals(-1, io.rackdesk.app.model.Sizes.parseBytes("10"), "bytes, MiB or GiB? refused");
        assertEquals(-1, io.rackdesk.app.model.Sizes.parseBytes("ten G"));
        assertEquals(-1, io.rackdesk.app.model.Sizes.parseBytes("-1G"));
        assertEquals(-2, io.rackdesk.app.model.Sizes.parseBytes("99999999P"));
    }
}
