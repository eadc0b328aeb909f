package io.rackdesk.app.vnc;

/** Server streams for tests outside this package. */
public final class TestStreams {
    private TestStreams() {
    }

    /** A handshake (RFB 3.8, None) and one Raw update filling the w x h screen with one colour. */
    public static byte[] screen(int w, int h, int argb) {
        int[] img = new int[w * h];
        java.util.Arrays.fill(img, argb);
        return ServerStream.handshake(w, h).update(1).raw(0, 0, w, h, img).toByteArray();
    }
}
