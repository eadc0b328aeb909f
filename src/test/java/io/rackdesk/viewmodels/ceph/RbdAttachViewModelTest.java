package io.rackdesk.viewmodels.ceph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.ceph.CephClusterState.Phase;
import io.rackdesk.app.ceph.CephException;
import io.rackdesk.app.ceph.CephRates;
import io.rackdesk.app.ceph.rbd.RbdClientAccess;
import io.rackdesk.app.ceph.rbd.RbdImageRef;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import io.rackdesk.app.libvirt.RbdDiskXml;
import io.rackdesk.app.libvirt.RbdDiskXml.Bus;
import io.rackdesk.app.libvirt.RbdDisks;
import io.rackdesk.app.settings.CephClusterSettings;
import io.rackdesk.app.settings.ConnectionSettings;
import io.rackdesk.app.task.CallTimeoutException;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.testsupport.FakeCephClusters;
import io.rackdesk.testsupport.FakeRbdAttach;
import io.rackdesk.testsupport.RecordingDialogs;
import io.rackdesk.testsupport.UiQueue;
import io.rackdesk.viewmodels.ceph.RbdAttachViewModel.StepKind;
import io.rackdesk.viewmodels.ceph.RbdAttachViewModel.StepState;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.viewmodels.vms.VmItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The "Attach RBD image to VM" dialog's model without a toolkit: defaults, validation, the preview
 * XML, the steps of a run and the words for each failure. Ceph and libvirt are a fake; the host is
 * libvirt's in-process test driver (its VM "test" runs), so the host list is a real connection's.
 */
class RbdAttachViewModelTest {
    private static final String SECRET = FakeRbdAttach.SECRET;
    private static final byte[] KEY = FakeRbdAttach.KEY;

    private final UiQueue ui = new UiQueue();
    private final DefaultTaskExecutor tasks = new DefaultTaskExecutor(ui);
    private final Localization l10n = new Localization(Locale.ENGLISH);
    private final FakeCephClusters fakeCeph = new FakeCephClusters();
    private final FakeRbdAttach access = new FakeRbdAttach();
    private final CephClusterViewModel cluster = new CephClusterViewModel(new CephClusterSettings("c1", "lab", "/tmp/ceph.conf",
            null, List.of(), "admin", null, 5, true), fakeCeph, tasks, l10n, new RecordingDialogs());
    private final ObservableList<CephClusterViewModel> clusters = FXCollections.observableArrayList(cluster);
    private ConnectionViewModel conn;
    private VmItem testVm;

    @BeforeEach
    void open() {
        cluster.connect();
        fakeCeph.publish("c1", Phase.CONNECTED, FakeCephClusters.healthy(), CephRates.UNKNOWN, null, null);
        conn = new ConnectionViewModel(new ConnectionSettings(null, "kvm-test", "test:///default", true, false),
                new LibvirtHostFactory(LibvirtEventLoop.start(), Duration.ofSeconds(10)), tasks, l10n, Duration.ofHours(1));
        conn.connect();
        ui.pumpUntil(() -> !conn.vms().isEmpty(), "the test driver's VMs");
        testVm = conn.vms().get(0);
    }

    @AfterEach
    void close() {
        conn.disconnect();
    }

    private RbdAttachViewModel form(RbdImageRef image, VmItem vm) {
        RbdAttachViewModel f = new RbdAttachViewModel(clusters, FXCollections.observableArrayList(conn), access, tasks, l10n, null,
                image, vm);
        ui.pumpUntil(() -> f.domainProperty().get() != null && !f.images().isEmpty() && f.loadingProperty().get().isEmpty(),
                "the lists and the VM's disks");
        f.clientIdProperty().set("rackdesk-test");
        return f;
    }

    private void runToEnd(RbdAttachViewModel f) {
        f.run();
        ui.pumpUntil(() -> !f.runningProperty().get(), "the run");
    }

    @Test
    void preselectsAndChoosesTheFirstFreeTargetOnTheBus() {
        RbdAttachViewModel f = form(new RbdImageRef("rbd", "web-data"), testVm);
        assertEquals(cluster, f.clusterProperty().get(), "the only connected cluster");
        assertEquals(List.of("rbd", "vms"), f.pools());
        assertEquals("rbd", f.poolProperty().get());
        assertEquals("web-data", f.imageProperty().get(), "the image the dialog was opened for");
        assertEquals(conn, f.hostProperty().get());
        assertEquals(testVm, f.vmProperty().get());
        assertEquals("vdb", f.targetProperty().get(), "vda is taken");
        f.busProperty().set(Bus.SCSI);
        assertEquals("sdb", f.targetProperty().get(), "sda is taken; scsi and sata name sdX");
        f.busProperty().set(Bus.VIRTIO);
        assertEquals("vdb", f.targetProperty().get());
        f.targetProperty().set("vdf");
        f.busProperty().set(Bus.VIRTIO);
        assertEquals("vdf", f.targetProperty().get(), "what the user typed stays");
        assertEquals(List.of(RbdDisks.Mode.AUTO, RbdDisks.Mode.LIVE_AND_CONFIG, RbdDisks.Mode.CONFIG_ONLY), f.modes(),
                "a running persistent VM");
        assertEquals(RbdDisks.Mode.AUTO, f.modeProperty().get());
        assertEquals("", f.problemProperty().get());
        assertTrue(f.canRunProperty().get());

        access.domain = new RbdDisks.DomainDisks(false, true, Set.of("vda"), List.of(), Map.of());
        f.reloadVm();
        ui.drain(Duration.ofMillis(30));
        assertEquals(List.of(RbdDisks.Mode.CONFIG_ONLY), f.modes(), "a shut-off VM: its config only");
    }

    @Test
    void theClientDefaultsToOnePerHost() {
        RbdAttachViewModel f = new RbdAttachViewModel(clusters, FXCollections.observableArrayList(conn), access, tasks, l10n, null,
                null, testVm);
        ui.drain(Duration.ofMillis(30));
        String host = conn.hostProperty().get().hostname();
        String expected = "rackdesk-" + host.split("\\.")[0].toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
        assertEquals(RbdClientAccess.validClientId(expected) ? expected : RbdClientAccess.DEFAULT_CLIENT, f.clientIdProperty().get());
        f.clientIdProperty().set("client.mine");
        assertEquals("mine", f.effectiveClientId(), "client. in front is accepted");
    }

    @Test
    void previewShowsTheExactDiskAndThePlan() {
        RbdAttachViewModel f = form(new RbdImageRef("rbd", "img1"), testVm);
        assertEquals("""
                <disk type='network' device='disk'>
                  <driver name='qemu' type='raw'/>
                  <auth username='rackdesk-test'>
                    <secret type='ceph' uuid='3f6b9c2e-1111-4a2b-9c3d-0123456789ab'/>
                  </auth>
                  <source protocol='rbd' name='rbd/img1'>
                    <host name='192.0.2.10' port='6789'/>
                    <host name='192.0.2.11' port='6789'/>
                  </source>
                  <target dev='vdb' bus='virtio'/>
                </disk>
                """, f.previewXmlProperty().get(), "the host's existing secret for that client");
        assertEquals(List.of(
                "Check that rbd/img1 is not open elsewhere and not yet attached to test.",
                "Create client.rackdesk-test with caps mon 'profile rbd' osd 'profile rbd pool=rbd', or reuse it (adding pool rbd to its caps when missing).",
                "Reuse the libvirt ceph secret \"client.rackdesk-test secret\" (" + SECRET + ") on kvm-test and set it to the client's key.",
                "Attach rbd/img1 to test as vdb (virtio): live and persistent (else persistent only); then re-read the VM's XML to confirm."),
                f.plan());

        f.clientIdProperty().set("other");
        f.busProperty().set(Bus.SATA);
        assertTrue(f.previewXmlProperty().get().contains("<secret type='ceph' uuid='UUID-OF-THE-NEW-SECRET'/>"),
                f.previewXmlProperty().get());
        assertTrue(f.previewXmlProperty().get().contains("<target dev='sdb' bus='sata'/>"), f.previewXmlProperty().get());
        assertTrue(f.plan().get(2).startsWith("Define the libvirt ceph secret \"client.other secret\" on kvm-test"), f.plan().get(2));
    }

    @Test
    void everyBadInputHasItsOwnMessage() {
        RbdAttachViewModel f = form(null, testVm);
        f.newImageProperty().set(true);
        f.newImageNameProperty().set("");
        assertEquals("Type a name for the new image.", f.problemProperty().get());
        f.newImageNameProperty().set("bad/name");
        assertEquals("The image name bad/name may hold letters, digits, ., _, + and - only.", f.problemProperty().get());
        f.newImageNameProperty().set("img1");
        assertEquals("The image rbd/img1 already exists: choose it as an existing image, or another name.", f.problemProperty().get());
        f.newImageNameProperty().set("rbdatt-new");
        f.newImageSizeProperty().set("10");
        assertEquals("10 is not a size with a unit: type e.g. 10G, 512M or 1.5T.", f.problemProperty().get());
        f.newImageSizeProperty().set("ten G");
        assertEquals("ten G is not a size with a unit: type e.g. 10G, 512M or 1.5T.", f.problemProperty().get());
        f.newImageSizeProperty().set("100K");
        assertEquals("100K is too small: an RBD disk needs at least 1 MiB.", f.problemProperty().get());
        f.newImageSizeProperty().set("1.0000001M");
        assertEquals("1.0000001M is not a whole number of 512-byte sectors.", f.problemProperty().get());
        f.newImageSizeProperty().set("99999999P");
        assertEquals("99999999P is too large.", f.problemProperty().get());
        f.newImageSizeProperty().set("1.5 GiB");
        assertEquals("", f.problemProperty().get());
        assertTrue(f.plan().get(0).equals("Create the RBD image rbd/rbdatt-new of 1.5 GiB."), f.plan().get(0));

        f.targetProperty().set("vda");
        assertEquals("vda is already used by another disk of test; vdb is free.", f.problemProperty().get());
        f.targetProperty().set("sdc");
        assertEquals("sdc is not a device name on the virtio bus (e.g. vdb).", f.problemProperty().get());
        f.targetProperty().set(" ");
        assertEquals("Type a target device, e.g. vdb.", f.problemProperty().get());
        f.targetProperty().set("vdc");
        f.clientIdProperty().set("bad id!");
        assertEquals("bad id! is not a cephx client id: letters, digits, ., _ and - only (client. in front is fine).",
                f.problemProperty().get());
        assertFalse(f.canRunProperty().get());
        f.clientIdProperty().set("client.ok");
        assertEquals("", f.problemProperty().get());

        f.vmProperty().set(null);
        assertEquals("Choose a VM of kvm-test.", f.problemProperty().get());
    }

    @Test
    void anImageAlreadyOnTheVmIsNamed() {
        RbdDiskXml.RbdDisk there = new RbdDiskXml.RbdDisk("rbd", "img1", List.of(RbdDiskXml.Monitor.parse("192.0.2.10:6789")),
                "x", SECRET, "raw", "vdc");
        access.domain = new RbdDisks.DomainDisks(true, true, Set.of("vda", "vdc"), List.of(there), Map.of());
        RbdAttachViewModel f = form(new RbdImageRef("rbd", "img1"), testVm);
        assertEquals("rbd/img1 is already attached to test as vdc.", f.problemProperty().get());
        assertFalse(f.canRunProperty().get());
    }

    @Test
    void aRunReportsEveryStepAndShowsTheDiskLibvirtHas() {
        RbdAttachViewModel f = form(new RbdImageRef("rbd", "img1"), testVm);
        int before = access.calls.size();
        runToEnd(f);
        assertEquals("", f.errorProperty().get());
        assertEquals(List.of(StepState.DONE, StepState.SKIPPED, StepState.DONE, StepState.DONE, StepState.DONE),
                f.steps().stream().map(RbdAttachViewModel.Step::state).toList());
        assertEquals("the image exists", f.steps().get(1).detail());
        assertEquals("created client.rackdesk-test with rbd caps on pool rbd", f.steps().get(2).detail());
        assertEquals("secret " + SECRET + " (\"client.rackdesk-test secret\") holds the key", f.steps().get(3).detail());
        assertEquals("found in the VM's XML as vdb, in the running VM and its config", f.steps().get(4).detail());
        assertEquals(List.of("disks test", "watchers rbd/img1", "client rackdesk-test rbd/img1",
                "secret client.rackdesk-test secret", "attach rbd/img1 vdb AUTO"), access.calls.subList(before, before + 5));
        assertArrayEquals(KEY, access.secretValue, "the client's key goes to the host's secret");
        assertArrayEquals(new byte[KEY.length], access.prepared.key(), "and is zeroed here afterwards");
        assertEquals("Attached rbd/img1 to test as vdb, in the running VM and its config.", f.resultProperty().get());
        assertTrue(f.resultXmlProperty().get().contains("<alias name='virtio-disk1'/>"), "the re-read element, not ours");
        assertTrue(f.doneProperty().get());
        assertFalse(f.canRunProperty().get(), "one run per dialog");
    }

    @Test
    void aLiveAttachThatFellBackToTheConfigSaysWhy() {
        RbdAttachViewModel f = form(new RbdImageRef("rbd", "img1"), testVm);
        access.attach = () -> CompletableFuture.completedFuture(new RbdDisks.Attached(access.attached, false, true,
                "internal error: unable to execute QEMU command 'device_add': Bus 'pci.0' does not support hotplugging", false,
                RbdDiskXml.diskXml(access.attached), null));
        runToEnd(f);
        assertEquals("Attached rbd/img1 to test as vdb, in its config (takes effect at the next start).", f.resultProperty().get());
        assertEquals("The running VM could not take it (it is in the config only, for the next start): internal error: unable to"
                + " execute QEMU command 'device_add': Bus 'pci.0' does not support hotplugging", f.resultNoteProperty().get());
        assertEquals(RbdDiskXml.diskXml(access.attached), f.resultXmlProperty().get(), "ours, when libvirt's text was not found");
        assertEquals("", f.errorProperty().get());
    }

    @Test
    void aNewImageIsCreatedFirst() {
        RbdAttachViewModel f = form(null, testVm);
        f.newImageProperty().set(true);
        f.newImageNameProperty().set("rbdatt-x");
        f.newImageSizeProperty().set("10G");
        f.modeProperty().set(RbdDisks.Mode.CONFIG_ONLY);
        runToEnd(f);
        assertEquals("", f.errorProperty().get());
        assertEquals(10L << 30, access.createdBytes);
        assertEquals(StepState.DONE, f.steps().get(1).state());
        assertEquals("10.0 GiB", f.steps().get(1).detail());
        assertFalse(access.calls.contains("watchers rbd/rbdatt-x"), "a new image has no watchers to ask for");
        assertEquals(RbdDisks.Mode.CONFIG_ONLY, access.attachedMode);
        assertTrue(f.images().contains("rbdatt-x"));
    }

    private void assertFailedAt(RbdAttachViewModel f, StepKind kind, String message) {
        assertEquals(message, f.errorProperty().get());
        for (RbdAttachViewModel.Step s : f.steps()) {
            if (s.kind() == kind) {
                assertEquals(StepState.FAILED, s.state(), s.toString());
                assertEquals(message, s.detail());
            } else if (s.kind().ordinal() > kind.ordinal()) {
                assertEquals(StepState.SKIPPED, s.state(), s.toString());
            }
        }
        assertFalse(f.runningProperty().get());
        assertFalse(f.doneProperty().get());
    }

    @Test
    void anImageOpenElsewhereStopsTheRunAndKeepsTheForm() {
        RbdAttachViewModel f = form(new RbdImageRef("rbd", "web-data"), testVm);
        f.targetProperty().set("vdk");
        access.watchers = List.of("192.0.2.50:0/3141592653");
        runToEnd(f);
        assertFailedAt(f, StepKind.CHECK, "rbd/web-data is in use: 1 client(s) have it open (192.0.2.50:0/3141592653)."
                + " Attaching it to a second VM would corrupt it; detach it there first.");
        assertFalse(access.calls.stream().anyMatch(c -> c.startsWith("client ")), "nothing was changed");
        assertEquals("vdk", f.targetProperty().get());
        assertEquals("web-data", f.imageProperty().get());
        assertEquals("rackdesk-test", f.clientIdProperty().get());
        access.watchers = List.of();
        assertTrue(f.canRunProperty().get(), "fix it elsewhere and run again");
        runToEnd(f);
        assertEquals("", f.errorProperty().get());
    }

    @Test
    void aTargetTakenMeanwhileIsNamed() {
        RbdAttachViewModel f = form(new RbdImageRef("rbd", "img1"), testVm);
        access.domain = new RbdDisks.DomainDisks(true, true, Set.of("vda", "vdb"), List.of(), Map.of());
        runToEnd(f);
        assertFailedAt(f, StepKind.CHECK, "The target device vdb is already used by another disk of test."
                + " vdc is free: choose it and run again.");
        assertEquals("vdb is already used by another disk of test; vdc is free.", f.problemProperty().get(),
                "the form now knows too");
    }

    @Test
    void failuresAreSpecific() {
        RbdAttachViewModel f = form(new RbdImageRef("rbd", "img1"), testVm);

        access.client = () -> CompletableFuture.failedFuture(new CephException(CephException.Kind.AUTHENTICATION, -13,
                "authentication failed: wrong key for client.admin, or no such user"));
        runToEnd(f);
        assertFailedAt(f, StepKind.CLIENT, "Ceph refused Rackdesk's key on lab (authentication failed): authentication failed:"
                + " wrong key for client.admin, or no such user");

        access.client = () -> CompletableFuture.failedFuture(new CephException(CephException.Kind.COMMAND, -13, "access denied"));
        runToEnd(f);
        assertFailedAt(f, StepKind.CLIENT, "Rackdesk's cephx user on lab may not create or change clients (it needs mon 'allow *'"
                + " or 'profile admin'): access denied");

        access.client = null;
        access.secret = () -> CompletableFuture.failedFuture(new IllegalStateException("secret: internal error: no space"));
        runToEnd(f);
        assertFailedAt(f, StepKind.SECRET, "Defining the libvirt ceph secret on kvm-test failed: secret: internal error: no space");

        access.secret = () -> CompletableFuture.failedFuture(new CallTimeoutException("define the ceph secret", Duration.ofSeconds(15)));
        runToEnd(f);
        assertFailedAt(f, StepKind.SECRET, "kvm-test did not answer within 15 s.");

        access.secret = () -> CompletableFuture.completedFuture(SECRET);
        access.attach = () -> CompletableFuture.failedFuture(new IllegalStateException("cannot attach rbd/img1 to the running test:"
                + " internal error: unable to execute QEMU command 'blockdev-add': error connecting: Connection timed out"));
        runToEnd(f);
        assertFailedAt(f, StepKind.ATTACH, "kvm-test cannot reach the Ceph monitors (firewall, routing or wrong addresses):"
                + " cannot attach rbd/img1 to the running test: internal error: unable to execute QEMU command 'blockdev-add':"
                + " error connecting: Connection timed out");

        access.attach = () -> CompletableFuture.failedFuture(new IllegalStateException("internal error: unable to execute QEMU"
                + " command 'blockdev-add': error connecting: Permission denied"));
        runToEnd(f);
        assertTrue(f.errorProperty().get().startsWith("kvm-test could not open the image with the cephx client's key"),
                f.errorProperty().get());

        access.attach = () -> CompletableFuture.failedFuture(new IllegalStateException("blockdev-add: Unknown driver 'rbd'"));
        runToEnd(f);
        assertTrue(f.errorProperty().get().startsWith("QEMU on kvm-test has no rbd block driver (Debian/Ubuntu: install"
                + " qemu-block-extra)"), f.errorProperty().get());

        access.attach = () -> CompletableFuture.failedFuture(new RbdDisks.TargetInUseException("test", "vdb"));
        runToEnd(f);
        assertFailedAt(f, StepKind.ATTACH, "The target device vdb is already used by another disk of test.");

        access.attach = () -> CompletableFuture.failedFuture(new ServiceRbdAttachAccess.HostNotConnectedException("kvm-test"));
        runToEnd(f);
        assertFailedAt(f, StepKind.ATTACH, "kvm-test is not connected; connect it in the main window and run again.");

        assertEquals("img1", f.imageProperty().get(), "nothing typed is lost");
        assertEquals("vdb", f.targetProperty().get());
        access.attach = null;
        runToEnd(f);
        assertEquals("", f.errorProperty().get());
        assertTrue(f.doneProperty().get());
        assertNull(access.client);
    }
}
