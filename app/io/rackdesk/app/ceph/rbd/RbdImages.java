package io.rackdesk.app.ceph.rbd;

import com.ceph.rados.IoCTX;
import com.ceph.rbd.Rbd;
import com.ceph.rbd.RbdException;
import com.ceph.rbd.RbdImage;
import com.ceph.rbd.jna.RbdImageInfo;
import com.ceph.rbd.jna.RbdSnapInfo;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import io.rackdesk.app.ceph.CephClient;
import io.rackdesk.app.ceph.CephErrors;
import io.rackdesk.app.ceph.CephException;
import io.rackdesk.app.platform.NativeLibraries;
import java.lang.ref.Reference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RBD images on one cluster connection: list (with parents, features, snapshots and their clones),
 * create, resize, delete, snapshots (create, protect, unprotect, rollback, delete), clone, flatten
 * with progress and cancel. rados-java's {@code Rbd}/{@code RbdImage} do what they do right (list,
 * open, create, remove, snapshot calls, clone); {@link LibRbd} the rest.
 *
 * <p>Calls block: run them on the cluster's worker ({@code CephClusterService.submit}). librados'
 * OSD timeout, set on connect, bounds every object operation. Refusals and failures are
 * {@link CephException}s with one sentence that names the image, e.g. "cannot unprotect
 * rbd/img1@snap1: it has 1 clone (rbd/clone1)".
 */
public final class RbdImages {
    private static final Logger LOG = LoggerFactory.getLogger(RbdImages.class);
    private static final int ENOENT = -2;
    private static final int EBUSY = -16;
    private static final int EEXIST = -17;
    private static final int ENOTEMPTY = -39;
    private static final int ERANGE = -34;
    private static final int ECANCELED = -125;
    private static final Object LOAD_LOCK = new Object();
    private static LibRbd library;
    /** A do-nothing progress function, kept reachable for as long as the class is loaded. */
    private static final LibRbd.ProgressFn NO_PROGRESS = (offset, total, data) -> 0;
    private static String unavailable;

    private final CephClient client;
    private final LibRbd rbd;

    /** Says whether a VM known to Rackdesk uses an image, e.g. "running VM web1 on host kvm1". */
    @FunctionalInterface
    public interface InUse {
        Optional<String> usedBy(RbdImageRef image);

        InUse NOBODY = image -> Optional.empty();
    }

    /** Told how far a flatten is (objects done, of total); called on a librbd thread. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);

        Progress NONE = (done, total) -> { };
    }

    public RbdImages(CephClient client) throws CephException {
        this.client = Objects.requireNonNull(client);
        this.rbd = library();
    }

    static LibRbd library() throws CephException {
        synchronized (LOAD_LOCK) {
            if (library == null && unavailable == null) {
                try {
                    library = LibRbd.load();
                } catch (LinkageError e) {
                    LOG.warn("librbd is not available: {}", e.toString());
                    unavailable = NativeLibraries.missing(NativeLibraries.Library.RADOS);
                }
            }
            if (library == null) {
                throw new CephException(CephException.Kind.UNAVAILABLE, 0, unavailable);
            }
            return library;
        }
    }

    // ---------------------------------------------------------------- reading

    /** The pool's images, sorted by name; {@code withUsage} also sums the bytes allocated at each head. */
    public List<RbdImageSummary> list(String pool, boolean withUsage) throws CephException {
        RbdNames.requireName(pool, "pool");
        return client.withPool(pool, io -> {
            String[] names;
            try {
                names = new Rbd(io).list();
            } catch (RbdException e) {
                throw fail("cannot list the images in pool '" + pool + "'", e.getReturnValue());
            }
            Arrays.sort(names);
            List<RbdImageSummary> out = new ArrayList<>();
            for (String name : names) {
                if (name.isEmpty()) {
                    continue;
                }
                try {
                    out.add(read(io, new RbdImageRef(pool, name), withUsage));
                } catch (CephException e) {
                    if (e.errno() != ENOENT) {   // removed meanwhile: skip it
                        throw e;
                    }
                }
            }
            return out;
        });
    }

    /** One image. */
    public RbdImageSummary image(RbdImageRef ref, boolean withUsage) throws CephException {
        return client.withPool(ref.pool(), io -> read(io, ref, withUsage));
    }

    /**
     * The addresses of the clients that have the image open for writing (a running VM, 'rbd map'):
     * its header's watchers, as {@code rbd status} lists them; empty when nobody has it open. Our
     * read-only handle sets no watch, so it is not among them.
     */
    public List<String> watchers(RbdImageRef ref) throws CephException {
        return withImage(ref, null, true, (io, img) -> {
            int size = Native.POINTER_SIZE + 16;   // char *addr; int64_t id; uint64_t cookie
            long max = 8;
            for (int attempt = 0; attempt < 5; attempt++) {
                Memory buf = new Memory(size * max);
                buf.clear();
                LibRbd.SizeTByReference n = new LibRbd.SizeTByReference(max);
                int rc = rbd.rbd_watchers_list(img.getPointer(), buf, n);
                if (rc == ERANGE) {
                    max = Math.max(n.getValue(), max * 2);
                    continue;
                }
                check(rc, "cannot list the watchers of " + ref);
                long count = n.getValue();
                try {
                    List<String> out = new ArrayList<>();
                    for (long i = 0; i < count; i++) {
                        com.sun.jna.Pointer addr = buf.getPointer(i * size);
                        out.add(addr == null ? "?" : addr.getString(0, "UTF-8"));
                    }
                    return out;
                } finally {
                    rbd.rbd_watchers_list_cleanup(buf, new LibRbd.SizeT(count));
                }
            }
            throw new CephException(CephException.Kind.OTHER, ERANGE, "cannot list the watchers of " + ref + ": the list kept growing");
        });
    }

    /** The clones of one snapshot, in any pool. */
    public List<RbdImageRef> children(RbdSnapRef snap) throws CephException {
        return client.withPool(snap.pool(), io -> children(io, snap));
    }

    /** The images of several pools as a tree: parents, their snapshots, the clones of each (across the pools). */
    public RbdTree tree(List<String> pools) throws CephException {
        List<RbdImageSummary> all = new ArrayList<>();
        for (String pool : pools) {
            all.addAll(list(pool, false));
        }
        return RbdTree.of(all);
    }

    private RbdImageSummary read(IoCTX io, RbdImageRef ref, boolean withUsage) throws CephException {
        Rbd r = new Rbd(io);
        RbdImage img = open(r, ref, null, true);
        try {
            Pointer h = img.getPointer();
            RbdImageInfo info;
            try {
                info = img.stat();
            } catch (RbdException e) {
                throw fail("cannot read " + ref, e.getReturnValue());
            }
            LongByReference f = new LongByReference();
            check(rbd.rbd_get_features(h, f), "cannot read the features of " + ref);
            long features = f.getValue();
            RbdSnapRef parent = parent(h, ref);
            long overlap = 0;
            if (parent != null) {
                LongByReference o = new LongByReference();
                if (rbd.rbd_get_overlap(h, o) == 0) {
                    overlap = o.getValue();
                }
            }
            String dataPool = null;
            if ((features & RbdFeatures.DATA_POOL) != 0) {
                long id = rbd.rbd_get_data_pool_id(h);
                if (id >= 0 && id != io.getId()) {
                    dataPool = client.poolName(id);
                }
            }
            List<RbdSnapshot> snaps = new ArrayList<>();
            for (RbdSnapInfo s : snapList(img, ref)) {
                boolean prot;
                try {
                    prot = img.snapIsProtected(s.name);
                } catch (RbdException e) {
                    throw fail("cannot read whether " + ref.at(s.name) + " is protected", e.getReturnValue());
                }
                LibRbd.Timespec ts = new LibRbd.Timespec();
                Instant when = rbd.rbd_snap_get_timestamp(h, s.id, ts) == 0 ? Instant.ofEpochSecond(ts.tv_sec, ts.tv_nsec) : null;
                snaps.add(new RbdSnapshot(s.id, s.name, s.size, prot, when, children(io, ref.at(s.name))));
            }
            Long used = withUsage ? used(h, info.size, ref) : null;
            return new RbdImageSummary(ref, info.size, used, features, RbdFeatures.names(features), parent, overlap, info.obj_size,
                    dataPool, snaps);
        } finally {
            close(r, img);
        }
    }

    private RbdSnapRef parent(Pointer h, RbdImageRef ref) throws CephException {
        LibRbd.LinkedImageSpec spec = new LibRbd.LinkedImageSpec();
        LibRbd.SnapSpec snap = new LibRbd.SnapSpec();
        int rc = rbd.rbd_get_parent(h, spec, snap);
        if (rc == ENOENT) {
            return null;
        }
        check(rc, "cannot read the parent of " + ref);
        try {
            String snapName = snap.name == null ? null : snap.name.getString(0, "UTF-8");
            return new RbdSnapRef(spec.pool(), spec.image(), snapName);
        } finally {
            rbd.rbd_linked_image_spec_cleanup(spec);
            rbd.rbd_snap_spec_cleanup(snap);
        }
    }

    private List<RbdSnapInfo> snapList(RbdImage img, RbdImageRef ref) throws CephException {
        try {
            return img.snapList();
        } catch (RbdException e) {
            throw fail("cannot list the snapshots of " + ref, e.getReturnValue());
        }
    }

    /** rbd_list_children3 on a read-only handle at the snapshot (rados-java's listChildren moves its handle). */
    private List<RbdImageRef> children(IoCTX io, RbdSnapRef snap) throws CephException {
        Rbd r = new Rbd(io);
        RbdImage at = open(r, snap.imageRef(), snap.snap(), true);
        try {
            int size = new LibRbd.LinkedImageSpec().size();
            long max = 8;
            for (int attempt = 0; attempt < 5; attempt++) {
                Memory buf = new Memory(size * max);
                buf.clear();
                LibRbd.SizeTByReference n = new LibRbd.SizeTByReference(max);
                int rc = rbd.rbd_list_children3(at.getPointer(), buf, n);
                if (rc == ERANGE) {
                    max = Math.max(n.getValue(), max * 2);
                    continue;
                }
                check(rc, "cannot list the clones of " + snap);
                long count = n.getValue();
                try {
                    List<RbdImageRef> out = new ArrayList<>();
                    for (long i = 0; i < count; i++) {
                        LibRbd.LinkedImageSpec c = new LibRbd.LinkedImageSpec(buf.share(i * size));
                        if (c.trash == 0 && c.image() != null && c.pool() != null) {
                            out.add(new RbdImageRef(c.pool(), c.image()));
                        }
                    }
                    out.sort(null);
                    return out;
                } finally {
                    rbd.rbd_linked_image_spec_list_cleanup(buf, new LibRbd.SizeT(count));
                }
            }
            throw new CephException(CephException.Kind.OTHER, ERANGE, "cannot list the clones of " + snap + ": the list kept growing");
        } finally {
            close(r, at);
        }
    }

    /** Bytes allocated at the head, not counting the parent, per whole object (as {@code rbd du}; cheap with fast-diff). */
    private Long used(Pointer h, long size, RbdImageRef ref) throws CephException {
        AtomicLong sum = new AtomicLong();
        LibRbd.DiffFn cb = (offset, len, exists, arg) -> {
            if (exists != 0) {
                sum.addAndGet(len.longValue());
            }
            return 0;
        };
        int rc = rbd.rbd_diff_iterate2(h, null, 0, size, (byte) 0, (byte) 1, cb, null);
        Reference.reachabilityFence(cb);
        check(rc, "cannot read the space used by " + ref);
        return sum.get();
    }

    // ---------------------------------------------------------------- images

    /** A new image with Ceph's default features (layering, exclusive-lock, object-map, fast-diff, deep-flatten). */
    public void create(RbdImageRef ref, long sizeBytes) throws CephException {
        create(ref, sizeBytes, RbdFeatures.DEFAULT);
    }

    /** A new image with the given feature bits ({@link RbdFeatures}); librbd refuses inconsistent sets (EINVAL). */
    public void create(RbdImageRef ref, long sizeBytes, long features) throws CephException {
        if (sizeBytes <= 0) {
            throw new IllegalArgumentException("the size of " + ref + " must be positive");
        }
        client.withPool(ref.pool(), io -> {
            try {
                new Rbd(io).create(ref.image(), sizeBytes, features, 0);
            } catch (RbdException e) {
                int rc = e.getReturnValue();
                throw rc == EEXIST ? refused("cannot create " + ref + ": an image with that name already exists", rc)
                        : fail("cannot create " + ref, rc);
            }
            return null;
        });
    }

    /**
     * Grows the image; shrinking needs {@code allowShrink}, because it discards whatever lies beyond
     * the new size.
     */
    public void resize(RbdImageRef ref, long newSize, boolean allowShrink) throws CephException {
        if (newSize <= 0) {
            throw new IllegalArgumentException("the new size of " + ref + " must be positive");
        }
        withImage(ref, null, false, (io, img) -> {
            long size = stat(img, ref).size;
            if (newSize < size && !allowShrink) {
                throw refused("cannot shrink " + ref + " from " + size + " to " + newSize
                        + " bytes without allowing it: shrinking discards the data beyond the new size", -22);
            }
            if (newSize != size) {
                // librbd calls the progress function unconditionally: a null one crashes the process
                check(rbd.rbd_resize2(img.getPointer(), newSize, (byte) (allowShrink ? 1 : 0), NO_PROGRESS, null),
                        "cannot resize " + ref + " to " + newSize + " bytes");
            }
            return null;
        });
    }

    /** Deletes an image; refused while it has snapshots (naming them and their clones) or a client has it open. */
    public void delete(RbdImageRef ref) throws CephException {
        client.withPool(ref.pool(), io -> {
            Rbd r = new Rbd(io);
            RbdImage img = open(r, ref, null, true);
            List<RbdSnapInfo> snaps;
            List<RbdImageRef> clones = new ArrayList<>();
            try {
                snaps = snapList(img, ref);
            } finally {
                close(r, img);
            }
            if (!snaps.isEmpty()) {
                for (RbdSnapInfo s : snaps) {
                    clones.addAll(children(io, ref.at(s.name)));
                }
                String why = "it has " + RbdNames.count(snaps.size(), "snapshot", "snapshots",
                        snaps.stream().map(s -> s.name).toList());
                if (!clones.isEmpty()) {
                    why += " and " + RbdNames.count(clones.size(), "clone", "clones", clones);
                }
                throw refused("cannot delete " + ref + ": " + why, ENOTEMPTY);
            }
            try {
                r.remove(ref.image());
            } catch (RbdException e) {
                int rc = e.getReturnValue();
                if (rc == EBUSY) {
                    throw refused("cannot delete " + ref + ": a client has it open (a running VM, or 'rbd map')", rc);
                }
                throw rc == ENOTEMPTY ? refused("cannot delete " + ref + ": it has snapshots", rc)
                        : fail("cannot delete " + ref, rc);
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- snapshots

    public void createSnapshot(RbdSnapRef snap) throws CephException {
        withImage(snap.imageRef(), null, false, (io, img) -> {
            try {
                img.snapCreate(snap.snap());
            } catch (RbdException e) {
                int rc = e.getReturnValue();
                throw rc == EEXIST ? refused("cannot create " + snap + ": a snapshot with that name already exists", rc)
                        : fail("cannot create " + snap, rc);
            }
            return null;
        });
    }

    public void protect(RbdSnapRef snap) throws CephException {
        withImage(snap.imageRef(), null, false, (io, img) -> {
            if (isProtected(img, snap)) {
                throw refused("cannot protect " + snap + ": it is already protected", EBUSY);
            }
            try {
                img.snapProtect(snap.snap());
            } catch (RbdException e) {
                throw fail("cannot protect " + snap, e.getReturnValue());
            }
            return null;
        });
    }

    /** Refused while the snapshot has clones: they have to be flattened or deleted first. */
    public void unprotect(RbdSnapRef snap) throws CephException {
        withImage(snap.imageRef(), null, false, (io, img) -> {
            if (!isProtected(img, snap)) {
                throw refused("cannot unprotect " + snap + ": it is not protected", -22);
            }
            List<RbdImageRef> clones = children(io, snap);
            if (!clones.isEmpty()) {
                throw refused("cannot unprotect " + snap + ": it has " + RbdNames.count(clones.size(), "clone", "clones", clones)
                        + " (flatten or delete " + (clones.size() == 1 ? "it" : "them") + " first)", EBUSY);
            }
            try {
                img.snapUnprotect(snap.snap());
            } catch (RbdException e) {
                int rc = e.getReturnValue();
                throw rc == EBUSY ? refused("cannot unprotect " + snap + ": it still has clones (in a pool we cannot see?)", rc)
                        : fail("cannot unprotect " + snap, rc);
            }
            return null;
        });
    }

    /**
     * Rolls the image back to the snapshot; refused while {@code inUse} says a VM known to Rackdesk
     * uses the image (its guest would see its disk change under it).
     */
    public void rollback(RbdSnapRef snap, InUse inUse) throws CephException {
        Optional<String> user = inUse.usedBy(snap.imageRef());
        if (user.isPresent()) {
            throw refused("cannot roll back " + snap.imageRef() + " to " + snap.snap() + ": it is in use by " + user.get()
                    + " (shut it down first)", EBUSY);
        }
        withImage(snap.imageRef(), null, false, (io, img) -> {
            try {
                img.snapRollBack(snap.snap());
            } catch (RbdException e) {
                int rc = e.getReturnValue();
                throw rc == EBUSY || rc == -30 ? refused("cannot roll back " + snap.imageRef() + " to " + snap.snap()
                        + ": another client holds the image's lock (a running VM?)", rc)
                        : fail("cannot roll back " + snap.imageRef() + " to " + snap.snap(), rc);
            }
            return null;
        });
    }

    /** Refused while protected (and says which clones keep it so). */
    public void deleteSnapshot(RbdSnapRef snap) throws CephException {
        withImage(snap.imageRef(), null, false, (io, img) -> {
            if (isProtected(img, snap)) {
                List<RbdImageRef> clones = children(io, snap);
                throw refused("cannot delete " + snap + ": it is protected" + (clones.isEmpty() ? " (unprotect it first)"
                        : " and has " + RbdNames.count(clones.size(), "clone", "clones", clones)), EBUSY);
            }
            try {
                img.snapRemove(snap.snap());
            } catch (RbdException e) {
                throw fail("cannot delete " + snap, e.getReturnValue());
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- clones

    /** Clones a protected snapshot into a new image, possibly in another pool, with Ceph's default features. */
    public void clone(RbdSnapRef parent, RbdImageRef child) throws CephException {
        client.withPool(parent.pool(), pio -> {
            Rbd r = new Rbd(pio);
            RbdImage img = open(r, parent.imageRef(), null, true);
            try {
                boolean found = snapList(img, parent.imageRef()).stream().anyMatch(s -> s.name.equals(parent.snap()));
                if (!found) {
                    throw refused("cannot clone " + parent + ": no such snapshot", ENOENT);
                }
                if (!isProtected(img, parent)) {
                    throw refused("cannot clone " + parent + ": the snapshot is not protected (protect it first)", -22);
                }
            } finally {
                close(r, img);
            }
            return client.withPool(child.pool(), cio -> {
                try {
                    r.clone(parent.image(), parent.snap(), cio, child.image(), RbdFeatures.DEFAULT, 0);
                } catch (RbdException e) {
                    int rc = e.getReturnValue();
                    throw rc == EEXIST ? refused("cannot clone " + parent + " to " + child + ": " + child + " already exists", rc)
                            : fail("cannot clone " + parent + " to " + child, rc);
                }
                return null;
            });
        });
    }

    /**
     * Copies the parent's data into the clone so it no longer depends on it. {@code progress} hears
     * how many objects are done; when {@code cancelled} turns true, librbd stops starting new object
     * copies and this throws "flatten of POOL/IMAGE canceled" (the clone keeps its parent, and a later
     * flatten carries on where it stopped).
     */
    public void flatten(RbdImageRef ref, Progress progress, BooleanSupplier cancelled) throws CephException {
        Objects.requireNonNull(progress);
        Objects.requireNonNull(cancelled);
        withImage(ref, null, false, (io, img) -> {
            if (parent(img.getPointer(), ref) == null) {
                throw refused("cannot flatten " + ref + ": it has no parent", -22);
            }
            AtomicLong done = new AtomicLong();
            AtomicLong total = new AtomicLong();
            LibRbd.ProgressFn cb = (offset, all, data) -> {
                done.set(offset);
                total.set(all);
                try {
                    progress.update(offset, all);
                } catch (RuntimeException e) {
                    LOG.warn("flatten of {}: the progress listener failed", ref, e);
                }
                return cancelled.getAsBoolean() ? ECANCELED : 0;
            };
            int rc = rbd.rbd_flatten_with_progress(img.getPointer(), cb, null);
            Reference.reachabilityFence(cb);
            if (rc < 0 && cancelled.getAsBoolean()) {
                throw new CephException(CephException.Kind.COMMAND, ECANCELED, "flatten of " + ref + " canceled after "
                        + done.get() + " of " + total.get() + " objects; it still depends on its parent");
            }
            check(rc, "cannot flatten " + ref);
            progress.update(total.get(), total.get());
            return null;
        });
    }

    /** Writes {@code data} at {@code offset} (tests fill images with it; rados-java's write passes size_t as int). */
    void write(RbdImageRef ref, long offset, byte[] data) throws CephException {
        withImage(ref, null, false, (io, img) -> {
            long n = rbd.rbd_write(img.getPointer(), offset, new LibRbd.SizeT(data.length), data).longValue();
            if (n < 0) {
                throw fail("cannot write to " + ref, (int) n);
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- helpers

    @FunctionalInterface
    private interface ImageCall<T> {
        T apply(IoCTX io, RbdImage img) throws CephException;
    }

    private <T> T withImage(RbdImageRef ref, String snap, boolean readOnly, ImageCall<T> call) throws CephException {
        return client.withPool(ref.pool(), io -> {
            Rbd r = new Rbd(io);
            RbdImage img = open(r, ref, snap, readOnly);
            try {
                return call.apply(io, img);
            } finally {
                close(r, img);
            }
        });
    }

    private static RbdImage open(Rbd r, RbdImageRef ref, String snap, boolean readOnly) throws CephException {
        try {
            if (readOnly) {
                return snap == null ? r.openReadOnly(ref.image()) : r.openReadOnly(ref.image(), snap);
            }
            return snap == null ? r.open(ref.image()) : r.open(ref.image(), snap);
        } catch (RbdException e) {
            int rc = e.getReturnValue();
            String what = snap == null ? ref.toString() : ref.at(snap).toString();
            throw rc == ENOENT ? new CephException(CephException.Kind.COMMAND, rc, "no RBD image " + what)
                    : fail("cannot open " + what, rc);
        }
    }

    private static void close(Rbd r, RbdImage img) {
        try {
            r.close(img);
        } catch (RbdException e) {
            LOG.debug("closing {}: {}", img.getName(), CephErrors.name(e.getReturnValue()));
        }
    }

    private static RbdImageInfo stat(RbdImage img, RbdImageRef ref) throws CephException {
        try {
            return img.stat();
        } catch (RbdException e) {
            throw fail("cannot read " + ref, e.getReturnValue());
        }
    }

    private static boolean isProtected(RbdImage img, RbdSnapRef snap) throws CephException {
        try {
            return img.snapIsProtected(snap.snap());
        } catch (RbdException e) {
            int rc = e.getReturnValue();
            throw rc == ENOENT ? new CephException(CephException.Kind.COMMAND, rc, "no snapshot " + snap)
                    : fail("cannot read whether " + snap + " is protected", rc);
        }
    }

    private static void check(int rc, String what) throws CephException {
        if (rc < 0) {
            throw fail(what, rc);
        }
    }

    /** "cannot resize rbd/x: EROFS: read-only (-30)" */
    static CephException fail(String what, int rc) {
        CephException.Kind kind = rc == -110 ? CephException.Kind.TIMEOUT : rc == -13 || rc == -1
                ? CephException.Kind.AUTHENTICATION : CephException.Kind.COMMAND;
        return new CephException(kind, rc, what + ": " + CephErrors.name(rc));
    }

    private static CephException refused(String sentence, int rc) {
        return new CephException(CephException.Kind.COMMAND, rc, sentence);
    }
}
