package io.rackdesk.app.ceph;

import com.sun.jna.IntegerType;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.ByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The librados calls rados-java 0.6.0 lacks or gets wrong, bound with JNA on the handle rados-java
 * made ({@link CephClient.RadosHandle}): its rados_mon_command never gives the two result buffers
 * back (measured: 12.4 MiB of native heap per 2000 answers of 6 KB) and maps size_t to int, and it
 * has no rados_mgr_command.
 *
 * <p>Debian ships only {@code librados.so.2}; JNA's Linux loader falls back to the versioned file.
 */
interface LibRados extends Library {
    /** Loads librados; a {@link LinkageError} when it is not installed. */
    static LibRados load() {
        return Native.load("rados", LibRados.class);
    }

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
