package io.rackdesk.app.vnc;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;

/**
 * The remote screen as xRGB ints, row after row ({@code pixels[y * width + x]}): red, green and blue
 * in the low 24 bits; the top byte is undefined (Raw pixels keep the server's padding byte there, so
 * decoding them is one bulk copy). Whoever needs opaque ARGB sets it while copying out
 * ({@link #copyOpaque}, {@link #argb()}). Decoders write straight into {@link #pixels()} after
 * {@link #checkRect} has proved the rectangle is inside. Not thread-safe: one decoding thread owns
 * it; a view copies damaged regions out.
 */
public final class Framebuffer {
    /** 16384 x 16384 is far beyond any monitor; the pixel limit below binds first. */
    public static final int MAX_SIDE = 16384;

    private final long maxPixels;
    private int width;
    private int height;
    private int[] pixels;

    /** @param maxPixels the largest width x height a server may ask for (memory is 4 bytes per pixel) */
    public Framebuffer(int width, int height, long maxPixels) throws RfbProtocolException {
        this.maxPixels = maxPixels;
        resize(width, height);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int[] pixels() {
        return pixels;
    }

    /** A copy of the whole screen as opaque ARGB. */
    public int[] argb() {
        int[] out = new int[width * height];
        copyOpaque(pixels, 0, out, 0, out.length);
        return out;
    }

    /** Copies {@code n} xRGB pixels as opaque ARGB (a loop the JIT vectorizes: as fast as a copy). */
    public static void copyOpaque(int[] src, int srcOff, int[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = src[srcOff + i] | 0xFF000000;
        }
    }

    /** A new size (DesktopSize, ExtendedDesktopSize), checked against the limits; the content is cleared. */
    public void resize(int w, int h) throws RfbProtocolException {
        if (w < 0 || h < 0 || w > MAX_SIDE || h > MAX_SIDE || (long) w * h > maxPixels) {
            throw new RfbProtocolException("the server asked for a " + w + "x" + h + " screen, larger than the "
                    + maxPixels + " pixels this client allows");
        }
        if (pixels == null || pixels.length != w * h) {
            pixels = new int[w * h];
        }
        Arrays.fill(pixels, 0xFF000000);
        width = w;
        height = h;
    }

    /** Throws unless the rectangle lies inside the framebuffer (what every decoder checks first). */
    public void checkRect(int x, int y, int w, int h, String what) throws RfbProtocolException {
        if (x < 0 || y < 0 || w < 0 || h < 0 || (long) x + w > width || (long) y + h > height) {
            throw new RfbProtocolException(what + " rectangle " + w + "x" + h + " at " + x + "," + y
                    + " lies outside the " + width + "x" + height + " screen");
        }
    }

    public void fill(int x, int y, int w, int h, int argb) {
        int[] p = pixels;
        for (int row = y, end = y + h; row < end; row++) {
            int o = row * width + x;
            Arrays.fill(p, o, o + w, argb);
        }
    }

    /** Copies a w x h block from (sx, sy) to (x, y); the areas may overlap. Both must be inside. */
    public void copy(int sx, int sy, int x, int y, int w, int h) {
        int[] p = pixels;
        if (sy >= y) {
            for (int r = 0; r < h; r++) {
                System.arraycopy(p, (sy + r) * width + sx, p, (y + r) * width + x, w);
            }
        } else {
            for (int r = h - 1; r >= 0; r--) {
                System.arraycopy(p, (sy + r) * width + sx, p, (y + r) * width + x, w);
            }
        }
    }

    /** A copy as an RGB image (for PNG screenshots). */
    public BufferedImage toImage() {
        BufferedImage img = new BufferedImage(Math.max(width, 1), Math.max(height, 1), BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(pixels, 0, dst, 0, Math.min(pixels.length, dst.length));
        return img;
    }
}
