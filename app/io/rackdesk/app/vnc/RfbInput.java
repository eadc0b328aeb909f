package io.rackdesk.app.vnc;

import java.io.IOException;
import java.util.Arrays;

/**
 * A buffered big-endian reader for RFB data, from the socket or from a zlib stream. Decoders
 * either call the small readers ({@link #u8()}, {@link #u16()}, ...) or {@link #require(int)}
 * some bytes and read {@link #buffer()} at {@link #position()} directly, then {@link #skip(int)}.
 */
public abstract class RfbInput {
    /** The buffer's size: also the most a decoder may {@link #require(int)} at once. */
    public static final int CAPACITY = 1 << 16;

    protected byte[] buf;
    protected int pos;
    protected int lim;

    protected RfbInput() {
        this(true);
    }

    /**
     * @param eager false to make the buffer at the first read through it: an input that is only read
     *     in large pieces ({@link #readFully}, e.g. a zlib stream of Raw pixels) never needs one
     */
    protected RfbInput(boolean eager) {
        this.buf = new byte[eager ? CAPACITY : 0];
    }

    /** Reads at least one byte into {@code b[off..off+len)}; returns the count, or -1 at the end. */
    protected abstract int fill(byte[] b, int off, int len) throws IOException;

    /** The message of the exception thrown when the data ends early, e.g. "the server closed the connection". */
    protected abstract String endOfData();

    /** Makes {@code n} bytes (at most {@link #CAPACITY}) available at {@link #position()}. */
    public final void require(int n) throws IOException {
        if (lim - pos >= n) {
            return;
        }
        if (n > CAPACITY) {
            throw new IllegalArgumentException("cannot buffer " + n + " bytes");
        }
        if (buf.length < CAPACITY) {
            buf = Arrays.copyOf(buf, CAPACITY);
        }
        int have = lim - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, have);
            pos = 0;
            lim = have;
        }
        while (lim < n) {
            int r = fill(buf, lim, buf.length - lim);
            if (r < 0) {
                throw new RfbProtocolException(endOfData());
            }
            lim += r;
        }
    }

    /** Makes between 1 and {@code max} bytes available and returns how many (at most {@link #CAPACITY}). */
    public final int requireSome(int max) throws IOException {
        if (lim == pos) {
            require(1);
        }
        return Math.min(max, lim - pos);
    }

    public final byte[] buffer() {
        return buf;
    }

    public final int position() {
        return pos;
    }

    /** Consumes {@code n} bytes made available by {@link #require(int)}. */
    public final void skip(int n) {
        if (n < 0 || n > lim - pos) {
            throw new IllegalArgumentException("skip " + n + " of " + (lim - pos));
        }
        pos += n;
    }

    /** Consumes {@code n} bytes, however many that is. */
    public final void discard(long n) throws IOException {
        while (n > 0) {
            int k = requireSome((int) Math.min(n, CAPACITY));
            pos += k;
            n -= k;
        }
    }

    /** Bytes already buffered and not yet consumed. */
    public final int buffered() {
        return lim - pos;
    }

    public final int u8() throws IOException {
        if (pos == lim) {
            require(1);
        }
        return buf[pos++] & 0xFF;
    }

    public final int u16() throws IOException {
        require(2);
        int v = (buf[pos] & 0xFF) << 8 | buf[pos + 1] & 0xFF;
        pos += 2;
        return v;
    }

    public final int s32() throws IOException {
        require(4);
        int v = (buf[pos] & 0xFF) << 24 | (buf[pos + 1] & 0xFF) << 16 | (buf[pos + 2] & 0xFF) << 8 | buf[pos + 3] & 0xFF;
        pos += 4;
        return v;
    }

    public final long u32() throws IOException {
        return s32() & 0xFFFF_FFFFL;
    }

    /** Reads at least this many bytes straight into the caller's array, past the buffer (one copy fewer). */
    static final int DIRECT_READ = 4096;

    /**
     * Reads exactly {@code len} bytes into {@code dst[off..]}: what is buffered first, then large
     * remainders straight from the source into {@code dst} (a socket read, or zlib inflating into it).
     */
    public final void readFully(byte[] dst, int off, int len) throws IOException {
        int k = Math.min(len, lim - pos);
        System.arraycopy(buf, pos, dst, off, k);
        pos += k;
        off += k;
        len -= k;
        while (len >= DIRECT_READ) {
            int r = fill(dst, off, len);
            if (r < 0) {
                throw new RfbProtocolException(endOfData());
            }
            off += r;
            len -= r;
        }
        while (len > 0) {
            k = requireSome(len);
            System.arraycopy(buf, pos, dst, off, k);
            pos += k;
            off += k;
            len -= k;
        }
    }
}
