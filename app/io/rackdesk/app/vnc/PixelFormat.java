package io.rackdesk.app.vnc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Arrays;

/**
 * An RFB pixel format (the 16 bytes of ServerInit and SetPixelFormat) and the conversions of its
 * pixels to the framebuffer's ARGB ints. {@link #ARGB32} (little-endian 32-bit xRGB) converts with
 * a single load per pixel, and rows of it with a bulk copy that leaves the padding byte where alpha
 * goes (the {@link Framebuffer} is xRGB); every other format goes through per-channel lookup tables.
 */
public final class PixelFormat {
    /** 32 bpp, depth 24, little-endian, red at bit 16: the ARGB int's own layout. */
    public static final PixelFormat ARGB32 = new PixelFormat(32, 24, false, true, 255, 255, 255, 16, 8, 0);
    /** 16 bpp RGB565, little-endian: half the bandwidth. */
    public static final PixelFormat RGB565 = new PixelFormat(16, 16, false, true, 31, 63, 31, 11, 5, 0);
    /** 8 bpp BGR233 true colour: a quarter of the bandwidth. */
    public static final PixelFormat BGR233 = new PixelFormat(8, 8, false, true, 7, 7, 3, 0, 3, 6);

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    public final int bitsPerPixel;
    public final int depth;
    public final boolean bigEndian;
    public final boolean trueColour;
    public final int redMax;
    public final int greenMax;
    public final int blueMax;
    public final int redShift;
    public final int greenShift;
    public final int blueShift;

    private final int bytesPerPixel;
    private final boolean fast; // ARGB32 layout: one load and an OR per pixel
    private final int[] red;    // channel value -> 0x00RR0000 etc.
    private final int[] green;
    private final int[] blue;
    private final int[] colourMap; // colour-map formats: index -> ARGB (SetColourMapEntries)
    private final int cpixelBytes;
    private final int cpixelOffset; // which bytes of a full pixel a ZRLE cpixel keeps

    public PixelFormat(int bitsPerPixel, int depth, boolean bigEndian, boolean trueColour,
            int redMax, int greenMax, int blueMax, int redShift, int greenShift, int blueShift) {
        this.bitsPerPixel = bitsPerPixel;
        this.depth = depth;
        this.bigEndian = bigEndian;
        this.trueColour = trueColour;
        this.redMax = redMax;
        this.greenMax = greenMax;
        this.blueMax = blueMax;
        this.redShift = redShift;
        this.greenShift = greenShift;
        this.blueShift = blueShift;
        this.bytesPerPixel = bitsPerPixel / 8;
        this.fast = bitsPerPixel == 32 && !bigEndian && trueColour && redMax == 255 && greenMax == 255 && blueMax == 255
                && redShift == 16 && greenShift == 8 && blueShift == 0;
        if (trueColour) {
            red = table(redMax, 16);
            green = table(greenMax, 8);
            blue = table(blueMax, 0);
            colourMap = null;
        } else {
            red = green = blue = null;
            colourMap = new int[1 << Math.min(bitsPerPixel, 16)];
            Arrays.fill(colourMap, 0xFF000000);
        }
        // ZRLE's CPIXEL: 3 bytes when a 32-bit true-colour pixel's colour bits all fit in 3 of its bytes
        boolean fitsLow = fitsBelow(24);
        boolean fitsHigh = redShift >= 8 && greenShift >= 8 && blueShift >= 8;
        if (bitsPerPixel == 32 && trueColour && depth <= 24 && (fitsLow || fitsHigh)) {
            cpixelBytes = 3;
            // little-endian keeps the low bytes first; big-endian the low bytes last
            cpixelOffset = fitsLow ? (bigEndian ? 1 : 0) : (bigEndian ? 0 : 1);
        } else {
            cpixelBytes = bytesPerPixel;
            cpixelOffset = 0;
        }
    }

    private boolean fitsBelow(int bits) {
        return bitsOf(redMax) + redShift <= bits && bitsOf(greenMax) + greenShift <= bits && bitsOf(blueMax) + blueShift <= bits;
    }

    private static int bitsOf(int max) {
        return 32 - Integer.numberOfLeadingZeros(max);
    }

    private static int[] table(int max, int shift) {
        int[] t = new int[max + 1];
        for (int v = 0; v <= max; v++) {
            t[v] = (max == 0 ? 0 : (int) ((v * 255L + max / 2) / max)) << shift;
        }
        return t;
    }

    /** Parses the 16 bytes of a pixel format, rejecting what no client could display. */
    public static PixelFormat parse(byte[] b, int off) throws RfbProtocolException {
        int bpp = b[off] & 0xFF;
        int depth = b[off + 1] & 0xFF;
        boolean be = b[off + 2] != 0;
        boolean tc = b[off + 3] != 0;
        int rmax = (b[off + 4] & 0xFF) << 8 | b[off + 5] & 0xFF;
        int gmax = (b[off + 6] & 0xFF) << 8 | b[off + 7] & 0xFF;
        int bmax = (b[off + 8] & 0xFF) << 8 | b[off + 9] & 0xFF;
        int rs = b[off + 10] & 0xFF;
        int gs = b[off + 11] & 0xFF;
        int bs = b[off + 12] & 0xFF;
        if (bpp != 8 && bpp != 16 && bpp != 32) {
            throw new RfbProtocolException("unsupported pixel format: " + bpp + " bits per pixel (8, 16 or 32 expected)");
        }
        if (tc && (rs >= bpp || gs >= bpp || bs >= bpp)) {
            throw new RfbProtocolException("invalid pixel format: colour shift beyond " + bpp + " bits");
        }
        return new PixelFormat(bpp, depth, be, tc, rmax, gmax, bmax, rs, gs, bs);
    }

    /** The 16 bytes of SetPixelFormat. */
    public byte[] encode() {
        return new byte[] {(byte) bitsPerPixel, (byte) depth, (byte) (bigEndian ? 1 : 0), (byte) (trueColour ? 1 : 0),
            (byte) (redMax >> 8), (byte) redMax, (byte) (greenMax >> 8), (byte) greenMax, (byte) (blueMax >> 8), (byte) blueMax,
            (byte) redShift, (byte) greenShift, (byte) blueShift, 0, 0, 0};
    }

    public int bytesPerPixel() {
        return bytesPerPixel;
    }

    /** Bytes of one ZRLE CPIXEL. */
    public int cpixelBytes() {
        return cpixelBytes;
    }

    /** Bytes of one Tight TPIXEL: 3 (R, G, B) for 32-bit depth-24 true colour with 8-bit channels. */
    public int tpixelBytes() {
        return isTightRgb() ? 3 : bytesPerPixel;
    }

    boolean isTightRgb() {
        return bitsPerPixel == 32 && depth == 24 && trueColour && redMax == 255 && greenMax == 255 && blueMax == 255;
    }

    /** Sets colour-map entries (SetColourMapEntries); ignored for true-colour formats. */
    public void setColour(int index, int r16, int g16, int b16) {
        if (colourMap != null && index < colourMap.length) {
            colourMap[index] = 0xFF000000 | (r16 >>> 8) << 16 | (g16 >>> 8) << 8 | b16 >>> 8;
        }
    }

    /** The raw pixel value at {@code b[off]} (bytesPerPixel bytes, in this format's byte order). */
    public int value(byte[] b, int off) {
        switch (bytesPerPixel) {
            case 4:
                return bigEndian
                        ? (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | b[off + 3] & 0xFF
                        : (int) INT_LE.get(b, off);
            case 2:
                return bigEndian ? (b[off] & 0xFF) << 8 | b[off + 1] & 0xFF : (b[off + 1] & 0xFF) << 8 | b[off] & 0xFF;
            default:
                return b[off] & 0xFF;
        }
    }

    /** A raw pixel value as opaque ARGB. */
    public int argb(int v) {
        if (fast) {
            return v | 0xFF000000;
        }
        if (colourMap != null) {
            return colourMap[v & (colourMap.length - 1)];
        }
        return 0xFF000000 | red[(v >>> redShift) & redMax] | green[(v >>> greenShift) & greenMax] | blue[(v >>> blueShift) & blueMax];
    }

    /** Reads one full pixel at {@code b[off]} as ARGB. */
    public int pixel(byte[] b, int off) {
        return fast ? (int) INT_LE.get(b, off) | 0xFF000000 : argb(value(b, off));
    }

    /**
     * Converts {@code n} full pixels from {@code src[off]} into {@code dst[dstOff]} as xRGB (the top
     * byte is the server's padding for ARGB32, opaque alpha otherwise).
     */
    public void toArgb(byte[] src, int off, int[] dst, int dstOff, int n) {
        if (fast) { // a bulk little-endian copy: a memory copy on x86 and ARM
            ByteBuffer.wrap(src, off, n * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(dst, dstOff, n);
        } else {
            int bpp = bytesPerPixel;
            for (int i = 0; i < n; i++, off += bpp) {
                dst[dstOff + i] = argb(value(src, off));
            }
        }
    }

    /**
     * Converts {@code rows} rows of {@code w} full pixels, back to back in {@code src} from its start,
     * into {@code dst} from {@code dstOff}, rows {@code stride} ints apart (xRGB, as {@link #toArgb}).
     */
    public void rowsToArgb(byte[] src, int rows, int w, int[] dst, int dstOff, int stride) {
        if (fast) { // one view for all rows: making one per row costs more than a short row's copy
            IntBuffer view = ByteBuffer.wrap(src).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
            for (int r = 0; r < rows; r++) {
                view.get(r * w, dst, dstOff + r * stride, w);
            }
        } else {
            for (int r = 0, bpp = bytesPerPixel; r < rows; r++) {
                toArgb(src, r * w * bpp, dst, dstOff + r * stride, w);
            }
        }
    }

    /** Whether a ZRLE CPIXEL is 3 bytes B, G, R (little-endian ARGB32): decoders read those inline. */
    boolean isCpixelRgb24() {
        return fast && cpixelBytes == 3;
    }

    /** Reads one ZRLE CPIXEL at {@code b[off]} as ARGB. */
    public int cpixel(byte[] b, int off) {
        if (cpixelBytes != 3) {
            return pixel(b, off);
        }
        int v;
        if (bigEndian) { // the 3 kept bytes are in big-endian order
            v = (b[off] & 0xFF) << 16 | (b[off + 1] & 0xFF) << 8 | b[off + 2] & 0xFF;
            v = cpixelOffset == 1 ? v : v << 8;
        } else {
            v = (b[off + 2] & 0xFF) << 16 | (b[off + 1] & 0xFF) << 8 | b[off] & 0xFF;
            v = cpixelOffset == 0 ? v : v << 8;
        }
        return argb(v);
    }

    /** Converts {@code n} ZRLE CPIXELs. */
    public void cpixelsToArgb(byte[] src, int off, int[] dst, int dstOff, int n) {
        if (cpixelBytes != 3) {
            toArgb(src, off, dst, dstOff, n);
        } else if (fast) {
            for (int i = 0; i < n; i++, off += 3) {
                dst[dstOff + i] = 0xFF000000 | (src[off + 2] & 0xFF) << 16 | (src[off + 1] & 0xFF) << 8 | src[off] & 0xFF;
            }
        } else {
            for (int i = 0; i < n; i++, off += 3) {
                dst[dstOff + i] = cpixel(src, off);
            }
        }
    }

    /** Reads one Tight TPIXEL at {@code b[off]} as ARGB. */
    public int tpixel(byte[] b, int off) {
        if (isTightRgb()) {
            return 0xFF000000 | (b[off] & 0xFF) << 16 | (b[off + 1] & 0xFF) << 8 | b[off + 2] & 0xFF;
        }
        return pixel(b, off);
    }

    /** Converts {@code n} Tight TPIXELs. */
    public void tpixelsToArgb(byte[] src, int off, int[] dst, int dstOff, int n) {
        if (isTightRgb()) {
            for (int i = 0; i < n; i++, off += 3) {
                dst[dstOff + i] = 0xFF000000 | (src[off] & 0xFF) << 16 | (src[off + 1] & 0xFF) << 8 | src[off + 2] & 0xFF;
            }
        } else {
            toArgb(src, off, dst, dstOff, n);
        }
    }

    @Override
    public String toString() {
        return bitsPerPixel + "bpp depth " + depth + (bigEndian ? " BE" : " LE") + (trueColour
                ? " RGB max " + redMax + "/" + greenMax + "/" + blueMax + " shift " + redShift + "/" + greenShift + "/" + blueShift
                : " colour map");
    }
}
