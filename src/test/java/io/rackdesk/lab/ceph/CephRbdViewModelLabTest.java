package io.rackdesk.lab.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.ceph.CephClusterService;
import io.rackdesk.app.ceph.rbd.RbdImageRef;
import io.rackdesk.app.ceph.rbd.RbdImageSummary;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.settings.CephClusterSettings;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.testsupport.CephLab;
import io.rackdesk.testsupport.RbdLab;
import io.rackdesk.testsupport.RecordingDialogs;
import io.rackdesk.testsupport.UiQueue;
import io.rackdesk.viewmodels.ceph.CephClusterViewModel;
import io.rackdesk.viewmodels.ceph.CephRbdViewModel;
import io.rackdesk.viewmodels.ceph.RbdImageFormViewModel;
import io.rackdesk.viewmodels.ceph.ServiceCephClusterAccess;
import io.rackdesk.viewmodels.connections.ConnectionState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The RBD page's ViewModel on the real lab cluster through the real service: create an image,
 * snapshot and protect it, clone it into another pool, see the clone under the snapshot in the tree,
 * flatten it with progress, then unprotect, delete the snapshot and both images by typed name.
 * Everything it makes is named rbdgui-* and removed again whatever happens.
 */
class CephRbdViewModelLabTest {
    private static final String POOL = "rbdgui-pool";
    private final String tag = "rbdgui-" + UUID.randomUUID().toString().substring(0, 6);
    private final UiQueue ui = new UiQueue();
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private ServiceCephClusterAccess access;
    private CephClusterViewModel cluster;

    @BeforeEach
    void setUp() {
        CephLab.require();
        RbdLab.createImagePool(POOL);
        access = new ServiceCephClusterAccess(new CephClusterService(), new SerialWorker("rbdgui-checks"));
        cluster = new CephClusterViewModel(new CephClusterSettings("rbdgui", "lab", CephLab.conf().toString(), CephLab.keyring().toString(),
                List.of(), "admin", null, 5, false), access, new DefaultTaskExecutor(ui), new Localization(Locale.ENGLISH), dialogs);
    }

    @AfterEach
    void tearDown() {
        if (cluster != null) {
            cluster.disconnect();
        }
        if (access != null) {
            access.close();
        }
        RbdLab.cleanUp(tag, POOL);
    }

    @Test
    void createSnapshotProtectCloneAcrossPoolsFlattenWithProgressAndDelete() {
        cluster.connect();
        ui.pumpUntil(() -> cluster.getState() == ConnectionState.CONNECTED, Duration.ofSeconds(40), "connected");
        CephRbdViewModel rbd = cluster.rbd();
        rbd.setActive(true);
        ui.pumpUntil(() -> rbd.poolNames().containsAll(List.of("rbd", POOL)), Duration.ofSeconds(40), "the image pools");
        assertFalse(rbd.poolNames().contains("lab-ec"), "an erasure-coded pool holds data only");
        rbd.poolProperty().set("rbd");

        // create
        RbdImageFormViewModel form = rbd.newImageForm();
        form.nameProperty().set(tag + "-base");
        form.sizeProperty().set("64M");
        assertTrue(rbd.save(form, () -> { }));
        RbdImageRef base = new RbdImageRef("rbd", tag + "-base");
        awaitMessage(rbd, "Image " + base + " created (64.0 MiB).");
        ui.pumpUntil(() -> find(rbd, base) != null, "the new image in the table");
        RbdImageSummary created = find(rbd, base);
        assertEquals(64L << 20, created.size());
        assertEquals(0L, created.usedBytes(), "nothing written yet");
        assertEquals(List.of("layering", "exclusive-lock", "object-map", "fast-diff", "deep-flatten"), created.featureNames());
        // the same name again: the cluster's EEXIST, worded by the core, in the form
        RbdImageFormViewModel twice = rbd.newImageForm();
        twice.nameProperty().set(tag + "-base");
        assertFalse(rbd.save(twice, () -> { }), "known to exist: refused before the cluster is asked");
        assertEquals(base + " already exists: choose another name.", twice.messageProperty().get());

        // snapshot, protect
        select(rbd, base, null);
        dialogs.textAnswers.add(Optional.of("s1"));
        rbd.createSnapshot();
        awaitMessage(rbd, "Snapshot " + base.at("s1") + " created.");
        ui.pumpUntil(() -> find(rbd, base).snapshots().size() == 1, "the snapshot read back");
        select(rbd, base, "s1");
        rbd.protect();
        awaitMessage(rbd, base.at("s1") + " protected: it can be cloned and cannot be deleted.");
        ui.pumpUntil(() -> rbd.selectedSnapshotProperty().get() != null && rbd.selectedSnapshotProperty().get().isProtected(), "protected");

        // clone into the other pool: the tree shows it under the snapshot
        RbdImageFormViewModel clone = rbd.cloneForm();
        clone.poolProperty().set(POOL);
        clone.nameProperty().set(tag + "-clone");
        assertTrue(rbd.save(clone, () -> { }));
        RbdImageRef child = new RbdImageRef(POOL, tag + "-clone");
        awaitMessage(rbd, base.at("s1") + " cloned to " + child + ".");
        String branch = base + "\n  @s1 (protected)\n    " + child + "\n";
        ui.pumpUntil(() -> rbd.treeProperty().get().text().contains(branch), "the clone under the snapshot: " + rbd.treeProperty().get().text());

        // unprotect is refused while the clone depends on it, naming the clone
        select(rbd, base, "s1");
        rbd.unprotect();
        assertEquals("error: Unprotect " + base.at("s1") + ": Cannot unprotect " + base.at("s1") + ": 1 clone depends on it (" + child
                + "). Flatten or delete it first.", dialogs.shown.get(dialogs.shown.size() - 1));

        // flatten with progress
        rbd.poolProperty().set(POOL);
        ui.pumpUntil(() -> find(rbd, child) != null, "the clone in its pool's table");
        select(rbd, child, null);
        assertEquals(base.at("s1"), rbd.selectedImageProperty().get().parent());
        List<Double> progress = new ArrayList<>();
        rbd.flattenProgressProperty().addListener((o, a, v) -> progress.add(v.doubleValue()));
        rbd.flatten();
        assertTrue(rbd.flatteningProperty().get());
        ui.pumpUntil(() -> !rbd.flatteningProperty().get(), Duration.ofSeconds(60), "the flatten");
        assertEquals(child + " flattened: it no longer depends on " + base.at("s1") + ".", rbd.messageProperty().get());
        assertTrue(progress.stream().anyMatch(p -> p > 0 && p <= 1), "progress reported: " + progress);
        System.out.println("flatten progress seen: " + progress);
        ui.pumpUntil(() -> find(rbd, child) != null && find(rbd, child).parent() == null, "the clone without its parent");

        // unprotect, delete the snapshot, then both images, each by typed name
        select(rbd, base, "s1");
        ui.pumpUntil(() -> rbd.selectedSnapshotProperty().get() != null && rbd.selectedSnapshotProperty().get().children().isEmpty(),
                "no clones left");
        rbd.unprotect();
        awaitMessage(rbd, base.at("s1") + " unprotected.");
        select(rbd, base, "s1");
        dialogs.textAnswers.add(Optional.of("s1"));
        rbd.deleteSnapshot();
        awaitMessage(rbd, "Snapshot " + base.at("s1") + " deleted.");
        select(rbd, child, null);
        dialogs.textAnswers.add(Optional.of(child.image()));
        rbd.delete();
        awaitMessage(rbd, "Image " + child + " deleted.");
        ui.pumpUntil(() -> find(rbd, base) != null && find(rbd, base).snapshots().isEmpty(), "the base without snapshots");
        select(rbd, base, null);
        dialogs.textAnswers.add(Optional.of(base.image()));
        rbd.delete();
        awaitMessage(rbd, "Image " + base + " deleted.");
        ui.pumpUntil(() -> rbd.treeProperty().get().roots().stream().noneMatch(n -> n.ref().image().startsWith(tag)), "all gone");
        assertNull(rbd.selectedImageProperty().get());
    }

    /** Selects once the last action's result has been read back (the page's buttons wait for that too). */
    private void select(CephRbdViewModel rbd, RbdImageRef ref, String snap) {
        ui.pumpUntil(() -> !rbd.busyProperty().get(), Duration.ofSeconds(40), "idle before selecting " + ref);
        rbd.select(ref, snap);
    }

    private long errors() {
        return dialogs.shown.stream().filter(s -> s.startsWith("error")).count();
    }

    private static RbdImageSummary find(CephRbdViewModel rbd, RbdImageRef ref) {
        return rbd.treeProperty().get().roots().stream().flatMap(CephRbdViewModelLabTest::all).filter(n -> ref.equals(n.ref())
                && n.image() != null).map(n -> n.image()).findFirst().orElse(null);
    }

    private static java.util.stream.Stream<io.rackdesk.app.ceph.rbd.RbdTree.Node> all(io.rackdesk.app.ceph.rbd.RbdTree.Node n) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(n), n.children().stream().flatMap(CephRbdViewModelLabTest::all));
    }

    private void awaitMessage(CephRbdViewModel rbd, String text) {
        long errors = errors();
        ui.pumpUntil(() -> text.equals(rbd.messageProperty().get()) || errors() > errors,
                Duration.ofSeconds(40), text);
        assertEquals(text, rbd.messageProperty().get(), dialogs.shown.toString());
        ui.pumpUntil(() -> !rbd.busyProperty().get(), Duration.ofSeconds(40), "the list read back after: " + text);
    }
}
