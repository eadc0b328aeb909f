package io.rackdesk.app.ceph.rbd;

import com.sun.jna.Callback;
import com.sun.jna.IntegerType;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.ByReference;
import com.sun.jna.ptr.LongByReference;

/**
 * The librbd calls (Ceph 16 "Pacific" C API, include/rbd/librbd.h) that rados-java 0.6.0 lacks or
 * gets wrong, bound with JNA on the image handles rados-java opens ({@code RbdImage.getPointer()}):
 * <ul>
 * <li>missing: features ({@code rbd_get_features}), the clone parent as pool/image@snap
 * ({@code rbd_get_parent}; rados-java's {@code stat()} only has the deprecated parent fields, which
 * Pacific leaves at -1/""), snapshot times ({@code rbd_snap_get_timestamp}), flatten and resize with
 * a progress callback that can cancel ({@code rbd_flatten_with_progress}, {@code rbd_resize2} with
 * {@code allow_shrink}), used bytes ({@code rbd_diff_iterate2});</li>
 * <li>wrong: {@code listChildren} uses the deprecated {@code rbd_list_children}, moves the image
 * handle to the snapshot ({@code rbd_snap_set}) as a side effect, and reports the wrong error code;
 * we use {@code rbd_list_children3} on a handle opened at the snapshot. {@code write}/{@code read}
 * pass size_t as a Java int (and read ssize_t as int): our {@code rbd_write} takes a real size_t.</li>
 * </ul>
 * Debian ships only {@code librbd.so.1}; JNA's Linux loader falls back to the versioned file.
 */
interface LibRbd extends Library {
    static LibRbd load() {
        return Native.load("rbd", LibRbd.class);
    }

    /** int rbd_get_features(rbd_image_t image, uint64_t *features) */
    int rbd_get_features(Pointer image, LongByReference features);

    /** int rbd_get_overlap(rbd_image_t image, uint64_t *overlap) */
    int rbd_get_overlap(Pointer image, LongByReference overlap);

    /** int64_t rbd_get_data_pool_id(rbd_image_t image) */
    long rbd_get_data_pool_id(Pointer image);

    /**
     * int rbd_get_parent(rbd_image_t image, rbd_linked_image_spec_t *parent_image, rbd_snap_spec_t
     * *parent_snap): -ENOENT when the image has no parent; both structs are cleaned up by us.
     */
    int rbd_get_parent(Pointer image, LinkedImageSpec parentImage, SnapSpec parentSnap);

    void rbd_linked_image_spec_cleanup(LinkedImageSpec image);

    void rbd_snap_spec_cleanup(SnapSpec snap);

    /**
     * int rbd_list_children3(rbd_image_t image, rbd_linked_image_spec_t *images, size_t *max_images):
     * the clones of the snapshot the image was opened at; -ERANGE with *max_images set when the
     * array is too small.
     */
    int rbd_list_children3(Pointer image, Pointer images, SizeTByReference maxImages);

    void rbd_linked_image_spec_list_cleanup(Pointer images, SizeT numImages);

    /**
     * int rbd_watchers_list(rbd_image_t image, rbd_image_watcher_t *watchers, size_t *max_watchers):
     * the clients watching the image's header (each {@code {char *addr; int64_t id; uint64_t cookie}});
     * -ERANGE with *max_watchers set when the array is too small.
     */
    int rbd_watchers_list(Pointer image, Pointer watchers, SizeTByReference maxWatchers);

    void rbd_watchers_list_cleanup(Pointer watchers, SizeT numWatchers);

    /** int rbd_snap_get_timestamp(rbd_image_t image, uint64_t snap_id, struct timespec *timestamp) */
    int rbd_snap_get_timestamp(Pointer image, long snapId, Timespec timestamp);

    /** int rbd_flatten_with_progress(rbd_image_t image, librbd_progress_fn_t cb, void *cbdata) */
    int rbd_flatten_with_progress(Pointer image, ProgressFn cb, Pointer cbdata);

    /** int rbd_resize2(rbd_image_t image, uint64_t size, bool allow_shrink, librbd_progress_fn_t cb, void *cbdata) */
    int rbd_resize2(Pointer image, long size, byte allowShrink, ProgressFn cb, Pointer cbdata);

    /**
     * int rbd_diff_iterate2(rbd_image_t image, const char *fromsnapname, uint64_t ofs, uint64_t len,
     * uint8_t include_parent, uint8_t whole_object, int (*cb)(uint64_t, size_t, int, void *), void *arg)
     */
    int rbd_diff_iterate2(Pointer image, String fromSnap, long ofs, long len, byte includeParent, byte wholeObject,
            DiffFn cb, Pointer arg);

    /** ssize_t rbd_write(rbd_image_t image, uint64_t ofs, size_t len, const char *buf) */
    SizeT rbd_write(Pointer image, long ofs, SizeT len, byte[] buf);

    /** typedef int (*librbd_progress_fn_t)(uint64_t offset, uint64_t total, void *ptr): non-zero aborts. */
    interface ProgressFn extends Callback {
        int invoke(long offset, long total, Pointer data);
    }

    /** int (*cb)(uint64_t offset, size_t len, int exists, void *arg) */
    interface DiffFn extends Callback {
        int invoke(long offset, SizeT len, int exists, Pointer arg);
    }

    /** rbd_linked_image_spec_t: int64_t pool_id; char *pool_name, *pool_namespace, *image_id, *image_name; bool trash. */
    @Structure.FieldOrder({"pool_id", "pool_name", "pool_namespace", "image_id", "image_name", "trash"})
    class LinkedImageSpec extends Structure {
        public long pool_id;
        public Pointer pool_name;
        public Pointer pool_namespace;
        public Pointer image_id;
        public Pointer image_name;
        public byte trash;

        public LinkedImageSpec() {
        }

        LinkedImageSpec(Pointer p) {
            super(p);
            read();
        }

        String pool() {
            return str(pool_name);
        }

        String namespace() {
            return str(pool_namespace);
        }

        String image() {
            return str(image_name);
        }
    }

    /** rbd_snap_spec_t: uint64_t id; rbd_snap_namespace_type_t namespace_type (an enum, int); char *name. */
    @Structure.FieldOrder({"id", "namespace_type", "name"})
    class SnapSpec extends Structure {
        public long id;
        public int namespace_type;
        public Pointer name;
    }

    /** struct timespec on 64-bit Linux: time_t tv_sec; long tv_nsec. */
    @Structure.FieldOrder({"tv_sec", "tv_nsec"})
    class Timespec extends Structure {
        public long tv_sec;
        public long tv_nsec;
    }

    private static String str(Pointer p) {
        return p == null ? null : p.getString(0, "UTF-8");
    }

    /** size_t (8 bytes on 64-bit platforms). */
    final class SizeT extends IntegerType {
        private static final long serialVersionUID = 1L;

        public SizeT() {
            this(0);
        }

        public SizeT(long value) {
            super(Native.SIZE_T_SIZE, value, false);
        }
    }

    /** A size_t* in/out parameter. */
    final class SizeTByReference extends ByReference {
        public SizeTByReference() {
            this(0);
        }

        public SizeTByReference(long value) {
            super(Native.SIZE_T_SIZE);
            setValue(value);
        }

        public void setValue(long v) {
            if (Native.SIZE_T_SIZE == 8) {
                getPointer().setLong(0, v);
            } else {
                getPointer().setInt(0, (int) v);
            }
        }

        public long getValue() {
            return Native.SIZE_T_SIZE == 8 ? getPointer().getLong(0) : getPointer().getInt(0) & 0xffffffffL;
        }
    }
}
