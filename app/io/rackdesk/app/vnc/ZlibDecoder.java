package io.rackdesk.app.vnc;

import java.io.IOException;

/** Zlib (encoding 6): Raw pixels through the connection's one persistent zlib stream. */
public final class ZlibDecoder implements RectDecoder {
    private final InflaterInput zlib = new InflaterInput("Zlib");
    private final byte[] scratch = new byte[RfbInput.CAPACITY]; // zlib copies what it writes into its window: big pieces

    @Override
    public void decode(RfbInput in, int x, int y, int w, int h, Framebuffer fb, PixelFormat pf) throws IOException {
        fb.checkRect(x, y, w, h, "Zlib");
        long raw = (long) w * h * pf.bytesPerPixel();
        zlib.begin(in, in.u32(), maxCompressed(raw));
        RectDecoder.readPixels(zlib, x, y, w, h, fb, pf, scratch);
        zlib.end();
    }

    /** zlib never expands data by more than a few bytes per 16 KiB block; allow generously more. */
    static long maxCompressed(long raw) {
        return raw + raw / 64 + 4096;
    }

    @Override
    public void close() {
        zlib.close();
    }
}
