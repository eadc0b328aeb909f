package io.rackdesk.app.vnc;

import java.io.IOException;

/**
 * ZRLE (encoding 16): 64x64 tiles through one persistent zlib stream, each tile raw, solid, packed
 * palette, plain RLE or palette RLE, with 3-byte CPIXELs for 32-bit true colour.
 */
public final class ZrleDecoder implements RectDecoder {
    private final InflaterInput zlib = new InflaterInput("ZRLE");
    private final int[] tile = new int[64 * 64];
    private final int[] palette = new int[128];

    @Override
    public void decode(RfbInput in, int x, int y, int w, int h, Framebuffer fb, PixelFormat pf) throws IOException {
        fb.checkRect(x, y, w, h, "ZRLE");
        int cpx = pf.cpixelBytes();
        long tiles = ((w + 63L) / 64) * ((h + 63L) / 64);
        long raw = tiles + (long) w * h * cpx;
        zlib.begin(in, in.u32(), ZlibDecoder.maxCompressed(raw));
        for (int ty = y, yEnd = y + h; ty < yEnd; ty += 64) {
            int th = Math.min(64, yEnd - ty);
            for (int tx = x, xEnd = x + w; tx < xEnd; tx += 64) {
                decodeTile(tx, ty, Math.min(64, xEnd - tx), th, fb, pf, cpx);
            }
        }
        zlib.end();
    }

    private void decodeTile(int tx, int ty, int tw, int th, Framebuffer fb, PixelFormat pf, int cpx) throws IOException {
        RfbInput z = zlib;
        int sub = z.u8();
        int[] dst = fb.pixels();
        int stride = fb.width();
        if (sub == 0) { // raw CPIXELs
            for (int r = 0; r < th; r++) {
                z.require(tw * cpx);
                pf.cpixelsToArgb(z.buffer(), z.position(), dst, (ty + r) * stride + tx, tw);
                z.skip(tw * cpx);
            }
        } else if (sub == 1) { // solid
            z.require(cpx);
            int c = pf.cpixel(z.buffer(), z.position());
            z.skip(cpx);
            fb.fill(tx, ty, tw, th, c);
        } else if (sub <= 16) { // packed palette
            readPalette(z, sub, pf, cpx);
            int bits = sub == 2 ? 1 : sub <= 4 ? 2 : 4;
            int mask = (1 << bits) - 1;
            int rowBytes = (tw * bits + 7) / 8;
            for (int r = 0; r < th; r++) {
                z.require(rowBytes);
                byte[] b = z.buffer();
                int p = z.position();
                int o = (ty + r) * stride + tx;
                int shift = 8;
                int cur = 0;
                for (int i = 0; i < tw; i++) {
                    if (shift == 0 || i == 0) {
                        cur = b[p++] & 0xFF;
                        shift = 8;
                    }
                    shift -= bits;
                    int idx = (cur >>> shift) & mask;
                    if (idx >= sub) {
                        throw new RfbProtocolException("ZRLE: palette index " + idx + " beyond the " + sub + "-colour palette");
                    }
                    dst[o + i] = palette[idx];
                }
                z.skip(rowBytes);
            }
        } else if (sub == 128) { // plain RLE: runs of a CPIXEL and a length, often only a few pixels long
            int n = tw * th;
            int[] t = tile;
            boolean rgb = pf.isCpixelRgb24();
            int i = 0;
            while (i < n) {
                // the runs already buffered whose length is one byte, without a call per run
                byte[] b = z.buffer();
                int start = z.position();
                int p = start;
                int end = start + z.buffered() - cpx; // a run needs p + cpx < this + cpx
                while (i < n && p < end) {
                    int first = b[p + cpx] & 0xFF;
                    if (first == 255) {
                        break;
                    }
                    int c = rgb ? 0xFF000000 | (b[p + 2] & 0xFF) << 16 | (b[p + 1] & 0xFF) << 8 | b[p] & 0xFF : pf.cpixel(b, p);
                    p += cpx + 1;
                    int stop = i + first + 1;
                    if (stop > n) {
                        throw new RfbProtocolException("ZRLE: a run of " + (first + 1) + "+ pixels in a tile with " + (n - i) + " pixels left");
                    }
                    while (i < stop) {
                        t[i++] = c;
                    }
                }
                z.skip(p - start);
                if (i == n) {
                    break;
                }
                // one run the slow way: at the buffer's end, or longer than 255
                z.require(cpx + 1);
                b = z.buffer();
                p = z.position();
                int c = rgb ? 0xFF000000 | (b[p + 2] & 0xFF) << 16 | (b[p + 1] & 0xFF) << 8 | b[p] & 0xFF : pf.cpixel(b, p);
                int first = b[p + cpx] & 0xFF;
                z.skip(cpx + 1);
                int run = first == 255 ? runLength(z, 256, n - i) : first + 1;
                if (run > n - i) {
                    throw new RfbProtocolException("ZRLE: a run of " + run + "+ pixels in a tile with " + (n - i) + " pixels left");
                }
                for (int stop = i + run; i < stop; i++) {
                    t[i] = c;
                }
            }
            copyTile(tx, ty, tw, th, dst, stride);
        } else if (sub >= 130) { // palette RLE
            int size = sub - 128;
            readPalette(z, size, pf, cpx);
            int n = tw * th;
            int[] t = tile;
            int i = 0;
            while (i < n) {
                int b = z.u8();
                int idx = b & 127;
                if (idx >= size) {
                    throw new RfbProtocolException("ZRLE: palette index " + idx + " beyond the " + size + "-colour palette");
                }
                int run = (b & 128) == 0 ? 1 : runLength(z, 1, n - i);
                int c = palette[idx];
                for (int end = i + run; i < end; i++) {
                    t[i] = c;
                }
            }
            copyTile(tx, ty, tw, th, dst, stride);
        } else {
            throw new RfbProtocolException("ZRLE: unknown tile subencoding " + sub);
        }
    }

    private void readPalette(RfbInput z, int size, PixelFormat pf, int cpx) throws IOException {
        z.require(size * cpx);
        pf.cpixelsToArgb(z.buffer(), z.position(), palette, 0, size);
        z.skip(size * cpx);
    }

    /**
     * A run length: bytes of 255 then one below 255, added to {@code len} (1, or 256 when a first 255
     * was read already); never more than {@code max}.
     */
    private static int runLength(RfbInput z, int len, int max) throws IOException {
        int b;
        do {
            if (len > max) {
                throw new RfbProtocolException("ZRLE: a run of " + len + "+ pixels in a tile with " + max + " pixels left");
            }
            b = z.u8();
            len += b;
        } while (b == 255);
        if (len > max) {
            throw new RfbProtocolException("ZRLE: a run of " + len + "+ pixels in a tile with " + max + " pixels left");
        }
        return len;
    }

    private void copyTile(int tx, int ty, int tw, int th, int[] dst, int stride) {
        for (int r = 0; r < th; r++) {
            System.arraycopy(tile, r * tw, dst, (ty + r) * stride + tx, tw);
        }
    }

    @Override
    public void close() {
        zlib.close();
    }
}
