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

    /** Reads {@code w x h} full pixels into the framebuffer at (x, y); the caller has checked the rectangle. */
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
