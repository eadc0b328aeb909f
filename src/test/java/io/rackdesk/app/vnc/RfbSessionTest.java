package io.rackdesk.app.vnc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The protocol without a socket: handshakes, every decoder against an independent encoder, pseudo-encodings. */
class RfbSessionTest {
    static final int W = 100;
    static final int H = 70;

    /** A test picture: solid blocks, a two-colour checker, a few colours, and noise. */
    static int[] picture(long seed, int w, int h) {
        Random r = new Random(seed);
        int[] img = new int[w * h];
        int[] few = {0xFF102030, 0xFFFFFFFF, 0xFF00FF00, 0xFFAA0000, 0xFF0000AA};
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p;
                if (y < h / 4) {
                    p = x < w / 2 ? 0xFF336699 : 0xFF996633;
                } else if (y < h / 2) {
                    p = ((x ^ y) & 4) == 0 ? 0xFF000000 : 0xFFFFFF00;
                } else if (y < 3 * h / 4) {
                    p = few[(x / 3 + y / 5) % few.length];
                } else {
                    p = 0xFF000000 | r.nextInt(1 << 24);
                }
                img[y * w + x] = p;
            }
        }
        return img;
    }

    static final class Recorder implements RfbSession.Listener {
        final List<String> events = new ArrayList<>();
        int[] cursor;

        @Override
        public void resized(int width, int height) {
            events.add("resized " + width + "x" + height);
        }

        @Override
        public void cursor(int[] argb, int width, int height, int hotX, int hotY) {
            cursor = argb;
            events.add("cursor " + width + "x" + height + " " + hotX + "," + hotY);
        }

        @Override
        public void bell() {
            events.add("bell");
        }

        @Override
        public void serverCutText(String text) {
            events.add("cut " + text);
        }

        @Override
        public void ledState(int state) {
            events.add("led " + state);
        }
    }

    /** Runs the handshake and {@code messages} server messages; returns the session (closed). */
    static RfbSession run(byte[] stream, int messages, VncOptions o, RfbSession.Listener l, ByteArrayOutputStream sent) throws IOException {
        RfbSession s = RfbSession.open(new ByteArrayInputStream(stream), sent, o, l);
        try {
            for (int i = 0; i < messages; i++) {
                s.processMessage();
            }
        } finally {
            s.close();
        }
        return s;
    }

    static RfbSession run(byte[] stream, int messages) throws IOException {
        return run(stream, messages, new VncOptions(), null, new ByteArrayOutputStream());
    }

    interface Encoder {
        void encode(ServerStream s, int x, int y, int w, int h, int[] img);
    }

    static int[] sub(int[] img, int iw, int x, int y, int w, int h) {
        int[] out = new int[w * h];
        for (int r = 0; r < h; r++) {
            System.arraycopy(img, (y + r) * iw + x, out, r * w, w);
        }
        return out;
    }

    private void roundTrip(Encoder e) throws IOException {
        int[] img = picture(1, W, H);
        int[] img2 = picture(2, W, H);
        ServerStream s = ServerStream.handshake(W, H);
        s.update(1);
        e.encode(s, 0, 0, W, H, img);
        // a second update into part of the screen: odd position and size, streams continue
        s.update(2);
        e.encode(s, 7, 9, 37, 41, sub(img2, W, 7, 9, 37, 41));
        e.encode(s, 50, 3, 17, 66, sub(img2, W, 50, 3, 17, 66));
        RfbSession session = run(s.toByteArray(), 2);
        int[] want = img.clone();
        for (int[] r : new int[][] {{7, 9, 37, 41}, {50, 3, 17, 66}}) {
            for (int y = r[1]; y < r[1] + r[3]; y++) {
                System.arraycopy(img2, y * W + r[0], want, y * W + r[0], r[2]);
            }
        }
        assertArrayEquals(want, session.framebuffer().argb());
    }

    @Test
    void raw() throws IOException {
        roundTrip(ServerStream::raw);
    }

    @Test
    void hextile() throws IOException {
        roundTrip(ServerStream::hextile);
    }

    @Test
    void zlib() throws IOException {
        roundTrip(ServerStream::zlib);
    }

    @Test
    void zrle() throws IOException {
        roundTrip(ServerStream::zrle);
    }

    @Test
    void zrlePlainRleRunsOfEveryLength() throws IOException {
        // one 64x64 tile in plain RLE: runs of 1, 2, 255, 256 (a first byte of 255 then 0), 257, 511,
        // 512, 1000 pixels, then a last run for the rest (several bytes of 255)
        int[] runs = {1, 2, 255, 256, 257, 511, 512, 1000};
        int[] want = new int[64 * 64];
        java.io.ByteArrayOutputStream t = new java.io.ByteArrayOutputStream();
        t.write(128);
        int at = 0;
        for (int k = 0; k <= runs.length; k++) {
            int run = k < runs.length ? runs[k] : want.length - at;
            int c = 0xFF000000 | (k * 0x1F3A57 & 0xFFFFFF);
            t.write(c);
            t.write(c >>> 8);
            t.write(c >>> 16);
            for (int n = run - 1; ; n -= 255) {
                t.write(Math.min(n, 255));
                if (n < 255) {
                    break;
                }
            }
            java.util.Arrays.fill(want, at, at + run, c);
            at += run;
        }
        byte[] z = ServerStream.deflate(new java.util.zip.Deflater(), t.toByteArray());
        ServerStream s = ServerStream.handshake(64, 64);
        s.update(1).rect(0, 0, 64, 64, Encodings.ZRLE).u32(z.length).bytes(z);
        assertArrayEquals(want, run(s.toByteArray(), 1).framebuffer().argb());
    }

    @Test
    void tightCopyFilter() throws IOException {
        roundTrip((s, x, y, w, h, img) -> s.tightBasic(x, y, w, h, img, 0, 1));
    }

    @Test
    void tightGradientFilter() throws IOException {
        roundTrip((s, x, y, w, h, img) -> s.tightBasic(x, y, w, h, img, 2, 2));
    }

    /** Gradient residuals come in batches of rows (TightDecoder.GRADIENT_BATCH bytes): a rectangle that needs two. */
    @Test
    void tightGradientLargerThanOneBatch() throws IOException {
        int w = 1000;
        int h = 80; // 240,000 bytes of residuals
        int[] img = picture(5, w, h);
        ServerStream s = ServerStream.handshake(w, h);
        s.update(1).tightBasic(0, 0, w, h, img, 2, 1);
        assertArrayEquals(img, run(s.toByteArray(), 1).framebuffer().argb());
    }

    @Test
    void tightPaletteFilter() throws IOException {
        int[] few = picture(3, W, H);
        for (int i = 0; i < few.length; i++) {
            few[i] = 0xFF000000 | (few[i] & 0x030303) * 40; // at most 64 colours
        }
        int[] two = new int[12 * 5];
        for (int i = 0; i < two.length; i++) {
            two[i] = i % 3 == 0 ? 0xFFFF0000 : 0xFF0000FF;
        }
        ServerStream s = ServerStream.handshake(W, H);
        s.update(3);
        s.tightBasic(0, 0, W, H, few, 1, 3);
        s.tightBasic(1, 1, 12, 5, two, 1, 0);     // 2 colours: 1 bit per pixel, 10 bytes: sent uncompressed
        s.tightFill(90, 60, 10, 10, 0xFF123456);
        RfbSession session = run(s.toByteArray(), 1);
        int[] want = few.clone();
        for (int y = 0; y < 5; y++) {
            System.arraycopy(two, y * 12, want, (1 + y) * W + 1, 12);
        }
        for (int y = 60; y < 70; y++) {
            java.util.Arrays.fill(want, y * W + 90, y * W + 100, 0xFF123456);
        }
        assertArrayEquals(want, session.framebuffer().argb());
        assertEquals(2, session.tightCounts()[TightDecoder.BASIC_PALETTE]);
        assertEquals(1, session.tightCounts()[TightDecoder.FILL]);
    }

    @Test
    void tightResetBitStartsAFreshStream() throws IOException {
        int[] img = picture(4, W, H);
        ServerStream s = ServerStream.handshake(W, H);
        s.update(1);
        s.tightBasic(0, 0, W, H, img, 0, 1);
        byte[] first = s.toByteArray();
        // a second server whose stream 1 starts anew: the client must reset its inflater
        ServerStream fresh = new ServerStream();
        fresh.update(1);
        fresh.tightBasic(0, 0, W, H, img, 0, 1);
        byte[] second = fresh.toByteArray();
        second[4 + 12] |= 0x02; // the control byte after the rectangle header: reset stream 1
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        assertArrayEquals(img, run(both, 2).framebuffer().argb());
    }

    @Test
    void tightJpeg() throws IOException {
        int[] img = picture(5, 32, 16);
        java.awt.image.BufferedImage bi = new java.awt.image.BufferedImage(32, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
        bi.setRGB(0, 0, 32, 16, img, 0, 32);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(bi, "jpeg", jpeg);
        ServerStream s = ServerStream.handshake(W, H);
        s.update(1).rect(10, 20, 32, 16, Encodings.TIGHT).u8(0x90).compactLength(jpeg.size()).bytes(jpeg.toByteArray());
        RfbSession session = run(s.toByteArray(), 1);
        assertEquals(1, session.tightCounts()[TightDecoder.JPEG]);
        int[] px = session.framebuffer().argb();
        long err = 0;
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) { // the smooth left half: solid blue-ish block
                int a = img[y * 32 + x];
                int b = px[(20 + y) * W + 10 + x];
                err += Math.abs(((a >>> 16) & 255) - ((b >>> 16) & 255));
            }
        }
        assertTrue(err / 256.0 < 40, "JPEG decoded far from the source: " + err / 256.0);
        assertEquals(0xFF000000, px[0], "outside the rectangle nothing changed");
    }

    @Test
    void tightGradientIn16Bits() throws IOException {
        int w = 23;
        int h = 9;
        int[][] comp = new int[w * h][]; // r5 g6 b5
        Random r = new Random(9);
        for (int i = 0; i < w * h; i++) {
            comp[i] = new int[] {(i % w) + r.nextInt(3), (i / w) * 5 + r.nextInt(4), 31 - (i % w)};
        }
        int[] max = {31, 63, 31};
        java.io.ByteArrayOutputStream d = new java.io.ByteArrayOutputStream();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = 0;
                int[] shift = {11, 5, 0};
                for (int k = 0; k < 3; k++) {
                    int up = y > 0 ? comp[(y - 1) * w + x][k] : 0;
                    int left = x > 0 ? comp[y * w + x - 1][k] : 0;
                    int upLeft = x > 0 && y > 0 ? comp[(y - 1) * w + x - 1][k] : 0;
                    int est = Math.max(0, Math.min(max[k], up + left - upLeft));
                    v |= ((comp[y * w + x][k] - est) & max[k]) << shift[k];
                }
                d.write(v);
                d.write(v >>> 8);
            }
        }
        java.util.zip.Deflater z = new java.util.zip.Deflater();
        byte[] zd = ServerStream.deflate(z, d.toByteArray());
        ServerStream s = ServerStream.handshake(W, H);
        s.update(1).rect(3, 4, w, h, Encodings.TIGHT).u8(0x40 | 0x20).u8(2).compactLength(zd.length).bytes(zd);
        RfbSession session = run(s.toByteArray(), 1, new VncOptions().pixelFormat(PixelFormat.RGB565), null, new ByteArrayOutputStream());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] c = comp[y * w + x];
                int want = PixelFormat.RGB565.argb(c[0] << 11 | c[1] << 5 | c[2]);
                assertEquals(want, session.framebuffer().argb()[(4 + y) * W + 3 + x], "pixel " + x + "," + y);
            }
        }
        assertEquals(1, session.tightCounts()[TightDecoder.BASIC_GRADIENT]);
    }

    @Test
    void tightPng() throws IOException {
        int[] img = picture(8, 40, 30);
        java.awt.image.BufferedImage bi = new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB);
        bi.setRGB(0, 0, 40, 30, img, 0, 40);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(bi, "png", png);
        ServerStream s = ServerStream.handshake(W, H);
        s.update(2).rect(50, 30, 40, 30, Encodings.TIGHT_PNG).u8(0xA0).compactLength(png.size()).bytes(png.toByteArray());
        s.rect(0, 0, 5, 5, Encodings.TIGHT_PNG).u8(0x80).u8(1).u8(2).u8(3);
        RfbSession session = run(s.toByteArray(), 1);
        assertArrayEquals(img, sub(session.framebuffer().argb(), W, 50, 30, 40, 30));
        assertEquals(0xFF010203, session.framebuffer().argb()[4 * W + 4]);
        assertEquals(1, session.tightCounts()[TightDecoder.PNG]);
    }

    @Test
    void eightBitColourMap() throws IOException {
        PixelFormat indexed = new PixelFormat(8, 8, false, false, 0, 0, 0, 0, 0, 0);
        ServerStream s = ServerStream.handshake(W, H);
        s.u8(1).u8(0).u16(7).u16(2).u16(0xFFFF).u16(0).u16(0).u16(0).u16(0x8000).u16(0xFFFF); // 7 red, 8 blue-ish
        s.update(1).rect(0, 0, 3, 1, Encodings.RAW).u8(7).u8(8).u8(0);
        RfbSession session = run(s.toByteArray(), 2, new VncOptions().pixelFormat(indexed), null, new ByteArrayOutputStream());
        int[] px = session.framebuffer().argb();
        assertEquals(0xFFFF0000, px[0]);
        assertEquals(0xFF0080FF, px[1]);
        assertEquals(0xFF000000, px[2]);
    }

    @Test
    void bigEndian32BitPixelsRawAndZrle() throws IOException {
        PixelFormat be = new PixelFormat(32, 24, true, true, 255, 255, 255, 16, 8, 0);
        ServerStream s = ServerStream.handshake(W, H);
        s.update(2).rect(0, 0, 2, 1, Encodings.RAW).bytes(new byte[] {0, 0x11, 0x22, 0x33, 0, (byte) 0xAA, (byte) 0xBB, (byte) 0xCC});
        // ZRLE 2x1 raw tile: CPIXELs are the 3 low bytes, here in big-endian order
        byte[] tile = {0, 0x44, 0x55, 0x66, 0x77, (byte) 0x88, (byte) 0x99};
        byte[] z = ServerStream.deflate(new java.util.zip.Deflater(), tile);
        s.rect(5, 0, 2, 1, Encodings.ZRLE).u32(z.length).bytes(z);
        RfbSession session = run(s.toByteArray(), 1, new VncOptions().pixelFormat(be), null, new ByteArrayOutputStream());
        int[] px = session.framebuffer().argb();
        assertEquals(0xFF112233, px[0]);
        assertEquals(0xFFAABBCC, px[1]);
        assertEquals(0xFF445566, px[5]);
        assertEquals(0xFF778899, px[6]);
    }

    @Test
    void copyRectWithOverlap() throws IOException {
        int[] img = picture(6, W, H);
        ServerStream s = ServerStream.handshake(W, H);
        s.update(1).raw(0, 0, W, H, img);
        s.update(1).rect(5, 6, 40, 30, Encodings.COPY_RECT).u16(0).u16(0); // overlapping, downwards
        s.update(1).rect(0, 0, 40, 30, Encodings.COPY_RECT).u16(3).u16(2);  // overlapping, upwards
        int[] want = img.clone();
        int[] block = sub(want, W, 0, 0, 40, 30);
        for (int y = 0; y < 30; y++) {
            System.arraycopy(block, y * 40, want, (6 + y) * W + 5, 40);
        }
        block = sub(want, W, 3, 2, 40, 30);
        for (int y = 0; y < 30; y++) {
            System.arraycopy(block, y * 40, want, y * W, 40);
        }
        assertArrayEquals(want, run(s.toByteArray(), 3).framebuffer().argb());
    }

    @Test
    void pseudoEncodings() throws IOException {
        ServerStream s = ServerStream.handshake(W, H);
        s.update(4);
        s.rect(0, 0, 0, 0, Encodings.QEMU_EXTENDED_KEY_EVENT);
        s.rect(0, 0, 0, 0, Encodings.QEMU_LED_STATE).u8(5);
        s.rect(1, 2, 9, 3, Encodings.CURSOR);
        for (int i = 0; i < 27; i++) {
            s.pixel(0xFF00FF00);
        }
        s.bytes(new byte[] {(byte) 0xFF, (byte) 0x80, 0, 0, (byte) 0x80, 0}); // row 0 all, row 1 none, row 2 first
        s.rect(0, 0, 200, 50, Encodings.DESKTOP_SIZE);
        s.update(3);
        s.rect(0, 0, 120, 80, Encodings.EXTENDED_DESKTOP_SIZE).u8(1).u8(0).u16(0).u32(7).u16(0).u16(0).u16(120).u16(80).u32(0);
        s.raw(0, 0, 1, 1, new int[] {0xFF123456});
        s.rect(0, 0, 0, 0, Encodings.LAST_RECT);
        s.u8(2); // bell
        s.u8(3).u8(0).u16(0).u32(5).ascii("hello");
        Recorder rec = new Recorder();
        RfbSession session = run(s.toByteArray(), 4, new VncOptions(), rec, new ByteArrayOutputStream());
        assertEquals(List.of("led 5", "cursor 9x3 1,2", "resized 200x50", "resized 120x80", "bell", "cut hello"), rec.events);
        assertTrue(session.supportsExtendedKeyEvents());
        assertEquals(120, session.framebuffer().width());
        assertEquals(0xFF123456, session.framebuffer().argb()[0]);
        assertEquals(0xFF00FF00, rec.cursor[8]);
        assertEquals(0, rec.cursor[9], "row 1 is transparent");
        assertEquals(0xFF00FF00, rec.cursor[18]);
        assertEquals(0, rec.cursor[19]);
    }

    @Test
    void clientSendsVersionPixelFormatAndOnlyTheForcedEncoding() throws IOException {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        run(ServerStream.handshake(W, H).toByteArray(), 0,
                new VncOptions().encodings(List.of(Encodings.HEXTILE)), null, sent);
        byte[] b = sent.toByteArray();
        assertEquals("RFB 003.008\n", new String(b, 0, 12, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(1, b[12], "security None chosen");
        assertEquals(1, b[13], "shared ClientInit");
        assertEquals(0, b[14], "SetPixelFormat");
        assertArrayEquals(PixelFormat.ARGB32.encode(), java.util.Arrays.copyOfRange(b, 18, 34));
        assertEquals(2, b[34], "SetEncodings");
        int n = (b[36] & 0xFF) << 8 | b[37] & 0xFF;
        List<Integer> encodings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int o = 38 + 4 * i;
            encodings.add((b[o] & 0xFF) << 24 | (b[o + 1] & 0xFF) << 16 | (b[o + 2] & 0xFF) << 8 | b[o + 3] & 0xFF);
        }
        assertEquals(List.of(Encodings.HEXTILE, Encodings.RAW), encodings.subList(0, 2));
        assertTrue(encodings.subList(2, n).stream().allMatch(e -> e < 0), "the rest are pseudo-encodings: " + encodings);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RFB 003.003\n", "RFB 003.007\n", "RFB 003.008\n", "RFB 003.889\n", "RFB 004.001\n", "RFB 003.006\n"})
    void everyVersionWithSecurityNone(String banner) throws IOException {
        ServerStream s = new ServerStream().ascii(banner);
        boolean v33 = banner.equals("RFB 003.003\n") || banner.equals("RFB 003.006\n");
        boolean v37 = banner.equals("RFB 003.007\n");
        if (v33) {
            s.u32(1);
        } else {
            s.u8(1).u8(1);
            if (!v37) {
                s.u32(0);
            }
        }
        s.serverInit(W, H, "näme");
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        RfbSession session = run(s.toByteArray(), 0, new VncOptions(), null, sent);
        assertEquals("näme", session.desktopName());
        String answered = new String(sent.toByteArray(), 0, 12, java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(v33 ? "RFB 003.003\n" : v37 ? "RFB 003.007\n" : "RFB 003.008\n", answered);
    }

    @Test
    void vncAuthenticationAnswersTheChallenge() throws IOException {
        byte[] challenge = new byte[16];
        new Random(7).nextBytes(challenge);
        ServerStream s = new ServerStream().ascii("RFB 003.008\n").u8(2).u8(1).u8(2).bytes(challenge).u32(0);
        s.serverInit(W, H, "pw");
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        run(s.toByteArray(), 0, new VncOptions().password("secret".getBytes()), null, sent);
        byte[] b = sent.toByteArray();
        assertEquals(2, b[12], "VNC authentication chosen over None");
        assertArrayEquals(VncAuth.response(challenge, "secret".getBytes()), java.util.Arrays.copyOfRange(b, 13, 29));
    }

    @Test
    void vncAuthKeyHasMirroredBits() throws Exception {
        // DES with the key bytes bit-reversed, computed with the JDK directly: 'p' = 0111 0000 -> 0000 1110
        byte[] challenge = "0123456789abcdef".getBytes();
        byte[] key = {0x0E, (byte) (Integer.reverse('w') >>> 24), (byte) (Integer.reverse('r') >>> 24),
            (byte) (Integer.reverse('t') >>> 24), 0, 0, 0, 0};
        javax.crypto.Cipher des = javax.crypto.Cipher.getInstance("DES/ECB/NoPadding");
        des.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "DES"));
        assertArrayEquals(des.doFinal(challenge), VncAuth.response(challenge, "pwrt".getBytes()));
        assertEquals((byte) 0x0E, key[0]);
    }

    @Test
    void refusalCarriesTheServersReason() {
        byte[] stream = new ServerStream().ascii("RFB 003.008\n").u8(0).u32(12).ascii("too many\0   ").toByteArray();
        RfbSecurityException e = assertThrows(RfbSecurityException.class, () -> run(stream, 0));
        assertEquals(RfbSecurityException.Kind.REFUSED, e.kind());
        assertEquals("the server refused the connection: too many", e.getMessage());
    }

    @Test
    void failedSecurityResultIsAWrongPassword() {
        ServerStream s = new ServerStream().ascii("RFB 003.008\n").u8(1).u8(2).bytes(new byte[16]).u32(1).u32(21).ascii("Authentication failed");
        RfbSecurityException e = assertThrows(RfbSecurityException.class,
                () -> run(s.toByteArray(), 0, new VncOptions().password("x".getBytes()), null, new ByteArrayOutputStream()));
        assertEquals(RfbSecurityException.Kind.AUTHENTICATION_FAILED, e.kind());
        assertEquals("authentication failed (wrong password?): Authentication failed", e.getMessage());
    }

    @Test
    void unsupportedSecurityTypesAreNamed() {
        byte[] stream = new ServerStream().ascii("RFB 003.008\n").u8(2).u8(16).u8(30).toByteArray();
        RfbSecurityException e = assertThrows(RfbSecurityException.class, () -> run(stream, 0));
        assertEquals(RfbSecurityException.Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().contains("Tight, Apple ARD"), e.getMessage());
    }

    @Test
    void notAVncServer() {
        byte[] stream = "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes();
        RfbProtocolException e = assertThrows(RfbProtocolException.class, () -> run(stream, 0));
        assertTrue(e.getMessage().startsWith("not a VNC server"), e.getMessage());
    }

    @Test
    void targets() {
        assertEquals("h:5901", VncTarget.parse("h:1").toString());
        assertEquals("h:5930", VncTarget.parse("vnc://h:5930").toString());
        assertEquals("h:1", VncTarget.parse("vnc://h:1").toString(), "vnc:// ports are ports");
        assertEquals("h:5900", VncTarget.parse("h").toString());
        assertEquals("[::1]:5900", VncTarget.parse("[::1]:5900").toString());
        assertEquals("ws://h:5700/websockify?token=a", VncTarget.parse("ws://h:5700/websockify?token=a").toString());
        assertEquals(VncTarget.Scheme.WSS, VncTarget.parse("WSS://h").scheme());
        assertEquals(443, VncTarget.parse("wss://h").port());
        assertThrows(IllegalArgumentException.class, () -> VncTarget.parse("http://h:80"));
        assertThrows(IllegalArgumentException.class, () -> VncTarget.parse("h:70000"));
        assertThrows(IllegalArgumentException.class, () -> VncTarget.parse("vnc://h:5900/path"));
    }
}
