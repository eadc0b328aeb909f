package io.rackdesk.app.ceph.rbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rackdesk.app.ceph.CephClient;
import io.rackdesk.app.ceph.CephException;
import io.rackdesk.app.ceph.CephTarget;
import io.rackdesk.testsupport.CephLab;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every RBD operation on the real lab cluster (scripts/lab/start-ceph-lab.sh + seed-ceph-lab.sh):
 * the seeded images read back as the rbd CLI shows them, and a create / resize / snapshot / protect /
 * clone / unprotect-refused / flatten (progress, cancel) / rollback / delete cycle on images of its
 * own, which it removes again whatever happens.
 */
class RbdImagesLabTest {
    private static final long MIB = 1L << 20;
    private CephClient client;
    private RbdImages rbd;
    private final List<Runnable> cleanup = new ArrayList<>();
    private final String tag = "rt" + UUID.randomUUID().toString().substring(0, 6);

    @BeforeEach
    void connect() throws CephException {
        CephLab.require();
        client = CephClient.connect(CephTarget.fromConf(CephLab.conf(), CephLab.keyring(), "admin", Duration.ofSeconds(15)));
        rbd = new RbdImages(client);
    }

    @AfterEach
    void tearDown() {
        Collections.reverse(cleanup);
        for (Runnable r : cleanup) {
            try {
                r.run();
            } catch (RuntimeException e) {
                // best effort: the CLI fallback below reports what is left
            }
        }
        if (client != null) {
            client.close();
        }
    }

    /** Removes an image with the rbd CLI (snapshots unprotected and purged first), ignoring what is gone. */
    private void removeLater(RbdImageRef ref) {
        cleanup.add(() -> {
            String[] base = {"timeout", "60", "rbd", "-c", CephLab.conf().toString(), "-k", CephLab.keyring().toString()};
            quiet(base, "flatten", ref.toString());
            try {
                for (RbdSnapshot s : rbd.image(ref, false).snapshots()) {
                    if (s.isProtected()) {
                        quiet(base, "snap", "unprotect", ref.at(s.name()).toString());
                    }
                }
            } catch (CephException e) {
                return; // gone already
            }
            quiet(base, "snap", "purge", ref.toString());
            quiet(base, "rm", ref.toString());
        });
    }

    private static void quiet(String[] base, String... args) {
        List<String> cmd = new ArrayList<>(List.of(base));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
        } catch (Exception e) {
            // best effort
        }
    }

    @Test
    void seededImagesReadAsTheCliShowsThem() throws CephException {
        List<RbdImageSummary> images = rbd.list("rbd", true);
        RbdImageSummary img1 = find(images, "img1");
        RbdImageSummary clone1 = find(images, "clone1");
        RbdImageSummary ecimg = find(images, "ecimg");

        JsonNode info = cli("info", "rbd/img1");
        assertEquals(info.path("size").asLong(), img1.size());
        List<String> features = new ArrayList<>();
        info.path("features").forEach(f -> features.add(f.asText()));
        assertEquals(features, img1.featureNames());
        assertNull(img1.parent());
        assertEquals(List.of("snap1", "snap2"), img1.snapshots().stream().map(RbdSnapshot::name).toList());
        RbdSnapshot snap1 = img1.snapshots().get(0);
        assertTrue(snap1.isProtected());
        assertFalse(img1.snapshots().get(1).isProtected());
        assertEquals(List.of(new RbdImageRef("rbd", "clone1")), snap1.children());
        assertEquals(List.of(), img1.snapshots().get(1).children());
        assertNotNull(snap1.timestamp());
        assertTrue(snap1.timestamp().isBefore(Instant.now().plusSeconds(60))
                && snap1.timestamp().isAfter(Instant.now().minus(Duration.ofDays(30))), snap1.timestamp().toString());
        // the seed wrote 1 MiB at the start of img1 before snapshotting; the head counts whole 4 MiB objects
        assertTrue(img1.usedBytes() != null && img1.usedBytes() >= MIB, "used " + img1.usedBytes());

        assertEquals(RbdSnapRef.parse("rbd/img1@snap1"), clone1.parent());
        JsonNode cinfo = cli("info", "rbd/clone1");
        assertEquals(cinfo.path("parent").path("overlap").asLong(), clone1.parentOverlap());
        assertEquals("lab-ec", ecimg.dataPool());
        assertTrue(ecimg.featureNames().contains("data-pool"), ecimg.featureNames().toString());

        RbdTree tree = rbd.tree(List.of("rbd"));
        String text = tree.text();
        assertTrue(text.contains("rbd/img1\n  @snap1 (protected)\n    rbd/clone1\n  @snap2\n"), text);
        assertEquals(List.of(new RbdImageRef("rbd", "clone1")), rbd.children(RbdSnapRef.parse("rbd/img1@snap1")));
    }

    @Test
    void seededProtectedSnapshotRefusesUnprotectAndNamesItsClone() {
        CephException e = assertThrows(CephException.class, () -> rbd.unprotect(RbdSnapRef.parse("rbd/img1@snap1")));
        assertEquals("cannot unprotect rbd/img1@snap1: it has 1 clone (rbd/clone1) (flatten or delete it first)", e.getMessage());
        e = assertThrows(CephException.class, () -> rbd.delete(new RbdImageRef("rbd", "img1")));
        assertEquals("cannot delete rbd/img1: it has 2 snapshots (snap1, snap2) and 1 clone (rbd/clone1)", e.getMessage());
        e = assertThrows(CephException.class, () -> rbd.deleteSnapshot(RbdSnapRef.parse("rbd/img1@snap1")));
        assertEquals("cannot delete rbd/img1@snap1: it is protected and has 1 clone (rbd/clone1)", e.getMessage());
        e = assertThrows(CephException.class, () -> rbd.clone(RbdSnapRef.parse("rbd/img1@snap2"), new RbdImageRef("rbd", "x")));
        assertEquals("cannot clone rbd/img1@snap2: the snapshot is not protected (protect it first)", e.getMessage());
        e = assertThrows(CephException.class, () -> rbd.image(new RbdImageRef("rbd", "no-such-image"), false));
        assertEquals("no RBD image rbd/no-such-image", e.getMessage());
        e = assertThrows(CephException.class, () -> rbd.list("no-such-pool", false));
        assertEquals("no pool named 'no-such-pool'", e.getMessage());
    }

    @Test
    void fullLifecycleAcrossPools() throws CephException {
        RbdImageRef base = new RbdImageRef("rbd", tag + "-base");
        RbdImageRef clone = new RbdImageRef("lab-repl", tag + "-clone");   // another pool
        removeLater(base);
        removeLater(clone);

        rbd.create(base, 8 * MIB);
        CephException e = assertThrows(CephException.class, () -> rbd.create(base, 8 * MIB));
        assertEquals("cannot create " + base + ": an image with that name already exists", e.getMessage());
        rbd.resize(base, 16 * MIB, false);
        assertEquals(16 * MIB, rbd.image(base, false).size());
        e = assertThrows(CephException.class, () -> rbd.resize(base, 12 * MIB, false));
        assertTrue(e.getMessage().startsWith("cannot shrink " + base + " from 16777216 to 12582912 bytes without allowing it"),
                e.getMessage());
        rbd.resize(base, 12 * MIB, true);
        assertEquals(12 * MIB, cli("info", base.toString()).path("size").asLong());

        byte[] data = new byte[(int) MIB];
        java.util.Arrays.fill(data, (byte) 0x5a);
        for (long off = 0; off < 12 * MIB; off += 4 * MIB) {
            rbd.write(base, off, data);
        }
        RbdSnapRef s1 = base.at("s1");
        rbd.createSnapshot(s1);
        rbd.protect(s1);
        e = assertThrows(CephException.class, () -> rbd.protect(s1));
        assertEquals("cannot protect " + s1 + ": it is already protected", e.getMessage());
        rbd.clone(s1, clone);

        RbdImageSummary c = rbd.image(clone, false);
        assertEquals(s1, c.parent());
        assertEquals(List.of(clone), rbd.image(base, false).snapshots().get(0).children());
        e = assertThrows(CephException.class, () -> rbd.unprotect(s1));
        assertEquals("cannot unprotect " + s1 + ": it has 1 clone (" + clone + ") (flatten or delete it first)", e.getMessage());
        assertTrue(rbd.tree(List.of("rbd", "lab-repl")).text().contains(base + "\n  @s1 (protected)\n    " + clone + "\n"));
        assertTrue(rbd.tree(List.of("rbd")).text().contains("    " + clone + " (not listed)\n"));
        assertTrue(rbd.tree(List.of("lab-repl")).text().contains(clone + " (parent " + s1 + " not listed)\n"));

        List<long[]> progress = Collections.synchronizedList(new ArrayList<>());
        rbd.flatten(clone, (done, total) -> progress.add(new long[] {done, total}), () -> false);
        assertNull(rbd.image(clone, false).parent());
        assertFalse(progress.isEmpty());
        long[] last = progress.get(progress.size() - 1);
        assertEquals(3, last[1], "12 MiB in 4 MiB objects");
        assertEquals(last[1], last[0]);
        e = assertThrows(CephException.class, () -> rbd.flatten(clone, RbdImages.Progress.NONE, () -> false));
        assertEquals("cannot flatten " + clone + ": it has no parent", e.getMessage());

        rbd.unprotect(s1);
        rbd.deleteSnapshot(s1);
        rbd.delete(clone);
        rbd.delete(base);
        assertFalse(rbd.list("rbd", false).stream().anyMatch(i -> i.ref().equals(base)));
        assertFalse(rbd.list("lab-repl", false).stream().anyMatch(i -> i.ref().equals(clone)));
    }

    @Test
    void flattenCanBeCanceledAndResumed() throws CephException {
        RbdImageRef base = new RbdImageRef("rbd", tag + "-big");
        RbdImageRef clone = new RbdImageRef("rbd", tag + "-bigc");
        removeLater(base);
        removeLater(clone);
        rbd.create(base, 128 * MIB);
        byte[] data = new byte[64 * 1024];
        java.util.Arrays.fill(data, (byte) 1);
        for (long off = 0; off < 128 * MIB; off += 4 * MIB) {
            rbd.write(base, off, data);
        }
        RbdSnapRef snap = base.at("s");
        rbd.createSnapshot(snap);
        rbd.protect(snap);
        rbd.clone(snap, clone);

        AtomicBoolean cancel = new AtomicBoolean();
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        CephException e = assertThrows(CephException.class, () -> rbd.flatten(clone, (done, total) -> {
            seen.add(done);
            cancel.set(true);   // the first progress report cancels
        }, cancel::get));
        assertEquals(-125, e.errno());
        assertTrue(e.getMessage().startsWith("flatten of " + clone + " canceled after "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" of 32 objects; it still depends on its parent"), e.getMessage());
        assertEquals(snap, rbd.image(clone, false).parent(), "a canceled flatten leaves the parent");

        rbd.flatten(clone, RbdImages.Progress.NONE, () -> false);
        assertNull(rbd.image(clone, false).parent());
        rbd.unprotect(snap);
    }

    @Test
    void rollbackIsRefusedWhileAVmUsesTheImage() throws CephException {
        RbdImageRef img = new RbdImageRef("rbd", tag + "-rb");
        removeLater(img);
        rbd.create(img, 4 * MIB);
        RbdSnapRef snap = img.at("before");
        rbd.createSnapshot(snap);
        CephException e = assertThrows(CephException.class,
                () -> rbd.rollback(snap, ref -> ref.equals(img) ? Optional.of("running VM web1 on host kvm1") : Optional.empty()));
        assertEquals("cannot roll back " + img + " to before: it is in use by running VM web1 on host kvm1 (shut it down first)",
                e.getMessage());

        byte[] data = new byte[4096];
        java.util.Arrays.fill(data, (byte) 7);
        rbd.write(img, 0, data);
        assertTrue(rbd.image(img, true).usedBytes() > 0);
        rbd.rollback(snap, RbdImages.InUse.NOBODY);
        assertEquals(0L, rbd.image(img, true).usedBytes(), "rolled back to the empty snapshot");
        rbd.deleteSnapshot(snap);
        rbd.delete(img);
    }

    @Test
    void runsOnTheClusterWorker() throws Exception {
        java.util.concurrent.CountDownLatch connected = new java.util.concurrent.CountDownLatch(1);
        try (io.rackdesk.app.ceph.CephClusterService service = new io.rackdesk.app.ceph.CephClusterService()) {
            service.add("rbdlab", CephTarget.fromConf(CephLab.conf(), CephLab.keyring(), "admin", Duration.ofSeconds(15)),
                    Duration.ofSeconds(30), s -> {
                        if (s.phase() == io.rackdesk.app.ceph.CephClusterState.Phase.CONNECTED) {
                            connected.countDown();
                        }
                    });
            assertTrue(connected.await(30, java.util.concurrent.TimeUnit.SECONDS));
            List<String> thread = new ArrayList<>();
            List<RbdImageSummary> images = service.submit("rbdlab", c -> {
                thread.add(Thread.currentThread().getName());
                return new RbdImages(c).list("rbd", false);
            }).get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(List.of("rackdesk-ceph-rbdlab"), thread);
            find(images, "img1");
        }
    }

    private static RbdImageSummary find(List<RbdImageSummary> images, String name) {
        return images.stream().filter(i -> i.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + images.stream().map(RbdImageSummary::name).toList()));
    }

    private static JsonNode cli(String... args) {
        List<String> cmd = new ArrayList<>(List.of("timeout", "60", "rbd", "-c", CephLab.conf().toString(), "-k",
                CephLab.keyring().toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--format", "json"));
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(CephLab.run(cmd));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
