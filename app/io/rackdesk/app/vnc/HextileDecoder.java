package io.rackdesk.app.vnc;

import java.io.IOException;

/**
 * Hextile (encoding 5): 16x16 tiles, each raw or a background plus subrectangles. The background
 * and foreground carry over from tile to tile within one rectangle.
 */
public final class HextileDecoder implements RectDecoder {
    private static final int RAW = 1;
    private static final int BACKGROUND = 2;
    private static final int FOREGROUND = 4;
    private static final int ANY_SUBRECTS = 8;
    private static final int SUBRECTS_COLOURED = 16;

    @Override
    public void decode(RfbInput in, int x, int y, int w, int h, Framebuffer fb, PixelFormat pf) throws IOException {
        fb.checkRect(x, y, w, h, "Hextile");
        int bpp = pf.bytesPerPixel();
        int bg = 0xFF000000;
        int fg = 0xFF000000;
        for (int ty = y, yEnd = y + h; ty < yEnd; ty += 16) {
            int th = Math.min(16, yEnd - ty);
            for (int tx = x, xEnd = x + w; tx < xEnd; tx += 16) {
                int tw = Math.min(16, xEnd - tx);
                int sub = in.u8();
                if ((sub & RAW) != 0) {
                    RectDecoder.readPixels(in, tx, ty, tw, th, fb, pf);
                    continue;
                }
                if ((sub & BACKGROUND) != 0) {
                    in.require(bpp);
                    bg = pf.pixel(in.buffer(), in.position());
                    in.skip(bpp);
                }
                fb.fill(tx, ty, tw, th, bg);
                if ((sub & FOREGROUND) != 0) {
                    in.require(bpp);
                    fg = pf.pixel(in.buffer(), in.position());
                    in.skip(bpp);
                }
                if ((sub & ANY_SUBRECTS) == 0) {
                    continue;
                }
                int n = in.u8();
                boolean coloured = (sub & SUBRECTS_COLOURED) != 0;
                int each = coloured ? bpp + 2 : 2;
                in.require(n * each); // at most 255 * 6 bytes
                byte[] b = in.buffer();
                int p = in.position();
                for (int i = 0; i < n; i++) {
                    int colour = fg;
                    if (coloured) {
                        colour = pf.pixel(b, p);
                        p += bpp;
                    }
                    int xy = b[p] & 0xFF;
                    int wh = b[p + 1] & 0xFF;
                    p += 2;
                    int sx = xy >>> 4;
                    int sy = xy & 15;
                    int sw = (wh >>> 4) + 1;
                    int sh = (wh & 15) + 1;
                    if (sx + sw > tw || sy + sh > th) {
                        throw new RfbProtocolException("Hextile subrectangle " + sw + "x" + sh + " at " + sx + "," + sy
                                + " lies outside its " + tw + "x" + th + " tile");
                    }
                    fb.fill(tx + sx, ty + sy, sw, sh, colour);
                }
                in.skip(n * each);
            }
        }
    }
}
