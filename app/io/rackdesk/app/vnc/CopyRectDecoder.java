package io.rackdesk.app.vnc;

import java.io.IOException;

/** CopyRect (encoding 1): the rectangle is a copy of another part of the framebuffer. */
public final class CopyRectDecoder implements RectDecoder {
    @Override
    public void decode(RfbInput in, int x, int y, int w, int h, Framebuffer fb, PixelFormat pf) throws IOException {
        fb.checkRect(x, y, w, h, "CopyRect");
        int sx = in.u16();
        int sy = in.u16();
        fb.checkRect(sx, sy, w, h, "CopyRect source");
        fb.copy(sx, sy, x, y, w, h);
    }
}
