package io.rackdesk.app.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.model.BackingImage;
import io.rackdesk.app.model.VmConsole;
import io.rackdesk.app.model.VmDefinition;
import io.rackdesk.app.model.VmDisk;
import io.rackdesk.app.model.VmGraphics;
import io.rackdesk.app.model.VmNic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DomainXml on hand-written domain XML: every element kind, missing parts, hostile input. */
class DomainXmlTest {
    private static final String FULL = """
            <domain type='kvm'>
              <name>db-01</name>
              <uuid>23b8c1e9-3924-46de-beb1-3b9046685257</uuid>
              <title>PostgreSQL primary</title>
              <description>data on Ceph &amp; local disks</description>
              <metadata>
                <other:notes xmlns:other='https://example.com/notes'><other:tag>not ours</other:tag></other:notes>
                <rd:tags xmlns:rd='https://rackdesk.io/xmlns/domain/1.0'>
                  <rd:tag> prod </rd:tag><rd:tag>db</rd:tag><rd:tag>prod</rd:tag><rd:tag>  </rd:tag>
                </rd:tags>
              </metadata>
              <memory unit='KiB'>33554432</memory>
              <os><type arch='x86_64' machine='pc-q35-7.2'>hvm</type><boot dev='hd'/></os>
              <devices>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='qcow2'/>
                  <source file='/var/lib/libvirt/images/db-01.qcow2'/>
                  <backingStore type='file' index='1'>
                    <format type='qcow2'/>
                    <source file='/var/lib/libvirt/images/golden.qcow2'/>
                    <backingStore type='block' index='2'>
                      <format type='raw'/>
                      <source dev='/dev/vg0/base'/>
                      <backingStore/>
                    </backingStore>
                  </backingStore>
                  <target dev='vda' bus='virtio'/>
                </disk>
                <disk type='network' device='disk'>
                  <driver name='qemu' type='raw' cache='none'/>
                  <auth username='libvirt'><secret type='ceph' uuid='2e3b4a1c-9d57-4f0e-8b1a-5c6d7e8f9a0b'/></auth>
                  <source protocol='rbd' name='vms/db-01-data'>
                    <host name='10.0.0.11' port='6789'/>
                    <host name='mon2.example.com'/>
                  </source>
                  <target dev='vdb' bus='virtio'/>
                </disk>
                <disk type='network' device='disk'>
                  <driver name='qemu' type='raw'/>
                  <source protocol='rbd' name='vms/db-01-wal'>
                    <host name='10.0.0.11' port='6789'/>
                    <auth username='wal'><secret type='ceph' usage='client.wal secret'/></auth>
                  </source>
                  <target dev='vdc' bus='virtio'/>
                </disk>
                <disk type='block' device='disk'>
                  <driver name='qemu' type='raw'/>
                  <source dev='/dev/vg0/db-01-scratch'/>
                  <target dev='vdd' bus='virtio'/>
                </disk>
                <disk type='volume' device='disk'>
                  <driver name='qemu' type='qcow2'/>
                  <source pool='default' volume='db-01-logs.qcow2'/>
                  <target dev='vde' bus='virtio'/>
                </disk>
                <disk type='file' device='cdrom'>
                  <driver name='qemu' type='raw'/>
                  <target dev='sda' bus='sata'/>
                  <readonly/>
                </disk>
                <interface type='network'>
                  <mac address='52:54:00:3a:5c:02'/>
                  <source network='default'/>
                  <model type='virtio'/>
                </interface>
                <interface type='bridge'>
                  <mac address='52:54:00:7d:20:02'/>
                  <source bridge='br0'/>
                  <model type='e1000e'/>
                </interface>
                <interface type='user'/>
                <graphics type='vnc' port='5901' autoport='no' websocket='5701' passwd='s3cr3t-do-not-keep' keymap='en-us'>
                  <listen type='address' address='0.0.0.0'/>
                </graphics>
                <graphics type='spice' port='-1' autoport='yes' listen='127.0.0.1'/>
                <serial type='pty'>
                  <source path='/dev/pts/3'/>
                  <target type='isa-serial' port='0'/>
                </serial>
                <serial type='tcp'>
                  <source mode='bind' host='127.0.0.1' service='4555'/>
                  <target port='1'/>
                </serial>
                <console type='pty' tty='/dev/pts/3'>
                  <target type='serial' port='0'/>
                </console>
              </devices>
            </domain>
            """;

    @Test
    void readsIdentityOsAndTags() {
        VmDefinition d = DomainXml.parse(FULL);
        assertEquals("db-01", d.name());
        assertEquals("23b8c1e9-3924-46de-beb1-3b9046685257", d.uuid());
        assertEquals("PostgreSQL primary", d.title());
        assertEquals("data on Ceph & local disks", d.description());
        assertEquals("hvm", d.osType());
        assertEquals("x86_64", d.arch());
        assertEquals("pc-q35-7.2", d.machine());
        assertEquals(List.of("prod", "db"), d.tags(), "by namespace, whatever the prefix; trimmed; no blanks, no repeats, "
                + "and another namespace's <tag> is not ours");
    }

    @Test
    void readsEveryKindOfDisk() {
        List<VmDisk> disks = DomainXml.parse(FULL).disks();
        assertEquals(6, disks.size());
        assertEquals(new VmDisk("vda", "virtio", "disk", "file", "/var/lib/libvirt/images/db-01.qcow2", null, List.of(),
                null, null, "qcow2", List.of(new BackingImage("/var/lib/libvirt/images/golden.qcow2", "qcow2"),
                        new BackingImage("/dev/vg0/base", "raw"))), disks.get(0));
        assertEquals(new VmDisk("vdb", "virtio", "disk", "network", "vms/db-01-data", "rbd",
                List.of("10.0.0.11:6789", "mon2.example.com"), "libvirt", "2e3b4a1c-9d57-4f0e-8b1a-5c6d7e8f9a0b", "raw",
                List.of()), disks.get(1));
        VmDisk wal = disks.get(2);
        assertEquals("wal", wal.authUsername(), "<auth> inside <source>, as newer libvirt writes it");
        assertNull(wal.authSecretUuid(), "a secret named by usage has no UUID");
        assertEquals("/dev/vg0/db-01-scratch", disks.get(3).source());
        assertEquals("block", disks.get(3).type());
        assertEquals("default/db-01-logs.qcow2", disks.get(4).source());
        VmDisk cdrom = disks.get(5);
        assertEquals("cdrom", cdrom.device());
        assertEquals("sata", cdrom.bus());
        assertNull(cdrom.source(), "an empty drive has no source");
        assertEquals(List.of(), cdrom.backingChain());
    }

    @Test
    void readsNicsGraphicsAndConsolesButNeverThePassword() {
        VmDefinition d = DomainXml.parse(FULL);
        assertEquals(List.of(new VmNic("network", "default", "52:54:00:3a:5c:02", "virtio"),
                new VmNic("bridge", "br0", "52:54:00:7d:20:02", "e1000e"),
                new VmNic("user", null, null, null)), d.nics());
        assertEquals(List.of(new VmGraphics("vnc", 5901, false, "0.0.0.0", 5701, true),
                new VmGraphics("spice", -1, true, "127.0.0.1", null, false)), d.graphics());
        assertFalse(d.toString().contains("s3cr3t"), "the password is not kept anywhere: " + d);
        assertEquals(List.of(new VmConsole("serial", "pty", 0, "/dev/pts/3"), new VmConsole("serial", "tcp", 1, null),
                new VmConsole("console", "pty", 0, "/dev/pts/3")), d.consoles());
    }

    @Test
    void missingPartsAreNullOrEmpty() {
        VmDefinition d = DomainXml.parse("<domain type='test'><name>bare</name></domain>");
        assertEquals("bare", d.name());
        assertNull(d.uuid());
        assertNull(d.title());
        assertNull(d.description());
        assertNull(d.osType());
        assertNull(d.arch());
        assertEquals(List.of(), d.tags());
        assertEquals(List.of(), d.disks());
        assertEquals(List.of(), d.nics());
        assertEquals(List.of(), d.graphics());
        assertEquals(List.of(), d.consoles());

        VmDefinition partial = DomainXml.parse("""
                <domain><name>p</name><metadata/><os><type>hvm</type></os>
                <devices><disk type='file'><target dev='vda'/></disk><graphics type='vnc'/><serial type='pty'/></devices>
                </domain>""");
        assertEquals("hvm", partial.osType());
        assertNull(partial.arch());
        assertEquals(new VmDisk("vda", null, null, "file", null, null, List.of(), null, null, null, List.of()),
                partial.disks().get(0));
        assertEquals(new VmGraphics("vnc", null, false, null, null, false), partial.graphics().get(0));
        assertEquals(new VmConsole("serial", "pty", null, null), partial.consoles().get(0), "not started: no pty yet");
    }

    @Test
    void refusesADoctypeAndEntities() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE domain [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <domain><name>&secret;</name></domain>""";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DomainXml.parse(xxe));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        String laughs = """
                <!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
                <domain><name>&b;</name></domain>""";
        assertThrows(IllegalArgumentException.class, () -> DomainXml.parse(laughs));
    }

    @Test
    void refusesWhatIsNotADomain() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DomainXml.parse("<network><name>x</name></network>"))
                .getMessage().contains("expected <domain>"));
        assertThrows(IllegalArgumentException.class, () -> DomainXml.parse("<domain><name>x</name>"));
        assertThrows(IllegalArgumentException.class, () -> DomainXml.parse(""));
        assertThrows(IllegalArgumentException.class, () -> DomainXml.parse(null));
        assertThrows(IllegalArgumentException.class,
                () -> DomainXml.parse("<x:domain xmlns:x='urn:evil'><name>x</name></x:domain>"));
    }
}
