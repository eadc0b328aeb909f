package io.rackdesk.app.vnc;

import java.io.IOException;

/** Raw (encoding 0): width x height pixels, row by row. */
public final class RawDecoder implements RectDecoder {
    private final byte[] scratch = new byte[SCRATCH];

    @Override
    public void decode(RfbInput in, int x, int y, int w, int h, Framebuffer fb, PixelFormat pf) throws IOException {
        fb.checkRect(x, y, w, h, "Raw");
        RectDecoder.readPixels(in, x, y, w, h, fb, pf, scratch);
    }
}
