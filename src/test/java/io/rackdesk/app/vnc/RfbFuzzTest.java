package io.rackdesk.app.vnc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds the client random and mutated server streams: valid recordings of every encoding (made by
 * {@link ServerStream}) with flipped bytes, extreme lengths, cuts and splices, and plain noise. Pass:
 * every run ends with an {@link IOException} or the end of the stream; never another exception, an
 * error (out of memory) or a hang. {@code -Drackdesk.fuzz.iterations=N} runs longer,
 * {@code -Drackdesk.fuzz.seed=S} replays a run.
 */
class RfbFuzzTest {
    private static final int ITERATIONS = Integer.getInteger("rackdesk.fuzz.iterations", 3000);
    private static final long SEED = Long.getLong("rackdesk.fuzz.seed", 20261201L);

    /** Valid streams: each starts with a handshake, then updates. */
    static List<byte[]> recordings() {
        List<byte[]> out = new ArrayList<>();
        int w = 80;
        int h = 50;
        int[] img = RfbSessionTest.picture(11, w, h);
        int[] part = RfbSessionTest.sub(img, w, 5, 5, 30, 20);
        ServerStream all = ServerStream.handshake(w, h);
        all.update(1).raw(0, 0, w, h, img);
        all.update(2).hextile(0, 0, w, h, img).rect(1, 1, 20, 20, Encodings.COPY_RECT).u16(40).u16(20);
        all.update(1).zlib(0, 0, w, h, img);
        all.update(1).zrle(0, 0, w, h, img);
        all.update(4).tightBasic(0, 0, w, h, img, 0, 0).tightBasic(5, 5, 30, 20, part, 2, 1)
                .tightFill(0, 0, 8, 8, 0xFF445566).tightBasic(0, 40, 10, 10, new int[100], 1, 2);
        all.update(2).rect(2, 2, 4, 4, Encodings.CURSOR);
        for (int i = 0; i < 16; i++) {
            all.pixel(0xFFFF0000);
        }
        all.bytes(new byte[] {(byte) 0xF0, (byte) 0x90, 0x60, (byte) 0xF0});
        all.rect(0, 0, 90, 60, Encodings.DESKTOP_SIZE);
        all.u8(2).u8(3).u8(0).u16(0).u32(3).ascii("abc");
        all.update(3).zrle(0, 0, 90, 60, RfbSessionTest.picture(12, 90, 60)).rect(0, 0, 0, 0, Encodings.LAST_RECT);
        out.add(all.toByteArray());

        for (int enc = 0; enc < 5; enc++) { // one encoding per stream, several updates: streams continue across rects
            ServerStream s = ServerStream.handshake(w, h);
            for (int u = 0; u < 3; u++) {
                int[] pic = RfbSessionTest.picture(20 + u, w, h);
                s.update(enc == 3 ? 2 : 1);
                switch (enc) {
                    case 0 -> s.hextile(0, 0, w, h, pic);
                    case 1 -> s.zlib(0, 0, w, h, pic);
                    case 2 -> s.zrle(0, 0, w, h, pic);
                    case 3 -> s.tightBasic(0, 0, w, h / 2, pic, 1, u) // the upper half has few colours: palette
                            .tightBasic(0, h / 2, w, h - h / 2, RfbSessionTest.sub(pic, w, 0, h / 2, w, h - h / 2), u == 1 ? 2 : 0, 3 - u);
                    default -> s.raw(0, 0, w, h, pic);
                }
            }
            out.add(s.toByteArray());
        }
        return out;
    }

    private static final int HANDSHAKE = ServerStream.handshake(80, 50).size();

    static byte[] mutate(byte[] base, Random r) {
        byte[] b = base.clone();
        // mostly after the handshake; sometimes inside it
        int from = r.nextInt(10) == 0 ? 0 : HANDSHAKE;
        int span = b.length - from;
        switch (r.nextInt(7)) {
            case 0 -> { // flip a few bytes
                for (int i = 0, n = 1 + r.nextInt(8); i < n; i++) {
                    b[from + r.nextInt(span)] ^= (byte) (1 + r.nextInt(255));
                }
            }
            case 1 -> { // an extreme length or count
                int at = from + r.nextInt(Math.max(1, span - 4));
                byte v = r.nextBoolean() ? (byte) 0xFF : (byte) (r.nextBoolean() ? 0x7F : 0x00);
                Arrays.fill(b, at, Math.min(b.length, at + 1 + r.nextInt(4)), v);
            }
            case 2 -> b = Arrays.copyOf(b, from + r.nextInt(span)); // cut short
            case 3 -> { // random bytes spliced in
                int at = from + r.nextInt(span);
                byte[] noise = new byte[1 + r.nextInt(64)];
                r.nextBytes(noise);
                byte[] c = new byte[b.length + noise.length];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(noise, 0, c, at, noise.length);
                System.arraycopy(b, at, c, at + noise.length, b.length - at);
                b = c;
            }
            case 4 -> { // a chunk removed
                int at = from + r.nextInt(span);
                int len = Math.min(b.length - at, 1 + r.nextInt(200));
                byte[] c = new byte[b.length - len];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + len, c, at, b.length - at - len);
                b = c;
            }
            case 5 -> { // a chunk repeated elsewhere
                int src = from + r.nextInt(span);
                int len = Math.min(b.length - src, 1 + r.nextInt(300));
                int dst = from + r.nextInt(span);
                System.arraycopy(b, src, b, dst, Math.min(len, b.length - dst));
            }
            default -> { // noise after a valid handshake
                b = Arrays.copyOf(b, HANDSHAKE + r.nextInt(4096));
                byte[] noise = new byte[b.length - HANDSHAKE];
                r.nextBytes(noise);
                if (r.nextBoolean() && noise.length > 0) {
                    noise[0] = (byte) r.nextInt(4); // a plausible message type
                }
                System.arraycopy(noise, 0, b, HANDSHAKE, noise.length);
            }
        }
        return b;
    }

    /** Runs one stream to its end and returns the IOException that ended it (malformed data or the end of the stream). */
    static IOException feed(byte[] stream, VncOptions o) {
        try (RfbSession s = RfbSession.open(new ByteArrayInputStream(stream), OutputStream.nullOutputStream(), o, null)) {
            for (int i = 0; i < 100_000; i++) {
                s.processMessage();
            }
            throw new AssertionError("100000 messages from a stream of " + stream.length + " bytes");
        } catch (IOException expected) {
            return expected;
        }
    }

    @Test
    void mutatedAndRandomStreamsEndCleanly() {
        List<byte[]> recordings = recordings();
        for (byte[] r : recordings) { // the unmutated recordings decode to the end
            assertEquals("the server closed the connection", feed(r, new VncOptions()).getMessage());
        }
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            Random seeds = new Random(SEED);
            for (int i = 0; i < ITERATIONS; i++) {
                long seed = seeds.nextLong();
                Random r = new Random(seed);
                byte[] stream = mutate(recordings.get(r.nextInt(recordings.size())), r);
                if (r.nextInt(5) == 0) {
                    stream = mutate(stream, r);
                }
                VncOptions o = new VncOptions().maxFramebufferPixels(1 << 20).password("pw".getBytes());
                try {
                    feed(stream, o);
                } catch (RuntimeException | Error e) {
                    throw new AssertionError("iteration " + i + " (stream seed " + seed + ", " + stream.length + " bytes): " + e, e);
                }
            }
        });
    }
}
