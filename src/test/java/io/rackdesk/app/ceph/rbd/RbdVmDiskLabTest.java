package io.rackdesk.app.ceph.rbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rackdesk.app.ceph.CephClient;
import io.rackdesk.app.ceph.CephException;
import io.rackdesk.app.ceph.CephTarget;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHost;
import io.rackdesk.app.libvirt.RbdDiskXml;
import io.rackdesk.app.libvirt.RbdDisks;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.testsupport.CephLab;
import io.rackdesk.testsupport.Lab;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The acceptance on both labs: an RBD image of the Ceph lab attached to the libvirt lab's
 * running VM in one action (cephx client, libvirt secret, disk) appears in the VM's XML. The test
 * detaches the disk, undefines the secret, removes its cephx client and image again.
 */
class RbdVmDiskLabTest {
    private static final String CLIENT_ID = "rackdesk-libvirt-test";

    @Test
    void rbdDiskAppearsInTheLabVmXml() throws Exception {
        CephLab.require();
        Lab.require();
        String domain = Lab.get("RACKDESK_LAB_DOMAIN");
        RbdImageRef image = new RbdImageRef("rbd", "vmdisk-" + UUID.randomUUID().toString().substring(0, 6));
        LibvirtHost host = new LibvirtHost(Lab.get("RACKDESK_LAB_URI_TCP"), new SerialWorker("rbd-lab-libvirt"),
                Duration.ofSeconds(30), LibvirtEventLoop.start());
        try (CephClient ceph = CephClient.connect(CephTarget.fromConf(CephLab.conf(), CephLab.keyring(), "admin",
                Duration.ofSeconds(15)))) {
            RbdImages rbd = new RbdImages(ceph);
            host.open().get(30, TimeUnit.SECONDS);
            String usage = "client." + CLIENT_ID + " secret";
            try {
                rbd.create(image, 64L << 20);
                RbdClientAccess access = RbdClientAccess.prepare(ceph, image, CLIENT_ID);
                assertEquals(List.of(CephLab.get("RACKDESK_CEPH_MON")), access.monitors(), "the msgr1 address from the mon map");
                assertFalse(access.toString().contains(keyOf(CLIENT_ID)), "the key stays out of toString");
                JsonNode caps = CephLab.cli("auth", "get", "client." + CLIENT_ID).get(0).path("caps");
                assertEquals("profile rbd", caps.path("mon").asText());
                assertEquals("profile rbd pool=rbd", caps.path("osd").asText());

                RbdDisks.Attached a = RbdVmDisk.attach(access, host, domain, RbdDisks.Mode.AUTO).get(60, TimeUnit.SECONDS);
                System.out.println("[rbd-lab] attach: live=" + a.live() + " config=" + a.config() + " target="
                        + a.disk().targetDev() + " liveError=" + a.liveError());
                assertTrue(a.config(), "in the persistent config");
                assertFalse(a.alreadyThere());

                // the acceptance: the disk is in the VM's XML, as virsh shows it
                String inactive = virsh("dumpxml", "--inactive", domain);
                RbdDiskXml.RbdDisk found = RbdDisks.find(inactive, image.toString()).orElseThrow(
                        () -> new AssertionError(image + " not in the inactive XML:\n" + inactive));
                assertEquals(a.disk().targetDev(), found.targetDev());
                assertEquals(CLIENT_ID, found.username());
                assertEquals("raw", found.driverType());
                assertEquals(List.of(RbdDiskXml.Monitor.parse(CephLab.get("RACKDESK_CEPH_MON"))), found.monitors());
                if (a.live()) {
                    assertTrue(RbdDisks.find(virsh("dumpxml", domain), image.toString()).isPresent());
                }
                // the secret holds the key (virsh cannot read it back: it is private)
                String secrets = virsh("secret-list");
                assertTrue(secrets.contains(found.secretUuid()) && secrets.contains(usage), secrets);

                // a second attach finds it and changes nothing; caps already cover the pool
                try (RbdClientAccess again = RbdClientAccess.prepare(ceph, image, CLIENT_ID)) {
                    assertFalse(again.created());
                    assertFalse(again.capsExtended());
                    RbdDisks.Attached b = RbdVmDisk.attach(again, host, domain, RbdDisks.Mode.AUTO).get(60, TimeUnit.SECONDS);
                    assertTrue(b.alreadyThere());
                    assertEquals(a.disk().targetDev(), b.disk().targetDev());
                }
                // qcow2 is refused before anything happens
                try (RbdClientAccess q = RbdClientAccess.prepare(ceph, image, CLIENT_ID)) {
                    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                            () -> RbdVmDisk.attach(q, host, domain, RbdDisks.Mode.AUTO, "qcow2").get(10, TimeUnit.SECONDS));
                    assertTrue(e.getCause().getMessage().startsWith("refusing driver type 'qcow2' on the RBD image " + image),
                            e.getCause().getMessage());
                }
                // another pool gets added to the same client's caps
                try (RbdClientAccess other = RbdClientAccess.prepare(ceph, new RbdImageRef("rbd", "img1"), CLIENT_ID)) {
                    assertFalse(other.capsExtended(), "same pool");
                }
            } finally {
                RbdDisks.detach(host, domain, image.toString()).get(60, TimeUnit.SECONDS);
                RbdDisks.undefineCephSecret(host, usage).get(30, TimeUnit.SECONDS);
                try {
                    CephLab.cli("auth", "del", "client." + CLIENT_ID);
                } catch (AssertionError e) {
                    // not made
                }
                try {
                    rbd.delete(image);
                } catch (CephException e) {
                    // not made
                }
                host.disconnect().get(30, TimeUnit.SECONDS);
            }
            String after = virsh("dumpxml", "--inactive", domain);
            assertTrue(RbdDisks.find(after, image.toString()).isEmpty(), "detached again");
            assertFalse(virsh("secret-list").contains(usage), "secret undefined");
        }
    }

    /**
     * The lab VM cannot take a hot-plugged disk (it has no ACPI, so no PCI hotplug: "Bus 'pci.0' does
     * not support hotplugging"), so live attach is checked on a transient diskless TCG VM with ACPI of
     * the test's own: QEMU opens the image itself (blockdev-add with the cephx user and the secret) and
     * shows up as a watcher of the image. Needs QEMU's rbd block driver (Debian: qemu-block-extra);
     * skipped without it.
     */
    @Test
    void liveAttachToARunningVmWithHotplug() throws Exception {
        CephLab.require();
        Lab.require();
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(
                java.nio.file.Path.of("/usr/lib/x86_64-linux-gnu/qemu/block-rbd.so")),
                "QEMU has no rbd block driver (install qemu-block-extra)");
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String domain = "rackdesk-rbd-live-" + tag;
        RbdImageRef image = new RbdImageRef("rbd", "live-" + tag);
        java.nio.file.Path xml = java.nio.file.Files.createTempFile("rbd-live", ".xml");
        java.nio.file.Files.writeString(xml, """
                <domain type='qemu'>
                  <name>%s</name>
                  <description>Rackdesk RbdVmDiskLabTest: transient, destroyed by the test</description>
                  <memory unit='MiB'>64</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
                  <features><acpi/></features>
                  <on_poweroff>destroy</on_poweroff>
                  <on_reboot>destroy</on_reboot>
                  <devices>
                    <emulator>/usr/bin/qemu-system-x86_64</emulator>
                    <memballoon model='none'/>
                  </devices>
                </domain>
                """.formatted(domain));
        LibvirtHost host = new LibvirtHost(Lab.get("RACKDESK_LAB_URI_TCP"), new SerialWorker("rbd-lab-live"),
                Duration.ofSeconds(30), LibvirtEventLoop.start());
        String usage = "client." + CLIENT_ID + " secret";
        try (CephClient ceph = CephClient.connect(CephTarget.fromConf(CephLab.conf(), CephLab.keyring(), "admin",
                Duration.ofSeconds(15)))) {
            RbdImages rbd = new RbdImages(ceph);
            try {
                rbd.create(image, 16L << 20);
                virsh("create", xml.toString());
                host.open().get(30, TimeUnit.SECONDS);
                RbdDisks.Attached a = RbdVmDisk.attach(RbdClientAccess.prepare(ceph, image, CLIENT_ID), host, domain,
                        RbdDisks.Mode.LIVE_AND_CONFIG).get(60, TimeUnit.SECONDS);
                System.out.println("[rbd-lab] live attach: live=" + a.live() + " config=" + a.config() + " target="
                        + a.disk().targetDev());
                assertTrue(a.live());
                assertFalse(a.config(), "a transient VM has no config");
                assertTrue(RbdDisks.find(virsh("dumpxml", domain), image.toString()).isPresent());
                JsonNode status = rbdStatus(image);
                assertTrue(status.path("watchers").size() >= 1, "QEMU watches the image: " + status);
            } finally {
                try {
                    virsh("destroy", domain);
                } catch (AssertionError e) {
                    // not started
                }
                RbdDisks.undefineCephSecret(host, usage).get(30, TimeUnit.SECONDS);
                try {
                    CephLab.cli("auth", "del", "client." + CLIENT_ID);
                } catch (AssertionError e) {
                    // not made
                }
                deleteWhenUnwatched(rbd, image);
                host.disconnect().get(30, TimeUnit.SECONDS);
                java.nio.file.Files.deleteIfExists(xml);
            }
        }
    }

    private static JsonNode rbdStatus(RbdImageRef image) throws java.io.IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(CephLab.run(List.of("timeout", "60", "rbd", "-c",
                CephLab.conf().toString(), "-k", CephLab.keyring().toString(), "status", image.toString(), "--format", "json")));
    }

    /** QEMU's watch lingers a moment after destroy. */
    private static void deleteWhenUnwatched(RbdImages rbd, RbdImageRef image) throws InterruptedException {
        for (int i = 0; i < 40; i++) {
            try {
                rbd.delete(image);
                return;
            } catch (CephException e) {
                if (e.errno() == -2) {
                    return;
                }
                Thread.sleep(500);
            }
        }
    }

    /** virsh against the lab's libvirtd over tcp (the test runs as root, like the lab). */
    private static String virsh(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("timeout", "60", "virsh", "-c", Lab.get("RACKDESK_LAB_URI_TCP")));
        cmd.addAll(List.of(args));
        return CephLab.run(cmd);
    }

    private static String keyOf(String id) {
        try {
            return CephLab.cli("auth", "get", "client." + id).get(0).path("key").asText();
        } catch (AssertionError e) {
            return "no such key";
        }
    }
}
