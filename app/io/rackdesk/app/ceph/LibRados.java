package io.rackdesk.app.ceph;

import com.sun.jna.IntegerType;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.ByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The librados C calls Rackdesk uses, bound directly with JNA (Ceph 16's rados/librados.h). Our own
 * binding rather than rados-java's: its mon-command call never frees the result buffers and maps
 * size_t to int, and it has no mgr command, no conf_get and no way to read the rados_t handle. A
 * dozen prototypes are less to carry than a second JNA wrapper with its own JNA version.
 *
 * <p>Debian ships only {@code librados.so.2}; JNA's Linux loader falls back to the versioned file.
 */
interface LibRados extends Library {
    /** Loads librados; a {@link LinkageError} when it is not installed. */
    static LibRados load() {
        return Native.load("rados", LibRados.class);
    }

    /** int rados_create2(rados_t *pcluster, const char *clustername, const char *name, uint64_t flags) */
    int rados_create2(PointerByReference cluster, String clusterName, String name, long flags);

    int rados_conf_read_file(Pointer cluster, String path);

    int rados_conf_set(Pointer cluster, String option, String value);

    /** int rados_conf_get(rados_t, const char *option, char *buf, size_t len) */
    int rados_conf_get(Pointer cluster, String option, byte[] buf, SizeT len);

    int rados_connect(Pointer cluster);

    void rados_shutdown(Pointer cluster);

    /** int rados_cluster_fsid(rados_t, char *buf, size_t len): the length written, or -ERANGE */
    int rados_cluster_fsid(Pointer cluster, byte[] buf, SizeT len);

    /**
     * int rados_mon_command(rados_t, const char **cmd, size_t cmdlen, const char *inbuf, size_t inbuflen,
     * char **outbuf, size_t *outbuflen, char **outs, size_t *outslen). Both out buffers are allocated
     * by librados and must be given back with rados_buffer_free.
     */
    int rados_mon_command(Pointer cluster, String[] cmd, SizeT cmdlen, byte[] inbuf, SizeT inbuflen,
            PointerByReference outbuf, SizeTByReference outbuflen, PointerByReference outs, SizeTByReference outslen);

    /** As rados_mon_command, sent to the active manager. */
    int rados_mgr_command(Pointer cluster, String[] cmd, SizeT cmdlen, byte[] inbuf, SizeT inbuflen,
            PointerByReference outbuf, SizeTByReference outbuflen, PointerByReference outs, SizeTByReference outslen);

    void rados_buffer_free(Pointer buf);

    /** void rados_version(int *major, int *minor, int *extra) */
    void rados_version(int[] major, int[] minor, int[] extra);

    /** size_t (8 bytes on 64-bit platforms). */
    final class SizeT extends IntegerType {
        private static final long serialVersionUID = 1L;

        public SizeT() {
            this(0);
        }

        public SizeT(long value) {
            super(Native.SIZE_T_SIZE, value, true);
        }
    }

    /** A size_t* out-parameter. */
    final class SizeTByReference extends ByReference {
        public SizeTByReference() {
            super(Native.SIZE_T_SIZE);
            getPointer().clear(Native.SIZE_T_SIZE);
        }

        public long getValue() {
            return Native.SIZE_T_SIZE == 8 ? getPointer().getLong(0) : getPointer().getInt(0) & 0xffffffffL;
        }
    }
}
