package io.rackdesk.app.vnc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * Builds what a VNC server sends, byte by byte, for tests and the fuzzer: the handshake, and
 * updates in every encoding (encoded here, independently of the decoders). Pixels are written in
 * the format the client asks for by default ({@link PixelFormat#ARGB32}, little-endian).
 */
final class ServerStream {
    private final ByteArrayOutputStream b = new ByteArrayOutputStream();
    private final Deflater zlib = new Deflater();
    private final Deflater zrle = new Deflater();
    private final Deflater[] tight = {new Deflater(), new Deflater(), new Deflater(), new Deflater()};

    /** RFB 3.8, security None, SecurityResult OK, ServerInit w x h. */
    static ServerStream handshake(int w, int h) {
        ServerStream s = new ServerStream();
        s.ascii("RFB 003.008\n").u8(1).u8(1).u32(0);
        s.serverInit(w, h, "test");
        return s;
    }

    ServerStream serverInit(int w, int h, String name) {
        u16(w).u16(h);
        bytes(PixelFormat.ARGB32.encode());
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        return u32(n.length).bytes(n);
    }

    ServerStream ascii(String s) {
        return bytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    ServerStream u8(int v) {
        b.write(v);
        return this;
    }

    ServerStream u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    ServerStream u32(long v) {
        return u16((int) (v >>> 16) & 0xFFFF).u16((int) v & 0xFFFF);
    }

    ServerStream bytes(byte[] a) {
        b.writeBytes(a);
        return this;
    }

    ServerStream update(int rects) {
        return u8(0).u8(0).u16(rects);
    }

    ServerStream rect(int x, int y, int w, int h, int enc) {
        return u16(x).u16(y).u16(w).u16(h).u32(enc & 0xFFFFFFFFL);
    }

    ServerStream pixel(int argb) {
        return u8(argb).u8(argb >>> 8).u8(argb >>> 16).u8(0);
    }

    /** Raw rectangle of img (w x h, row-major) at (x, y). */
    ServerStream raw(int x, int y, int w, int h, int[] img) {
        rect(x, y, w, h, Encodings.RAW);
        for (int i = 0; i < w * h; i++) {
            pixel(img[i]);
        }
        return this;
    }

    static byte[] rawBytes(int[] img, int n) {
        byte[] out = new byte[n * 4];
        for (int i = 0; i < n; i++) {
            out[4 * i] = (byte) img[i];
            out[4 * i + 1] = (byte) (img[i] >>> 8);
            out[4 * i + 2] = (byte) (img[i] >>> 16);
        }
        return out;
    }

    static byte[] deflate(Deflater d, byte[] data) {
        d.setInput(data);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        do {
            n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
            o.write(buf, 0, n);
        } while (n == buf.length);
        return o.toByteArray();
    }

    ServerStream zlib(int x, int y, int w, int h, int[] img) {
        byte[] z = deflate(zlib, rawBytes(img, w * h));
        return rect(x, y, w, h, Encodings.ZLIB).u32(z.length).bytes(z);
    }

    /**
     * Hextile: each tile raw, solid, or background plus single-colour / coloured subrectangles per
     * pixel row runs (a simple but legal encoder that uses every subencoding bit).
     */
    ServerStream hextile(int x, int y, int w, int h, int[] img) {
        rect(x, y, w, h, Encodings.HEXTILE);
        int t = 0;
        for (int ty = 0; ty < h; ty += 16) {
            for (int tx = 0; tx < w; tx += 16, t++) {
                int tw = Math.min(16, w - tx);
                int th = Math.min(16, h - ty);
                int bg = img[ty * w + tx];
                int mode = t % 3;
                if (mode == 0) { // raw
                    u8(1);
                    for (int r = 0; r < th; r++) {
                        for (int c = 0; c < tw; c++) {
                            pixel(img[(ty + r) * w + tx + c]);
                        }
                    }
                    continue;
                }
                // background + one subrect per pixel that differs (coloured), or all-same (fg) runs
                ByteArrayOutputStream sub = new ByteArrayOutputStream();
                int n = 0;
                for (int r = 0; r < th; r++) {
                    for (int c = 0; c < tw; c++) {
                        int p = img[(ty + r) * w + tx + c];
                        if (p != bg) {
                            int run = 1;
                            while (c + run < tw && img[(ty + r) * w + tx + c + run] == p) {
                                run++;
                            }
                            sub.write(p);
                            sub.write(p >>> 8);
                            sub.write(p >>> 16);
                            sub.write(0);
                            sub.write(c << 4 | r);
                            sub.write((run - 1) << 4);
                            n++;
                            c += run - 1;
                        }
                    }
                }
                if (n == 0) {
                    u8(2);
                    pixel(bg);
                } else if (n <= 255) {
                    u8(2 | 8 | 16);
                    pixel(bg);
                    u8(n);
                    bytes(sub.toByteArray());
                } else {
                    u8(1);
                    for (int r = 0; r < th; r++) {
                        for (int c = 0; c < tw; c++) {
                            pixel(img[(ty + r) * w + tx + c]);
                        }
                    }
                }
            }
        }
        return this;
    }

    /** ZRLE with tiles alternating raw, solid (when possible), packed palette, plain RLE and palette RLE. */
    ServerStream zrle(int x, int y, int w, int h, int[] img) {
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        int t = 0;
        for (int ty = 0; ty < h; ty += 64) {
            for (int tx = 0; tx < w; tx += 64, t++) {
                int tw = Math.min(64, w - tx);
                int th = Math.min(64, h - ty);
                int[] tile = new int[tw * th];
                for (int r = 0; r < th; r++) {
                    System.arraycopy(img, (ty + r) * w + tx, tile, r * tw, tw);
                }
                java.util.List<Integer> pal = new java.util.ArrayList<>();
                for (int p : tile) {
                    if (!pal.contains(p) && pal.size() <= 127) {
                        pal.add(p);
                    }
                }
                boolean fits = pal.size() <= 127 && java.util.Arrays.stream(tile).allMatch(pal::contains);
                int mode = t % 4;
                if (fits && pal.size() == 1) {
                    d.write(1);
                    cpixel(d, pal.get(0));
                } else if (mode == 0 || !fits) {
                    d.write(0);
                    for (int p : tile) {
                        cpixel(d, p);
                    }
                } else if (mode == 1 && pal.size() <= 16) {
                    int size = pal.size();
                    d.write(size);
                    for (int p : pal) {
                        cpixel(d, p);
                    }
                    int bits = size <= 2 ? 1 : size <= 4 ? 2 : 4;
                    for (int r = 0; r < th; r++) {
                        int cur = 0;
                        int used = 0;
                        for (int c = 0; c < tw; c++) {
                            cur = cur << bits | pal.indexOf(tile[r * tw + c]);
                            used += bits;
                            if (used == 8) {
                                d.write(cur);
                                cur = 0;
                                used = 0;
                            }
                        }
                        if (used > 0) {
                            d.write(cur << (8 - used));
                        }
                    }
                } else if (mode == 2) {
                    d.write(128);
                    for (int i = 0; i < tile.length; ) {
                        int run = 1;
                        while (i + run < tile.length && tile[i + run] == tile[i]) {
                            run++;
                        }
                        cpixel(d, tile[i]);
                        runLength(d, run);
                        i += run;
                    }
                } else {
                    d.write(128 + Math.max(2, pal.size()));
                    for (int p : pal) {
                        cpixel(d, p);
                    }
                    if (pal.size() == 1) {
                        cpixel(d, pal.get(0));
                    }
                    for (int i = 0; i < tile.length; ) {
                        int run = 1;
                        while (i + run < tile.length && tile[i + run] == tile[i]) {
                            run++;
                        }
                        int idx = pal.indexOf(tile[i]);
                        if (run == 1) {
                            d.write(idx);
                        } else {
                            d.write(idx | 128);
                            runLength(d, run);
                        }
                        i += run;
                    }
                }
            }
        }
        byte[] z = deflate(zrle, d.toByteArray());
        return rect(x, y, w, h, Encodings.ZRLE).u32(z.length).bytes(z);
    }

    private static void cpixel(ByteArrayOutputStream d, int p) {
        d.write(p);
        d.write(p >>> 8);
        d.write(p >>> 16);
    }

    private static void runLength(ByteArrayOutputStream d, int run) {
        int n = run - 1;
        while (n >= 255) {
            d.write(255);
            n -= 255;
        }
        d.write(n);
    }

    ServerStream tightFill(int x, int y, int w, int h, int argb) {
        return rect(x, y, w, h, Encodings.TIGHT).u8(0x80).u8(argb >>> 16).u8(argb >>> 8).u8(argb);
    }

    /** Tight basic compression with the given filter (0 copy, 1 palette, 2 gradient) on stream {@code s}. */
    ServerStream tightBasic(int x, int y, int w, int h, int[] img, int filter, int s) {
        rect(x, y, w, h, Encodings.TIGHT);
        u8((s << 4) | (filter != 0 ? 0x40 : 0));
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        if (filter != 0) {
            u8(filter);
        }
        if (filter == 0) {
            for (int i = 0; i < w * h; i++) {
                d.write(img[i] >>> 16);
                d.write(img[i] >>> 8);
                d.write(img[i]);
            }
        } else if (filter == 1) {
            java.util.List<Integer> pal = new java.util.ArrayList<>();
            for (int i = 0; i < w * h; i++) {
                if (!pal.contains(img[i])) {
                    pal.add(img[i]);
                }
            }
            if (pal.size() > 256) {
                throw new IllegalArgumentException("too many colours for a palette");
            }
            if (pal.size() == 1) {
                pal.add(0xFF000000);
            }
            u8(pal.size() - 1);
            for (int p : pal) {
                u8(p >>> 16).u8(p >>> 8).u8(p);
            }
            if (pal.size() == 2) {
                for (int r = 0; r < h; r++) {
                    int cur = 0;
                    int used = 0;
                    for (int c = 0; c < w; c++) {
                        cur = cur << 1 | pal.indexOf(img[r * w + c]);
                        if (++used == 8) {
                            d.write(cur);
                            cur = 0;
                            used = 0;
                        }
                    }
                    if (used > 0) {
                        d.write(cur << (8 - used));
                    }
                }
            } else {
                for (int i = 0; i < w * h; i++) {
                    d.write(pal.indexOf(img[i]));
                }
            }
        } else {
            int[] prev = new int[w * 3];
            int[] cur = new int[w * 3];
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    int p = img[r * w + c];
                    int[] comp = {(p >>> 16) & 255, (p >>> 8) & 255, p & 255};
                    for (int k = 0; k < 3; k++) {
                        int left = c > 0 ? cur[(c - 1) * 3 + k] : 0;
                        int upLeft = c > 0 ? prev[(c - 1) * 3 + k] : 0;
                        int est = Math.max(0, Math.min(255, prev[c * 3 + k] + left - upLeft));
                        d.write((comp[k] - est) & 255);
                        cur[c * 3 + k] = comp[k];
                    }
                }
                int[] tmp = prev;
                prev = cur;
                cur = tmp;
            }
        }
        byte[] data = d.toByteArray();
        if (data.length < 12) {
            return bytes(data);
        }
        byte[] z = deflate(tight[s], data);
        compactLength(z.length);
        return bytes(z);
    }

    ServerStream compactLength(int len) {
        if (len < 128) {
            return u8(len);
        }
        if (len < 16384) {
            return u8(len & 127 | 128).u8(len >>> 7);
        }
        return u8(len & 127 | 128).u8((len >>> 7) & 127 | 128).u8(len >>> 14);
    }

    byte[] toByteArray() {
        return b.toByteArray();
    }

    int size() {
        return b.size();
    }
}
