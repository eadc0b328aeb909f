package io.rackdesk.app.vnc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Large reads go past the input's buffer straight into the caller's array (Raw and Zlib pixels); a
 * socket hands data over in pieces of any size, so every piece boundary must come out right.
 */
class RfbInputTest {
    /** A socket's worth of bytes, handed out at most {@code piece} (random up to it) per read. */
    private static final class Trickle extends InputStream {
        private final byte[] data;
        private final Random rnd;
        private final int piece;
        private int pos;

        Trickle(byte[] data, int piece, long seed) {
            this.data = data;
            this.piece = piece;
            this.rnd = new Random(seed);
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + rnd.nextInt(piece)), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void readFullyGivesTheBytesInOrderWhateverThePieces() throws IOException {
        byte[] data = bytes(300_000, 1);
        for (int piece : new int[] {1, 7, 1000, 5000, 70_000}) {
            StreamInput in = new StreamInput(new Trickle(data, piece, piece));
            assertEquals(data[0] & 0xFF, in.u8());
            in.require(3); // some bytes buffered before the large read
            byte[] got = new byte[RfbInput.DIRECT_READ * 10 + 5];
            in.readFully(got, 2, got.length - 4);
            assertArrayEquals(Arrays.copyOfRange(data, 1, got.length - 3), Arrays.copyOfRange(got, 2, got.length - 2), "pieces of " + piece);
            int at = got.length - 3;
            assertEquals(data[at] & 0xFF, in.u8(), "the byte after the large read, pieces of " + piece);
            byte[] small = new byte[10];
            in.readFully(small, 0, 10);
            assertArrayEquals(Arrays.copyOfRange(data, at + 1, at + 11), small);
        }
    }

    @Test
    void readFullyPastTheEndSaysTheServerClosed() {
        StreamInput in = new StreamInput(new Trickle(bytes(10_000, 2), 3000, 3));
        RfbProtocolException e = assertThrows(RfbProtocolException.class, () -> in.readFully(new byte[20_000], 0, 20_000));
        assertEquals("the server closed the connection", e.getMessage());
    }

    /** Raw rectangles, whole-width and not, wider and narrower than the scratch array, from a trickling socket. */
    @Test
    void rawRectanglesFromATrickle() throws IOException {
        int w = 5000;
        int h = 12;
        Framebuffer fb = new Framebuffer(w, h, 1L << 26);
        int[][] rects = {{0, 0, w, 3}, {17, 3, 4100, 5}, {3, 8, 60, 4}, {4990, 9, 10, 3}};
        Random rnd = new Random(4);
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        int[] want = new int[w * h];
        Arrays.fill(want, 0xFF000000);
        for (int[] r : rects) {
            for (int y = r[1]; y < r[1] + r[3]; y++) {
                for (int x = r[0]; x < r[0] + r[2]; x++) {
                    int rgb = rnd.nextInt(1 << 24);
                    want[y * w + x] = 0xFF000000 | rgb;
                    stream.write(rgb);
                    stream.write(rgb >>> 8);
                    stream.write(rgb >>> 16);
                    stream.write(rnd.nextInt(256)); // the padding byte: any value
                }
            }
        }
        StreamInput in = new StreamInput(new Trickle(stream.toByteArray(), 9000, 5));
        RawDecoder raw = new RawDecoder();
        for (int[] r : rects) {
            raw.decode(in, r[0], r[1], r[2], r[3], fb, PixelFormat.ARGB32);
        }
        assertArrayEquals(want, fb.argb());
        assertEquals(0, in.buffered());
    }
}
