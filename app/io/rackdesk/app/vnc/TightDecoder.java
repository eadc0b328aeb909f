package io.rackdesk.app.vnc;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
    private byte[] image = new byte[4096];
    private int[] rowA = new int[0];
    private int[] rowB = new int[0];

    /** @param png true for TightPNG, which sends PNG where Tight uses basic compression */
    public TightDecoder(boolean png) {
        this.png = png;
        this.name = png ? "TightPNG" : "Tight";
        for (int i = 0; i < 4; i++) {
            streams[i] = new InflaterInput(name + " zlib stream " + i);
        }
    }

    @Override
    public void decode(RfbInput in, int x, int y, int w, int h, Framebuffer fb, PixelFormat pf) throws IOException {
        fb.checkRect(x, y, w, h, name);
        int ctl = in.u8();
        for (int i = 0; i < 4; i++) {
            if ((ctl & (1 << i)) != 0) {
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
        InflaterInput stream = streams[type & 3];
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
        java.util.Arrays.fill(prev, 0, w * 3, 0);
        int tpx = pf.tpixelBytes();
        boolean rgb = pf.isTightRgb();
        int[] max = {rgb ? 255 : pf.redMax, rgb ? 255 : pf.greenMax, rgb ? 255 : pf.blueMax};
        int[] shift = {pf.redShift, pf.greenShift, pf.blueShift};
        int[] dst = fb.pixels();
        int stride = fb.width();
        for (int r = 0; r < h; r++) {
            src.require(w * tpx);
            byte[] b = src.buffer();
            int p = src.position();
            int o = (y + r) * stride + x;
            if (rgb) { // 8-bit channels: the row above is the framebuffer's (zeros for the first row)
                gradientRgbRow(b, p, w, r == 0 ? prev : dst, r == 0 ? 0 : o - stride, dst, o);
                src.skip(w * tpx);
                continue;
            }
            for (int i = 0; i < w; i++, p += tpx) {
                int v = rgb ? 0 : pf.value(b, p);
                for (int c = 0; c < 3; c++) {
                    int left = i > 0 ? cur[(i - 1) * 3 + c] : 0;
                    int upLeft = i > 0 ? prev[(i - 1) * 3 + c] : 0;
                    int est = prev[i * 3 + c] + left - upLeft;
                    est = est < 0 ? 0 : Math.min(est, max[c]);
                    int d = rgb ? b[p + c] & 0xFF : (v >>> shift[c]) & max[c];
                    cur[i * 3 + c] = (est + d) & max[c];
                }
                dst[o + i] = rgb
                        ? 0xFF000000 | cur[i * 3] << 16 | cur[i * 3 + 1] << 8 | cur[i * 3 + 2]
                        : pf.argb(cur[i * 3] << shift[0] | cur[i * 3 + 1] << shift[1] | cur[i * 3 + 2] << shift[2]);
            }
            src.skip(w * tpx);
            int[] t = prev;
            prev = cur;
            cur = t;
        }
    }

    /**
     * One row of the gradient filter for 8-bit R, G, B TPIXELs into {@code dst[o..]}, predicted from
     * {@code up[u..]} (opaque RGB of the row above) and the pixel to the left, which stay packed in ints.
     */
    private static void gradientRgbRow(byte[] b, int p, int w, int[] up, int u, int[] dst, int o) {
        int left = 0;
        int upLeft = 0;
        for (int i = 0; i < w; i++, p += 3) {
            int above = up[u + i];
            int r = (clamp((above >>> 16 & 0xFF) + (left >>> 16 & 0xFF) - (upLeft >>> 16 & 0xFF)) + b[p]) & 0xFF;
            int g = (clamp((above >>> 8 & 0xFF) + (left >>> 8 & 0xFF) - (upLeft >>> 8 & 0xFF)) + b[p + 1]) & 0xFF;
            int bl = (clamp((above & 0xFF) + (left & 0xFF) - (upLeft & 0xFF)) + b[p + 2]) & 0xFF;
            left = 0xFF000000 | r << 16 | g << 8 | bl;
            dst[o + i] = left;
            upLeft = above;
        }
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
            s.close();
        }
    }
}
