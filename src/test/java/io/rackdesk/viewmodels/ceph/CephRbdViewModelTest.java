package io.rackdesk.viewmodels.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.ceph.CephClusterState.Phase;
import io.rackdesk.app.ceph.CephException;
import io.rackdesk.app.ceph.CephRates;
import io.rackdesk.app.ceph.rbd.RbdFeatures;
import io.rackdesk.app.ceph.rbd.RbdImageRef;
import io.rackdesk.app.ceph.rbd.RbdSnapRef;
import io.rackdesk.app.ceph.rbd.RbdTree;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.settings.CephClusterSettings;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.testsupport.FakeCephClusters;
import io.rackdesk.testsupport.RecordingDialogs;
import io.rackdesk.testsupport.UiQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The RBD images section over a fake cluster with images in memory, toolkit-free. */
class CephRbdViewModelTest {
    private static final long MIB = 1L << 20;
    private final UiQueue ui = new UiQueue();
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private final FakeCephClusters fake = new FakeCephClusters();
    private final CephClusterViewModel vm = new CephClusterViewModel(new CephClusterSettings("c1", "lab", "/tmp/ceph.conf", null,
            List.of(), "admin", null, 5, true), fake, new DefaultTaskExecutor(ui), new Localization(Locale.ENGLISH), dialogs);
    private CephRbdViewModel rbd;

    @BeforeEach
    void connected() {
        fake.extraRbdPools.add("vms");
        fake.addImage("rbd/base", 32 * MIB).used = 8 * MIB;
        fake.rbd.get(RbdImageRef.parse("rbd/base")).snaps.put("gold", true);
        fake.addImage("vms/web1", 32 * MIB).parent = RbdSnapRef.parse("rbd/base@gold");
        vm.connect();
        fake.publish("c1", Phase.CONNECTED, FakeCephClusters.healthy(), CephRates.UNKNOWN, null, null);
        drain();
        rbd = vm.rbd();
    }

    private void drain() {
        ui.drain(Duration.ofMillis(50));
    }

    private String lastShown() {
        return dialogs.shown.get(dialogs.shown.size() - 1);
    }

    @Test
    void readsOnlyWhenShownAndBuildsTheTreeAcrossPools() {
        assertFalse(fake.calls.stream().anyMatch(c -> c.startsWith("rbdImages")), "nothing read before the tab is shown");
        rbd.setActive(true);
        drain();
        assertEquals(List.of("rbd", "vms"), rbd.poolNames(), "replicated pools with the rbd application (lab-ec is erasure-coded)");
        assertEquals("rbd", rbd.poolProperty().get(), "the first pool by default");
        assertEquals(List.of("rbdImages rbd usage", "rbdImages vms"), fake.calls.stream().filter(c -> c.startsWith("rbdImages")).toList());
        assertEquals(List.of("base"), rbd.images().stream().map(i -> i.name()).toList());
        assertEquals(8 * MIB, rbd.images().get(0).usedBytes());
        assertEquals("rbd/base\n  @gold (protected)\n    vms/web1\n", rbd.treeProperty().get().text());

        // polls do not read again
        int reads = (int) fake.calls.stream().filter(c -> c.startsWith("rbdImages")).count();
        fake.publish("c1", Phase.CONNECTED, FakeCephClusters.healthy(), CephRates.UNKNOWN, null, null);
        fake.publish("c1", Phase.CONNECTED, FakeCephClusters.healthy(), CephRates.UNKNOWN, null, null);
        drain();
        assertEquals(reads, fake.calls.stream().filter(c -> c.startsWith("rbdImages")).count());

        // another pool: its images, with usage, at once
        rbd.poolProperty().set("vms");
        drain();
        assertEquals(List.of("web1"), rbd.images().stream().map(i -> i.name()).toList());
        assertTrue(fake.calls.contains("rbdImages vms usage"), fake.calls.toString());

        // a clone selected in the tree: details name its parent
        RbdTree.Node clone = rbd.treeProperty().get().roots().get(0).children().get(0).children().get(0);
        rbd.select(clone.ref(), null);
        assertEquals("vms/web1", rbd.selectedImageProperty().get().ref().toString());
        assertTrue(rbd.detailsProperty().get().contains("Clone of rbd/base@gold"), rbd.detailsProperty().get());
    }

    @Test
    void createChecksNameSizeAndFeatures() {
        rbd.setActive(true);
        drain();
        RbdImageFormViewModel form = rbd.newImageForm();
        assertEquals("rbd", form.poolProperty().get());
        form.nameProperty().set("bad/name");
        assertFalse(rbd.save(form, () -> { }));
        assertTrue(form.messageProperty().get().startsWith("Not an image name: bad/name."), form.messageProperty().get());
        form.nameProperty().set("base");
        assertFalse(rbd.save(form, () -> { }));
        assertEquals("rbd/base already exists: choose another name.", form.messageProperty().get());
        form.nameProperty().set("data1");
        form.sizeProperty().set("100");
        assertFalse(rbd.save(form, () -> { }));
        assertTrue(form.messageProperty().get().startsWith("Not a size: 100. Type a number with a unit"), form.messageProperty().get());
        form.sizeProperty().set("1.5G");
        form.exclusiveLockProperty().set(false);
        assertFalse(rbd.save(form, () -> { }));
        assertEquals("object-map needs exclusive-lock: turn exclusive-lock on or object-map off.", form.messageProperty().get());
        form.objectMapProperty().set(false);
        form.fastDiffProperty().set(false);
        boolean[] closed = {false};
        assertTrue(rbd.save(form, () -> closed[0] = true));
        drain();
        assertTrue(closed[0]);
        long features = RbdFeatures.LAYERING | RbdFeatures.DEEP_FLATTEN;
        assertTrue(fake.calls.contains("rbdCreate rbd/data1 " + (3L << 29) + " 0x" + Long.toHexString(features)), fake.calls.toString());
        assertEquals("Image rbd/data1 created (1.5 GiB).", rbd.messageProperty().get());
        assertEquals(List.of("base", "data1"), rbd.images().stream().map(i -> i.name()).toList(), "read again after the action");

        // another client created it meanwhile: the cluster's refusal stays in the form
        RbdImageFormViewModel again = rbd.newImageForm();
        again.nameProperty().set("race2");
        fake.rbd.put(RbdImageRef.parse("rbd/race2"), new FakeCephClusters.FakeImage());
        assertTrue(rbd.save(again, () -> { }));
        drain();
        assertEquals("cannot create rbd/race2: an image with that name already exists", again.messageProperty().get());
    }

    @Test
    void sizesParseWithUnits() {
        assertEquals(OptionalLong.of(10L << 30), RbdImageFormViewModel.parseSize("10G"));
        assertEquals(OptionalLong.of(512L << 20), RbdImageFormViewModel.parseSize(" 512 MiB "));
        assertEquals(OptionalLong.of(4096), RbdImageFormViewModel.parseSize("4096B"));
        assertEquals(OptionalLong.of(3L << 39), RbdImageFormViewModel.parseSize("1.5t"));
        for (String bad : new String[] {"", "10", "-1G", "0M", "10X", "12 GB extra", "9999999P", "100B"}) {
            assertTrue(RbdImageFormViewModel.parseSize(bad).isEmpty(), bad);
        }
        assertEquals("10G", RbdImageFormViewModel.sizeText(10L << 30));
        assertEquals("1536M", RbdImageFormViewModel.sizeText(1536L << 20));
        assertEquals("1000B", RbdImageFormViewModel.sizeText(1000));
    }

    @Test
    void shrinkingNeedsTheExplicitAllowShrink() {
        rbd.setActive(true);
        drain();
        rbd.select(RbdImageRef.parse("rbd/base"), null);
        dialogs.textAnswers.add(Optional.of("32M"));
        rbd.resize();
        assertEquals("rbd/base already has 32.0 MiB: nothing changed.", rbd.messageProperty().get());

        dialogs.textAnswers.add(Optional.of("big"));
        rbd.resize();
        assertTrue(lastShown().startsWith("error: Resize rbd/base: Not a size: big."), lastShown());

        dialogs.confirmAnswer = false;
        dialogs.textAnswers.add(Optional.of("16M"));
        rbd.resize();
        drain();
        assertTrue(lastShown().contains("[The last 16.0 MiB (everything beyond 16.0 MiB) is lost and cannot be recovered.] [Allow shrink]"),
                lastShown());
        assertFalse(fake.calls.stream().anyMatch(c -> c.startsWith("rbdResize")), "refused confirmation: nothing resized");

        dialogs.confirmAnswer = true;
        dialogs.textAnswers.add(Optional.of("16M"));
        rbd.resize();
        drain();
        assertTrue(fake.calls.contains("rbdResize rbd/base " + 16 * MIB + " allowShrink"), fake.calls.toString());

        int confirms = (int) dialogs.shown.stream().filter(s -> s.startsWith("confirm")).count();
        rbd.select(RbdImageRef.parse("rbd/base"), null);
        dialogs.textAnswers.add(Optional.of("64M"));
        rbd.resize();
        drain();
        assertTrue(fake.calls.contains("rbdResize rbd/base " + 64 * MIB), "growing needs no allowShrink: " + fake.calls);
        assertEquals(confirms, dialogs.shown.stream().filter(s -> s.startsWith("confirm")).count(), "growing asks nothing more");
    }

    @Test
    void deleteExplainsSnapshotsAndClonesAndNeedsTheTypedName() {
        rbd.setActive(true);
        drain();
        rbd.select(RbdImageRef.parse("rbd/base"), null);
        rbd.delete();
        assertEquals("error: Delete image rbd/base: Cannot delete rbd/base: it has 1 snapshot (gold). Delete them first (unprotect a "
                + "protected one; its clones must be flattened or deleted before). Its snapshots have 1 clone: vms/web1.", lastShown());

        rbd.poolProperty().set("vms");
        drain();
        rbd.select(RbdImageRef.parse("vms/web1"), null);
        dialogs.textAnswers.add(Optional.of("web"));
        rbd.delete();
        assertEquals("error: Delete image vms/web1: The name typed is not web1: nothing was deleted.", lastShown());

        fake.watched.add(RbdImageRef.parse("vms/web1"));
        dialogs.textAnswers.add(Optional.of("web1"));
        rbd.delete();
        drain();
        assertEquals("error: Delete image vms/web1: cannot delete vms/web1: a client has it open (a running VM, or 'rbd map')", lastShown());

        fake.watched.clear();
        dialogs.textAnswers.add(Optional.of("web1"));
        rbd.delete();
        drain();
        assertEquals("Image vms/web1 deleted.", rbd.messageProperty().get());
        assertTrue(rbd.images().isEmpty());
        assertNull(rbd.selectedImageProperty().get());
    }

    @Test
    void snapshotsProtectCloneAndUnprotectWithReasons() {
        rbd.setActive(true);
        drain();
        rbd.select(RbdImageRef.parse("rbd/base"), null);
        dialogs.textAnswers.add(Optional.of("gold"));
        rbd.createSnapshot();
        assertEquals("error: Snapshot of rbd/base: rbd/base@gold already exists: choose another name.", lastShown());
        dialogs.textAnswers.add(Optional.of("s 1"));
        rbd.createSnapshot();
        assertTrue(lastShown().startsWith("error: Snapshot of rbd/base: Not a snapshot name: s 1."), lastShown());
        dialogs.textAnswers.add(Optional.of("s1"));
        rbd.createSnapshot();
        drain();
        assertEquals("Snapshot rbd/base@s1 created.", rbd.messageProperty().get());

        rbd.select(RbdImageRef.parse("rbd/base"), "s1");
        assertFalse(rbd.selectedSnapshotProperty().get().isProtected());
        assertNull(rbd.cloneForm(), "an unprotected snapshot cannot be cloned");
        assertEquals("error: Clone rbd/base@s1: Cannot clone rbd/base@s1: the snapshot is not protected. Protect it first.", lastShown());
        rbd.protect();
        drain();
        assertTrue(rbd.selectedSnapshotProperty().get().isProtected(), "the selection follows the re-read");

        RbdImageFormViewModel clone = rbd.cloneForm();
        assertEquals("base-s1", clone.nameProperty().get());
        clone.poolProperty().set("vms");
        clone.nameProperty().set("db1");
        assertTrue(rbd.save(clone, () -> { }));
        drain();
        assertEquals("rbd/base@s1 cloned to vms/db1.", rbd.messageProperty().get());
        assertEquals("rbd/base\n  @gold (protected)\n    vms/web1\n  @s1 (protected)\n    vms/db1\n", rbd.treeProperty().get().text());

        rbd.select(RbdImageRef.parse("rbd/base"), "s1");
        rbd.unprotect();
        assertEquals("error: Unprotect rbd/base@s1: Cannot unprotect rbd/base@s1: 1 clone depends on it (vms/db1). "
                + "Flatten or delete it first.", lastShown());
        rbd.deleteSnapshot();
        assertEquals("error: Delete snapshot rbd/base@s1: Cannot delete rbd/base@s1: it is protected and 1 clone depends on it "
                + "(vms/db1). Flatten or delete it, then unprotect it.", lastShown());
        assertFalse(fake.calls.stream().anyMatch(c -> c.startsWith("rbdSnapshot UNPROTECT") || c.startsWith("rbdSnapshot DELETE")));
    }

    @Test
    void actionsWaitUntilTheLastOneIsReadBack() {
        rbd.setActive(true);
        drain();
        fake.rbd.get(RbdImageRef.parse("rbd/base")).snaps.put("s2", false);
        rbd.refresh();
        drain();
        rbd.select(RbdImageRef.parse("rbd/base"), "s2");
        rbd.protect();
        assertTrue(rbd.busyProperty().get(), "the selection still says unprotected");
        rbd.protect();
        rbd.deleteSnapshot();
        assertEquals(1, fake.calls.stream().filter(c -> c.startsWith("rbdSnapshot")).count(), "a second action waits: " + fake.calls);
        drain();
        assertFalse(rbd.busyProperty().get());
        assertTrue(rbd.selectedSnapshotProperty().get().isProtected(), "read back");
    }

    @Test
    void rollbackIsRefusedWhileARunningVmUsesTheImage() {
        List<RbdImageRef> asked = new ArrayList<>();
        rbd.setVmUsage(image -> {
            asked.add(image);
            return CompletableFuture.completedFuture(image.toString().equals("rbd/base")
                    ? Optional.of("running VM web1 on host kvm-01") : Optional.empty());
        });
        rbd.setActive(true);
        drain();
        rbd.select(RbdImageRef.parse("rbd/base"), "gold");
        rbd.rollback();
        drain();
        assertEquals(List.of(RbdImageRef.parse("rbd/base")), asked);
        assertEquals("error: Roll back to rbd/base@gold: Cannot roll back rbd/base to gold: it is in use by running VM web1 on host kvm-01. "
                + "Shut the VM down first; a rollback under a running guest corrupts what it sees.", lastShown());
        assertFalse(fake.calls.stream().anyMatch(c -> c.startsWith("rbdSnapshot ROLLBACK")));

        // nobody uses it: a warning that names what is lost, then the rollback
        rbd.setVmUsage(RbdVmUsage.NONE);
        rbd.rollback();
        drain();
        assertTrue(dialogs.shown.stream().anyMatch(s -> s.startsWith("confirm: Roll back to rbd/base@gold: This rewrites rbd/base")
                && s.contains("[Everything written to the image since gold is lost.] [Roll back]")), dialogs.shown.toString());
        assertTrue(fake.calls.contains("rbdSnapshot ROLLBACK rbd/base@gold"));

        // the check itself fails: nothing rolled back
        rbd.setVmUsage(image -> CompletableFuture.failedFuture(new IllegalStateException("kvm-01 did not answer within 15 s")));
        fake.calls.clear();
        rbd.rollback();
        drain();
        assertEquals("error: Roll back to rbd/base@gold: Could not check whether a running VM uses the image, so nothing was rolled back: "
                + "kvm-01 did not answer within 15 s", lastShown());
        assertFalse(fake.calls.contains("rbdSnapshot ROLLBACK rbd/base@gold"));
    }

    @Test
    void flattenShowsProgressAndCanBeCanceled() {
        rbd.setActive(true);
        drain();
        rbd.poolProperty().set("vms");
        drain();
        rbd.select(RbdImageRef.parse("vms/web1"), null);
        List<Double> seen = new ArrayList<>();
        rbd.flattenProgressProperty().addListener((o, a, v) -> seen.add(v.doubleValue()));
        fake.flattenObjects = 4;
        rbd.flatten();
        assertTrue(rbd.flatteningProperty().get());
        drain();
        assertFalse(rbd.flatteningProperty().get());
        assertEquals("vms/web1 flattened: it no longer depends on rbd/base@gold.", rbd.messageProperty().get());
        assertTrue(seen.contains(1.0), seen.toString());
        assertNull(rbd.selectedImageProperty().get().parent());

        // cancel while running: the progress callback sees the flag on the next object
        fake.rbd.get(RbdImageRef.parse("vms/web1")).parent = RbdSnapRef.parse("rbd/base@gold");
        rbd.refresh();
        drain();
        rbd.select(RbdImageRef.parse("vms/web1"), null);
        fake.flattenObjects = 1000;
        fake.duringFlatten = rbd::cancelFlatten; // the user presses Cancel after the first object
        rbd.flatten();
        assertEquals("Canceling: the copies already started finish first…", rbd.flattenTextProperty().get());
        drain();
        assertFalse(rbd.flatteningProperty().get());
        assertEquals("flatten of vms/web1 canceled after 1 of 1000 objects; it still depends on its parent", rbd.messageProperty().get());
    }

    @Test
    void attachGoesToTheHandlerAndBareErrorCodesAreExplained() {
        rbd.setActive(true);
        drain();
        List<RbdImageRef> attached = new ArrayList<>();
        rbd.attach(); // nothing selected, no handler: nothing happens
        rbd.attachHandlerProperty().set(attached::add);
        rbd.select(RbdImageRef.parse("rbd/base"), null);
        rbd.attach();
        assertEquals(List.of(RbdImageRef.parse("rbd/base")), attached);

        String eperm = rbd.explain(new CompletionException(new CephException(CephException.Kind.AUTHENTICATION, -1,
                "cannot create rbd/x: EPERM: operation not permitted (-1)")));
        assertEquals("cannot create rbd/x: EPERM: operation not permitted (-1)\nThe cluster refused: this client's caps do not allow it "
                + "(see ceph auth get for the client).", eperm);
        String enoent = rbd.explain(new CephException(CephException.Kind.COMMAND, -2, "cannot resize rbd/x: ENOENT: no such file or entry (-2)"));
        assertTrue(enoent.endsWith("another client may have removed it. The list has been read again."), enoent);
        String worded = rbd.explain(new CephException(CephException.Kind.COMMAND, -16, "cannot unprotect rbd/a@s: it has 1 clone (rbd/c)"));
        assertEquals("cannot unprotect rbd/a@s: it has 1 clone (rbd/c)", worded, "the core's own sentence stays as it is");
    }
}
