package io.rackdesk.app.vnc;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Tight (encoding 7) and TightPNG (-260): fill, JPEG, PNG (TightPNG) and basic compression with the
 * copy, palette and gradient filters over four persistent zlib streams that the server resets with
 * the control byte's low bits.
 */
public final class TightDecoder implements RectDecoder {
    /** Basic data shorter than this is sent without zlib. */
    static final int MIN_TO_COMPRESS = 12;
    /** The compact length's largest value (22 bits). */
    static final int MAX_COMPACT_LENGTH = (1 << 22) - 1;

    /** Indexes of {@link #counts()}: which kinds of rectangle the server sent. */
    public static final int FILL = 0;
    public static final int JPEG = 1;
    public static final int PNG = 2;
    public static final int BASIC_COPY = 3;
    public static final int BASIC_PALETTE = 4;
    public static final int BASIC_GRADIENT = 5;

    private final long[] counts = new long[6];
    private final boolean png;
    private final String name;
    private final InflaterInput[] streams = new InflaterInput[4];
    private final int[] palette = new int[256];
    /** Gradient residuals read at once: QEMU's largest Tight rectangle (65,536 pixels of 3 bytes). */
    static final int GRADIENT_BATCH = 3 << 16;
    private byte[] image = new byte[4096];
    private byte[] residuals = new byte[0];
    private final int[] shiftScratch = new int[2 * SHIFT_CHUNK];
    private int[] rowA = new int[0];
    private int[] rowB = new int[0];

    /** @param png true for TightPNG, which sends PNG where Tight uses basic compression */
    public TightDecoder(boolean png) {
        this.png = png;
        this.name = png ? "TightPNG" : "Tight";
    }

    /** Stream {@code i}, made when first used (each holds zlib state and 128 KiB of buffers). */
    private InflaterInput stream(int i) {
        if (streams[i] == null) {
            streams[i] = new InflaterInput(name + " zlib stream " + i);
        }
        return streams[i];
    }

    @Override
    public void decode(RfbInput in, int x, int y, int w, int h, Framebuffer fb, PixelFormat pf) throws IOException {
        fb.checkRect(x, y, w, h, name);
        int ctl = in.u8();
        for (int i = 0; i < 4; i++) {
            if ((ctl & (1 << i)) != 0 && streams[i] != null) {
                streams[i].reset();
            }
        }
        int type = ctl >>> 4;
        if (type == 8) { // fill
            int tpx = pf.tpixelBytes();
            in.require(tpx);
            int c = pf.tpixel(in.buffer(), in.position());
            in.skip(tpx);
            fb.fill(x, y, w, h, c);
            counts[FILL]++;
        } else if (type == 9) {
            image(in, x, y, w, h, fb, "JPEG");
            counts[JPEG]++;
        } else if (type == 10 && png) {
            image(in, x, y, w, h, fb, "PNG");
            counts[PNG]++;
        } else if (type > 7) {
            throw new RfbProtocolException(name + ": unknown compression type " + type);
        } else {
            basic(in, type, x, y, w, h, fb, pf);
        }
    }

    static int compactLength(RfbInput in) throws IOException {
        int b = in.u8();
        int len = b & 0x7F;
        if ((b & 0x80) != 0) {
            b = in.u8();
            len |= (b & 0x7F) << 7;
            if ((b & 0x80) != 0) {
                len |= in.u8() << 14;
            }
        }
        return len;
    }

    private void basic(RfbInput in, int type, int x, int y, int w, int h, Framebuffer fb, PixelFormat pf) throws IOException {
        InflaterInput stream = stream(type & 3);
        int filter = (type & 4) != 0 ? in.u8() : 0;
        int tpx = pf.tpixelBytes();
        int colours = 0;
        long size;
        switch (filter) {
            case 0: // copy
            case 2: // gradient
                size = (long) w * h * tpx;
                break;
            case 1: // palette
                colours = in.u8() + 1;
                in.require(colours * tpx);
                pf.tpixelsToArgb(in.buffer(), in.position(), palette, 0, colours);
                in.skip(colours * tpx);
                size = colours == 2 ? (long) ((w + 7) / 8) * h : (long) w * h;
                break;
            default:
                throw new RfbProtocolException(name + ": unknown filter " + filter);
        }
        RfbInput src = in;
        if (size >= MIN_TO_COMPRESS) {
            int len = compactLength(in);
            stream.begin(in, len, Math.min(MAX_COMPACT_LENGTH, ZlibDecoder.maxCompressed(size)));
            src = stream;
        }
        if (filter == 1) {
            palette(src, colours, x, y, w, h, fb);
        } else if (filter == 2) {
            gradient(src, x, y, w, h, fb, pf);
        } else {
            int[] dst = fb.pixels();
            int stride = fb.width();
            for (int r = 0; r < h; r++) {
                int o = (y + r) * stride + x;
                int left = w;
                while (left > 0) { // rows wider than the input buffer come in pieces
                    int n = Math.min(left, RfbInput.CAPACITY / tpx);
                    src.require(n * tpx);
                    pf.tpixelsToArgb(src.buffer(), src.position(), dst, o, n);
                    src.skip(n * tpx);
                    o += n;
                    left -= n;
                }
            }
        }
        if (src == stream) {
            stream.end();
        }
        counts[BASIC_COPY + filter]++;
    }

    /** Rectangles decoded so far, by kind (FILL, JPEG, PNG, BASIC_COPY, BASIC_PALETTE, BASIC_GRADIENT). */
    public long[] counts() {
        return counts.clone();
    }

    private void palette(RfbInput src, int colours, int x, int y, int w, int h, Framebuffer fb) throws IOException {
        int[] dst = fb.pixels();
        int stride = fb.width();
        if (colours == 2) {
            int rowBytes = (w + 7) / 8; // at most 8192: fits the input buffer
            int c0 = palette[0];
            int c1 = palette[1];
            for (int r = 0; r < h; r++) {
                src.require(rowBytes);
                byte[] b = src.buffer();
                int p = src.position();
                int o = (y + r) * stride + x;
                for (int i = 0; i < w; i++) {
                    dst[o + i] = ((b[p + (i >>> 3)] >>> (7 - (i & 7))) & 1) == 0 ? c0 : c1;
                }
                src.skip(rowBytes);
            }
        } else {
            for (int r = 0; r < h; r++) {
                int o = (y + r) * stride + x;
                int left = w;
                while (left > 0) {
                    int n = src.requireSome(left);
                    byte[] b = src.buffer();
                    int p = src.position();
                    for (int i = 0; i < n; i++) {
                        int idx = b[p + i] & 0xFF;
                        if (idx >= colours) {
                            throw new RfbProtocolException(name + ": palette index " + idx + " beyond the " + colours + "-colour palette");
                        }
                        dst[o + i] = palette[idx];
                    }
                    src.skip(n);
                    o += n;
                    left -= n;
                }
            }
        }
    }

    /** The gradient filter: each component is predicted from left + above - above-left. */
    private void gradient(RfbInput src, int x, int y, int w, int h, Framebuffer fb, PixelFormat pf) throws IOException {
        if ((long) w * pf.tpixelBytes() > RfbInput.CAPACITY) {
            throw new RfbProtocolException(name + ": gradient-filtered rectangle " + w + " pixels wide, too wide to decode");
        }
        if (rowA.length < w * 3) {
            rowA = new int[w * 3];
            rowB = new int[w * 3];
        }
        int[] prev = rowA;
        int[] cur = rowB;
        Arrays.fill(prev, 0, w * 3, 0);
        int[] dst = fb.pixels();
        int stride = fb.width();
        if (pf.isTightRgb()) { // 8-bit channels: the row above is the framebuffer's (zeros for the first row)
            int rowBytes = w * 3;
            int rowsAtOnce = Math.max(1, Math.min(h, GRADIENT_BATCH / rowBytes));
            if (residuals.length < rowsAtOnce * rowBytes) {
                residuals = new byte[rowsAtOnce * rowBytes];
            }
            for (int r = 0; r < h; ) {
                // many rows in one read: zlib inflates straight into the array, in one call for QEMU's largest rectangle
                int k = Math.min(rowsAtOnce, h - r);
                src.readFully(residuals, 0, k * rowBytes);
                for (int j = 0; j < k; j++, r++) {
                    int o = (y + r) * stride + x;
                    gradientRgbRow(residuals, j * rowBytes, w, r == 0 ? prev : dst, r == 0 ? 0 : o - stride, dst, o, shiftScratch);
                }
            }
            return;
        }
        // other formats (16 and 8 bits): channels of any size, unpacked in two row arrays
        int tpx = pf.tpixelBytes();
        int[] max = {pf.redMax, pf.greenMax, pf.blueMax};
        int[] shift = {pf.redShift, pf.greenShift, pf.blueShift};
        for (int r = 0; r < h; r++) {
            src.require(w * tpx);
            byte[] b = src.buffer();
            int p = src.position();
            int o = (y + r) * stride + x;
            for (int i = 0; i < w; i++, p += tpx) {
                int v = pf.value(b, p);
                for (int c = 0; c < 3; c++) {
                    int left = i > 0 ? cur[(i - 1) * 3 + c] : 0;
                    int upLeft = i > 0 ? prev[(i - 1) * 3 + c] : 0;
                    int est = prev[i * 3 + c] + left - upLeft;
                    est = est < 0 ? 0 : Math.min(est, max[c]);
                    int d = (v >>> shift[c]) & max[c];
                    cur[i * 3 + c] = (est + d) & max[c];
                }
                dst[o + i] = pf.argb(cur[i * 3] << shift[0] | cur[i * 3 + 1] << shift[1] | cur[i * 3 + 2] << shift[2]);
            }
            src.skip(w * tpx);
            int[] t = prev;
            prev = cur;
            cur = t;
        }
    }

    /**
     * One row of the gradient filter for 8-bit R, G, B TPIXELs into {@code dst[o..]}, predicted from
     * {@code up[u..]} (xRGB of the row above) and the pixel to the left: each channel is
     * clamp(above + left - above-left) plus the residual, modulo 256. Runs of zero residuals (most of
     * a screen) take shortcuts that give the same pixels without the per-pixel dependency chain:
     * TightGradientTest checks them against the definition.
     */
    static void gradientRgbRow(byte[] b, int p, int w, int[] up, int u, int[] dst, int o, int[] scratch) {
        int left = 0;   // the pixel to the left, packed, and its channels
        int lr = 0;
        int lg = 0;
        int lb = 0;
        int upLeft = 0; // the pixel above-left
        int general = 0; // pixels before this one are known to need the prediction
        for (int i = 0; i < w; ) {
            // Runs of zero residuals (flat areas: most of a desktop) without the per-pixel prediction
            int run = i < general ? 0 : zeroPixels(b, p + i * 3, w - i);
            if (run > 0) {
                int n = 0;
                if (((left ^ upLeft) & 0xFFFFFF) == 0) {
                    // left == above-left: clamp(above + left - above-left) = above, and so on for the next
                    // pixel: the run copies the row above
                    System.arraycopy(up, u + i, dst, o + i, run);
                    n = run;
                    upLeft = up[u + i + n - 1];
                    left = upLeft;
                } else {
                    // the row above constant: clamp(above + left - above-left) = left: the run repeats the left pixel
                    while (n < run && ((up[u + i + n] ^ upLeft) & 0xFFFFFF) == 0) {
                        n++;
                    }
                    Arrays.fill(dst, o + i, o + i + n, left);
                }
                if (n > 0) {
                    i += n;
                    lr = left >>> 16 & 0xFF;
                    lg = left >>> 8 & 0xFF;
                    lb = left & 0xFF;
                    continue;
                }
                general = i + run;
            }
            if (i < general) {
                // zero residuals, neither shortcut: X = clamp(above + left - above-left), so X - above stays
                // what it was on the left until a channel would need clamping (smooth gradients)
                int dr = lr - (upLeft >>> 16 & 0xFF);
                int dg = lg - (upLeft >>> 8 & 0xFF);
                int db = lb - (upLeft & 0xFF);
                int from = i;
                int any = aboveShifted(up, u, dst, o, i, general, dr, dg, db, scratch);
                // a channel out of 0..255 needed clamping: pixel by pixel up to it (the rest is rewritten below)
                for (i = (any & ~0xFF) == 0 ? general : i; i < general; i++) {
                    int above = up[u + i];
                    int r = (above >>> 16 & 0xFF) + dr;
                    int g = (above >>> 8 & 0xFF) + dg;
                    int bl = (above & 0xFF) + db;
                    if (((r | g | bl) & ~0xFF) != 0) {
                        break;
                    }
                    dst[o + i] = 0xFF000000 | r << 16 | g << 8 | bl;
                }
                if (i > from) {
                    left = dst[o + i - 1];
                    upLeft = up[u + i - 1];
                    lr = left >>> 16 & 0xFF;
                    lg = left >>> 8 & 0xFF;
                    lb = left & 0xFF;
                    if (i == w) {
                        break;
                    }
                }
            }
            // the prediction itself, channel by channel, the left pixel kept unpacked (the dependency chain)
            int q = p + i * 3;
            int ur = upLeft >>> 16 & 0xFF;
            int ug = upLeft >>> 8 & 0xFF;
            int ub = upLeft & 0xFF;
            int end = Math.max(general, i + 1);
            for (; i < end; i++, q += 3) {
                int above = up[u + i];
                int ar = above >>> 16 & 0xFF;
                int ag = above >>> 8 & 0xFF;
                int ab = above & 0xFF;
                lr = (clamp(ar + lr - ur) + b[q]) & 0xFF;
                lg = (clamp(ag + lg - ug) + b[q + 1]) & 0xFF;
                lb = (clamp(ab + lb - ub) + b[q + 2]) & 0xFF;
                dst[o + i] = 0xFF000000 | lr << 16 | lg << 8 | lb;
                ur = ar;
                ug = ag;
                ub = ab;
            }
            left = dst[o + i - 1];
            upLeft = up[u + i - 1];
        }
    }

    /** Pixels {@link #aboveShifted} computes at once: its scratch array holds twice this many. */
    static final int SHIFT_CHUNK = 1024;

    /**
     * {@code dst[o + k] = up[u + k]} plus (dr, dg, db) per channel for k in [from, to), unclamped; returns
     * the OR of all channel sums (a bit above 0xFF: some channel left 0..255). The loop reads and writes
     * one scratch array SHIFT_CHUNK apart, which C2 (JDK 17) vectorizes (0.3 ns a pixel here); from the
     * row above straight into the row (offsets whose distance it cannot know) it did not (2 ns).
     */
    static int aboveShifted(int[] up, int u, int[] dst, int o, int from, int to, int dr, int dg, int db, int[] scratch) {
        int any = 0;
        for (int k = from; k < to; k += SHIFT_CHUNK) {
            int n = Math.min(SHIFT_CHUNK, to - k);
            System.arraycopy(up, u + k, scratch, 0, n);
            for (int j = 0; j < n; j++) {
                int above = scratch[j];
                int r = (above >>> 16 & 0xFF) + dr;
                int g = (above >>> 8 & 0xFF) + dg;
                int bl = (above & 0xFF) + db;
                any |= r | g | bl;
                scratch[SHIFT_CHUNK + j] = 0xFF000000 | r << 16 | g << 8 | bl;
            }
            System.arraycopy(scratch, SHIFT_CHUNK, dst, o + k, n);
        }
        return any;
    }

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** How many of the {@code max} 3-byte residuals from {@code b[off]} are all zero, 8 bytes at a time. */
    static int zeroPixels(byte[] b, int off, int max) {
        if (max == 0 || (b[off] | b[off + 1] | b[off + 2]) != 0) { // the first pixel: the common answer in busy rows
            return 0;
        }
        int end = off + max * 3;
        int q = off;
        for (; q + 8 <= end; q += 8) {
            long v = (long) LONG_LE.get(b, q);
            if (v != 0) {
                return (q + (Long.numberOfTrailingZeros(v) >>> 3) - off) / 3;
            }
        }
        while (q < end && b[q] == 0) {
            q++;
        }
        return (q - off) / 3;
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }

    private void image(RfbInput in, int x, int y, int w, int h, Framebuffer fb, String format) throws IOException {
        int len = compactLength(in);
        if (image.length < len) {
            image = new byte[Math.max(len, image.length * 2)];
        }
        in.readFully(image, 0, len);
        if (w == 0 || h == 0) {
            return;
        }
        BufferedImage img;
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new RfbProtocolException(name + ": this Java has no " + format + " decoder");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream iis = ImageIO.createImageInputStream(new ByteArrayInputStream(image, 0, len))) {
            reader.setInput(iis, true, true);
            // the header first: a hostile image must not make the decoder allocate its claimed size
            int iw = reader.getWidth(0);
            int ih = reader.getHeight(0);
            if (iw != w || ih != h) {
                throw new RfbProtocolException(name + ": a " + iw + "x" + ih + " " + format + " image in a " + w + "x" + h + " rectangle");
            }
            img = reader.read(0);
        } catch (RfbProtocolException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new RfbProtocolException(name + ": unreadable " + format + " image (" + e.getMessage() + ")", e);
        } finally {
            reader.dispose();
        }
        int[] dst = fb.pixels();
        int stride = fb.width();
        img.getRGB(0, 0, w, h, dst, y * stride + x, stride);
        for (int r = 0; r < h; r++) {
            for (int o = (y + r) * stride + x, end = o + w; o < end; o++) {
                dst[o] |= 0xFF000000;
            }
        }
    }

    @Override
    public void close() {
        for (InflaterInput s : streams) {
            if (s != null) {
                s.close();
            }
        }
    }
}
