package io.rackdesk.app.vnc;

import java.io.IOException;

/**
 * Decodes one rectangle of one encoding from {@code in} into the framebuffer. An implementation
 * checks the rectangle and every size in its data before it allocates or writes anything, and may
 * keep state between rectangles (zlib streams, reusable buffers): one instance per connection.
 * Decoders need no socket: they can be fed from a byte array (tests, benchmarks).
 */
public interface RectDecoder {
    void decode(RfbInput in, int x, int y, int w, int h, Framebuffer fb, PixelFormat pf) throws IOException;

    /** Frees native resources (zlib). */
    default void close() {
    }

    /** The size of the scratch arrays for {@link #readPixels(RfbInput, int, int, int, int, Framebuffer, PixelFormat, byte[])}: fits the L1 cache. */
    int SCRATCH = 16 * 1024;

    /**
     * Reads {@code w x h} full pixels into the framebuffer at (x, y); the caller has checked the rectangle.
     * For large rectangles (Raw, Zlib): whole rows at a time are read straight from the source into
     * {@code scratch} (a socket read or zlib writing into it, past the input's own buffer), then
     * converted while they are still in the cache. Two copies of each byte instead of three.
     */
    static void readPixels(RfbInput in, int x, int y, int w, int h, Framebuffer fb, PixelFormat pf, byte[] scratch)
            throws IOException {
        int bpp = pf.bytesPerPixel();
        int rowBytes = w * bpp;
        if (rowBytes == 0 || (long) rowBytes * h < RfbInput.DIRECT_READ) {
            readPixels(in, x, y, w, h, fb, pf);
            return;
        }
        int[] dst = fb.pixels();
        int stride = fb.width();
        if (rowBytes <= scratch.length) {
            int rowsAtOnce = scratch.length / rowBytes;
            for (int row = y, end = y + h; row < end; ) {
                int k = Math.min(rowsAtOnce, end - row);
                in.readFully(scratch, 0, k * rowBytes);
                if (w == stride) { // whole rows: one run in the framebuffer too
                    pf.toArgb(scratch, 0, dst, row * stride, k * w);
                } else {
                    pf.rowsToArgb(scratch, k, w, dst, row * stride + x, stride);
                }
                row += k;
            }
            return;
        }
        int piece = scratch.length / bpp;
        for (int row = y, end = y + h; row < end; row++) {
            for (int o = row * stride + x, left = w; left > 0; ) {
                int n = Math.min(left, piece);
                in.readFully(scratch, 0, n * bpp);
                pf.toArgb(scratch, 0, dst, o, n);
                o += n;
                left -= n;
            }
        }
    }

    /** Reads {@code w x h} full pixels (a small rectangle, e.g. a Hextile tile) through the input's buffer. */
    static void readPixels(RfbInput in, int x, int y, int w, int h, Framebuffer fb, PixelFormat pf) throws IOException {
        int bpp = pf.bytesPerPixel();
        int[] dst = fb.pixels();
        int stride = fb.width();
        for (int row = y, end = y + h; row < end; row++) {
            int o = row * stride + x;
            int left = w;
            while (left > 0) {
                int avail = in.buffered() / bpp;
                if (avail == 0) {
                    in.require((int) Math.min((long) left * bpp, RfbInput.CAPACITY));
                    avail = in.buffered() / bpp;
                }
                int n = Math.min(left, avail);
                pf.toArgb(in.buffer(), in.position(), dst, o, n);
                in.skip(n * bpp);
                o += n;
                left -= n;
            }
        }
    }
}
