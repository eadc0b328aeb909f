package io.rackdesk.app.vnc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hostile server: malformed and oversized messages of every kind. Each must end the session with a
 * clear {@link RfbProtocolException}: no other exception, no hang, no allocation the size the server claims.
 */
class HostileServerTest {
    private static final int W = 64;
    private static final int H = 48;

    private static Arguments hostile(String name, String expected, Consumer<ServerStream> body) {
        return Arguments.of(name, expected, body);
    }

    private static ServerStream zlibRect(ServerStream s, int enc, int w, int h, byte[] data) {
        Deflater d = new Deflater();
        byte[] z = ServerStream.deflate(d, data);
        d.end();
        return s.rect(0, 0, w, h, enc).u32(z.length).bytes(z);
    }

    static Stream<Arguments> afterHandshake() {
        return Stream.of(
                hostile("huge raw rectangle", "lies outside", s -> s.update(1).rect(0, 0, 65535, 65535, Encodings.RAW)),
                hostile("rectangle outside the framebuffer", "lies outside", s -> s.update(1).rect(60, 40, 10, 10, Encodings.RAW)),
                hostile("copyrect source outside", "CopyRect source", s -> s.update(1).rect(0, 0, 10, 10, Encodings.COPY_RECT).u16(60).u16(0)),
                hostile("hextile subrect outside its tile", "outside its", s -> s.update(1).rect(0, 0, 8, 8, Encodings.HEXTILE)
                        .u8(2 | 4 | 8).pixel(0).pixel(-1).u8(1).u8(0x44).u8(0x77)),
                hostile("hextile in a truncated stream", "closed the connection", s -> s.update(1).rect(0, 0, 64, 48, Encodings.HEXTILE).u8(1)),
                hostile("zlib length beyond the rectangle", "compressed data announced", s -> s.update(1).rect(0, 0, 4, 4, Encodings.ZLIB).u32(0x7FFFFFFFL)),
                hostile("zlib length 4 GB", "compressed data announced", s -> s.update(1).rect(0, 0, 4, 4, Encodings.ZLIB).u32(0xFFFFFFFFL)),
                hostile("corrupt zlib", "corrupt zlib", s -> s.update(1).rect(0, 0, 4, 4, Encodings.ZLIB).u32(8).bytes(new byte[] {0x78, (byte) 0x9c, -1, -1, -1, -1, -1, -1})),
                hostile("zlib data too short", "ended before", s -> zlibRect(s.update(1), Encodings.ZLIB, 4, 4, new byte[10])),
                hostile("zlib data too long (a bomb)", "left over", s -> zlibRect(s.update(1), Encodings.ZLIB, 4, 4, new byte[1 << 20])),
                hostile("zrle unknown subencoding", "unknown tile subencoding 17", s -> zlibRect(s.update(1), Encodings.ZRLE, 4, 4, new byte[] {17})),
                hostile("zrle palette index overflow", "beyond the 2-colour palette", s -> zlibRect(s.update(1), Encodings.ZRLE, 4, 4,
                        new byte[] {(byte) 130, 1, 2, 3, 4, 5, 6, 5})),
                hostile("zrle endless run", "a run of", s -> {
                    byte[] t = new byte[4 + 5000];
                    t[0] = (byte) 128;
                    java.util.Arrays.fill(t, 4, t.length, (byte) 255);
                    zlibRect(s.update(1), Encodings.ZRLE, 4, 4, t);
                }),
                hostile("zrle packed palette index overflow", "beyond the 3-colour palette", s -> zlibRect(s.update(1), Encodings.ZRLE, 4, 1,
                        new byte[] {3, 0, 0, 0, 1, 1, 1, 2, 2, 2, (byte) 0xFF})),
                hostile("tight unknown compression", "unknown compression type 11", s -> s.update(1).rect(0, 0, 4, 4, Encodings.TIGHT).u8(0xB0)),
                hostile("tight png in plain tight", "unknown compression type 10", s -> s.update(1).rect(0, 0, 4, 4, Encodings.TIGHT).u8(0xA0)),
                hostile("tight unknown filter", "unknown filter 7", s -> s.update(1).rect(0, 0, 4, 4, Encodings.TIGHT).u8(0x40).u8(7)),
                hostile("tight palette index overflow", "beyond the 3-colour palette", s -> s.update(1).rect(0, 0, 3, 3, Encodings.TIGHT)
                        .u8(0x40).u8(1).u8(2).bytes(new byte[9]).bytes(new byte[] {0, 1, 2, 3, 0, 0, 0, 0, 0})),
                hostile("tight compact length beyond the rectangle", "compressed data announced", s -> s.update(1).rect(0, 0, 8, 8, Encodings.TIGHT)
                        .u8(0x00).compactLength(0x3FFFFF)),
                hostile("tight jpeg garbage", "unreadable JPEG", s -> s.update(1).rect(0, 0, 8, 8, Encodings.TIGHT).u8(0x90).compactLength(20).bytes(new byte[20])),
                hostile("tight jpeg of another size", "a 1x1 JPEG image in a 8x8 rectangle", s -> {
                    try {
                        java.awt.image.BufferedImage one = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB);
                        ByteArrayOutputStream j = new ByteArrayOutputStream();
                        javax.imageio.ImageIO.write(one, "jpeg", j);
                        s.update(1).rect(0, 0, 8, 8, Encodings.TIGHT).u8(0x90).compactLength(j.size()).bytes(j.toByteArray());
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }),
                hostile("tight jpeg claiming 65500x65500", "65500x65500 JPEG", s -> s.update(1).rect(0, 0, 8, 8, Encodings.TIGHT).u8(0x90)
                        .compactLength(jpegHeader(65500, 65500).length).bytes(jpegHeader(65500, 65500))),
                hostile("huge cursor", "cursor", s -> s.update(1).rect(0, 0, 60000, 60000, Encodings.CURSOR)),
                hostile("unknown encoding", "encoding 12345", s -> s.update(1).rect(0, 0, 1, 1, 12345)),
                hostile("unknown message type", "unknown server message type 77", s -> s.u8(77)),
                hostile("huge clipboard", "clipboard text", s -> s.u8(3).u8(0).u16(0).u32(0x7FFFFFF0L)),
                hostile("extended clipboard of 2 GB", "extended clipboard message is 2147483648 bytes", s -> s.u8(3).u8(0).u16(0).u32(0x80000000L)),
                hostile("extended clipboard without flags", "(no flags)", s -> s.u8(3).u8(0).u16(0).u32(-2L & 0xFFFFFFFFL).u16(0)),
                hostile("extended clipboard before its capabilities", "before its capabilities", s -> s.u8(3).u8(0).u16(0)
                        .u32(-4L & 0xFFFFFFFFL).u32(ExtendedClipboard.NOTIFY | ExtendedClipboard.FORMAT_TEXT)),
                hostile("extended clipboard caps too short", "too short", s -> s.u8(3).u8(0).u16(0)
                        .u32(-4L & 0xFFFFFFFFL).u32(ExtendedClipboard.CAPS | 0x1F)),
                hostile("extended clipboard provide claiming 2 GB of text", "extended clipboard data is 2147483647 bytes",
                        s -> extendedProvide(s, new byte[] {0x7F, -1, -1, -1})),
                hostile("extended clipboard provide shorter than it says", "ended before", s -> extendedProvide(s, new byte[] {0, 0x10, 0, 0, 'a'})),
                hostile("extended clipboard provide of corrupt zlib", "corrupt zlib", s -> {
                    extendedCaps(s);
                    s.u8(3).u8(0).u16(0).u32(-12L & 0xFFFFFFFFL).u32(ExtendedClipboard.PROVIDE | ExtendedClipboard.FORMAT_TEXT)
                            .bytes(new byte[] {0x78, (byte) 0x9c, -1, -1, -1, -1, -1, -1});
                }),
                hostile("extended clipboard unknown action", "flags 0x20000001", s -> {
                    extendedCaps(s);
                    s.u8(3).u8(0).u16(0).u32(-4L & 0xFFFFFFFFL).u32(0x20000001L);
                }),
                hostile("huge alpha cursor", "cursor", s -> s.update(1).rect(0, 0, 4000, 2, Encodings.CURSOR_WITH_ALPHA)),
                hostile("alpha cursor in Tight", "alpha cursor in Tight", s -> s.update(1).rect(0, 0, 4, 4, Encodings.CURSOR_WITH_ALPHA)
                        .u32(Encodings.TIGHT)),
                hostile("truncated alpha cursor", "closed the connection", s -> s.update(1).rect(0, 0, 16, 16, Encodings.CURSOR_WITH_ALPHA)
                        .u32(0).bytes(new byte[100])),
                hostile("resize to 65535x65535", "larger than", s -> s.update(1).rect(0, 0, 65535, 65535, Encodings.DESKTOP_SIZE)),
                hostile("extended resize to 65535x65535", "larger than", s -> s.update(1).rect(0, 0, 65535, 65535, Encodings.EXTENDED_DESKTOP_SIZE)
                        .u8(0).u8(0).u16(0)),
                hostile("pixels after shrinking to 0x0", "lies outside", s -> s.update(2).rect(0, 0, 0, 0, Encodings.DESKTOP_SIZE)
                        .rect(0, 0, 1, 1, Encodings.RAW).pixel(0)),
                hostile("truncated raw rectangle", "closed the connection", s -> s.update(1).rect(0, 0, 64, 48, Encodings.RAW).bytes(new byte[100])),
                hostile("65535 rectangles and then nothing", "closed the connection", s -> {
                    s.update(65535);
                    for (int i = 0; i < 1000; i++) {
                        s.rect(0, 0, 0, 0, Encodings.RAW);
                    }
                }));
    }

    /** The server's Extended Clipboard capabilities: text up to 1 MiB, every action. */
    static ServerStream extendedCaps(ServerStream s) {
        return s.u8(3).u8(0).u16(0).u32(-8L & 0xFFFFFFFFL).u32(ExtendedClipboard.ACTIONS | ExtendedClipboard.FORMAT_TEXT).u32(1 << 20);
    }

    /** Caps, then a text Provide whose zlib stream holds {@code plain}. */
    private static void extendedProvide(ServerStream s, byte[] plain) {
        extendedCaps(s);
        Deflater d = new Deflater();
        byte[] z = ServerStream.deflate(d, plain);
        d.end();
        s.u8(3).u8(0).u16(0).u32(-(4L + z.length) & 0xFFFFFFFFL).u32(ExtendedClipboard.PROVIDE | ExtendedClipboard.FORMAT_TEXT).bytes(z);
    }

    /** A real 1x1 JPEG whose frame header (SOF0) claims w x h instead. */
    private static byte[] jpegHeader(int w, int h) {
        try {
            java.awt.image.BufferedImage one = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB);
            ByteArrayOutputStream j = new ByteArrayOutputStream();
            javax.imageio.ImageIO.write(one, "jpeg", j);
            byte[] b = j.toByteArray();
            for (int i = 0; i + 8 < b.length; i++) {
                if (b[i] == (byte) 0xFF && b[i + 1] == (byte) 0xC0) {
                    b[i + 5] = (byte) (h >> 8);
                    b[i + 6] = (byte) h;
                    b[i + 7] = (byte) (w >> 8);
                    b[i + 8] = (byte) w;
                    return b;
                }
            }
            throw new AssertionError("no SOF0 in ImageIO's JPEG");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("afterHandshake")
    void malformedMessageEndsTheSessionCleanly(String name, String expected, Consumer<ServerStream> body) {
        ServerStream s = ServerStream.handshake(W, H);
        body.accept(s);
        byte[] stream = s.toByteArray();
        RfbProtocolException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(RfbProtocolException.class, () -> RfbSessionTest.run(stream, 1000)));
        assertTrue(e.getMessage().contains(expected), name + ": " + e.getMessage());
    }

    static Stream<Arguments> handshakes() {
        return Stream.of(
                hostile("huge desktop name", "desktop name is 4294967295 bytes", s -> s.ascii("RFB 003.008\n").u8(1).u8(1).u32(0)
                        .u16(W).u16(H).bytes(PixelFormat.ARGB32.encode()).u32(0xFFFFFFFFL)),
                hostile("huge framebuffer", "65535x65535 screen", s -> s.ascii("RFB 003.008\n").u8(1).u8(1).u32(0)
                        .u16(65535).u16(65535).bytes(PixelFormat.ARGB32.encode()).u32(0)),
                hostile("huge reason", "reason message is", s -> s.ascii("RFB 003.008\n").u8(0).u32(0x7FFFFFFFL)),
                hostile("3.3 refusal", "refused the connection: no", s -> s.ascii("RFB 003.003\n").u32(0).u32(2).ascii("no")),
                hostile("24-bit pixel format", "24 bits per pixel", s -> s.ascii("RFB 003.008\n").u8(1).u8(1).u32(0)
                        .u16(W).u16(H).bytes(new byte[] {24, 24, 0, 1, 0, (byte) 255, 0, (byte) 255, 0, (byte) 255, 16, 8, 0, 0, 0, 0})),
                hostile("old version", "at least 3.3", s -> s.ascii("RFB 002.000\n")),
                hostile("garbage", "not a VNC server", s -> s.ascii("SSH-2.0-Open")),
                hostile("vencrypt over a stream", "needs a direct TCP connection", s -> s.ascii("RFB 003.008\n").u8(1).u8(19)
                        .u8(0).u8(2).u8(0).u8(1).u32(260)),
                hostile("vencrypt anonymous only", "anonymous TLS is not supported", s -> s.ascii("RFB 003.008\n").u8(1).u8(19)
                        .u8(0).u8(2).u8(0).u8(2).u32(257).u32(258)),
                hostile("vencrypt 0.1", "VeNCrypt 0.1", s -> s.ascii("RFB 003.008\n").u8(1).u8(19).u8(0).u8(1)),
                hostile("closed during the handshake", "closed the connection", s -> s.ascii("RFB 003.008\n").u8(1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handshakes")
    void malformedHandshakeEndsCleanly(String name, String expected, Consumer<ServerStream> body) {
        ServerStream s = new ServerStream();
        body.accept(s);
        byte[] stream = s.toByteArray();
        VncOptions o = new VncOptions().tlsCa(java.nio.file.Path.of("/nonexistent-ca.pem"));
        RfbProtocolException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(RfbProtocolException.class,
                () -> RfbSessionTest.run(stream, 10, o, null, new ByteArrayOutputStream())));
        assertTrue(e.getMessage().contains(expected), name + ": " + e.getMessage());
    }

    // ------------------------------------------------------------------ over real sockets: no hang

    /** A one-connection server on 127.0.0.1 that runs {@code script} with the client's streams. */
    private static final class OneShotServer implements AutoCloseable {
        interface Script {
            void run(InputStream in, OutputStream out) throws Exception;
        }

        final ServerSocket server;
        final Thread thread;

        OneShotServer(Script script) throws IOException {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                try (Socket s = server.accept()) {
                    script.run(s.getInputStream(), s.getOutputStream());
                } catch (Exception e) {
                    // the client hung up: fine
                }
            }, "hostile-vnc-server");
            thread.setDaemon(true);
            thread.start();
        }

        VncTarget target(String scheme) {
            return VncTarget.parse(scheme + "127.0.0.1:" + server.getLocalPort());
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.interrupt();
            thread.join(5000);
        }
    }

    private static void sleepForever() throws InterruptedException {
        Thread.sleep(60_000);
    }

    @Test
    void silentServerTimesOut() throws Exception {
        try (OneShotServer srv = new OneShotServer((in, out) -> sleepForever())) {
            VncOptions o = new VncOptions().readTimeout(Duration.ofMillis(500));
            SocketTimeoutException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(SocketTimeoutException.class, () -> RfbSession.connect(srv.target(""), o, null)));
            assertTrue(e.getMessage().endsWith("stopped answering (no data within 0.5 s)"), e.getMessage());
        }
    }

    @Test
    void serverThatStallsAfterTheHandshakeTimesOutInTheScreenshot() throws Exception {
        byte[] hello = ServerStream.handshake(W, H).toByteArray();
        try (OneShotServer srv = new OneShotServer((in, out) -> {
            out.write(hello);
            out.flush();
            sleepForever();
        })) {
            SocketTimeoutException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(SocketTimeoutException.class,
                    () -> VncScreenshot.capture(srv.target(""), new VncOptions(), Duration.ofSeconds(1))));
            assertEquals("the server did not send the whole screen within 1 s", e.getMessage());
        }
    }

    @Test
    void serverThatTricklesUpdatesWithoutPixelsStillEndsAtTheDeadline() throws Exception {
        byte[] hello = ServerStream.handshake(W, H).toByteArray();
        byte[] empty = new ServerStream().update(0).toByteArray();
        try (OneShotServer srv = new OneShotServer((in, out) -> {
            out.write(hello);
            for (int i = 0; i < 600; i++) {
                out.write(empty);
                out.flush();
                Thread.sleep(10);
            }
        })) {
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(SocketTimeoutException.class,
                    () -> VncScreenshot.capture(srv.target(""), new VncOptions(), Duration.ofSeconds(1))));
        }
    }

    private static String webSocketAccept(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0D0A0D0A) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("eof");
            }
            head.write(c);
            last4 = last4 << 8 | c;
        }
        String key = head.toString(StandardCharsets.US_ASCII).lines().filter(l -> l.startsWith("Sec-WebSocket-Key:"))
                .findFirst().orElseThrow().substring(18).strip();
        return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-1")
                .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void webSocketEndlessEmptyFramesAreCut() throws Exception {
        try (OneShotServer srv = new OneShotServer((in, out) -> {
            String accept = webSocketAccept(in);
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                    + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] emptyFrames = new byte[2 * 4096];
            for (int i = 0; i < emptyFrames.length; i += 2) {
                emptyFrames[i] = (byte) 0x82;
            }
            for (int i = 0; i < 1000; i++) {
                out.write(emptyFrames);
            }
            out.flush();
        })) {
            RfbProtocolException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(RfbProtocolException.class,
                    () -> RfbSession.connect(srv.target("ws://"), new VncOptions().readTimeout(Duration.ofSeconds(5)), null)));
            assertTrue(e.getMessage().contains("empty frames"), e.getMessage());
        }
    }

    @Test
    void webSocketWithAWrongAcceptKeyIsRefused() throws Exception {
        try (OneShotServer srv = new OneShotServer((in, out) -> {
            webSocketAccept(in);
            out.write("HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Accept: bogus\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            sleepForever();
        })) {
            RfbProtocolException e = assertThrows(RfbProtocolException.class,
                    () -> RfbSession.connect(srv.target("ws://"), new VncOptions().readTimeout(Duration.ofSeconds(5)), null));
            assertTrue(e.getMessage().contains("Sec-WebSocket-Accept"), e.getMessage());
        }
    }

    @Test
    void webSocketEndlessHeaderIsCut() throws Exception {
        try (OneShotServer srv = new OneShotServer((in, out) -> {
            webSocketAccept(in);
            out.write("HTTP/1.1 101 Switching Protocols\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] junk = new byte[4096];
            java.util.Arrays.fill(junk, (byte) 'x');
            for (int i = 0; i < 100; i++) {
                out.write(junk);
            }
            out.flush();
        })) {
            RfbProtocolException e = assertThrows(RfbProtocolException.class,
                    () -> RfbSession.connect(srv.target("ws://"), new VncOptions().readTimeout(Duration.ofSeconds(5)), null));
            assertTrue(e.getMessage().contains("longer than"), e.getMessage());
        }
    }

    @Test
    void webSocketServerRefusingTheUpgrade() throws Exception {
        try (OneShotServer srv = new OneShotServer((in, out) -> {
            webSocketAccept(in);
            out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        })) {
            RfbProtocolException e = assertThrows(RfbProtocolException.class,
                    () -> RfbSession.connect(srv.target("ws://"), new VncOptions().readTimeout(Duration.ofSeconds(5)), null));
            assertEquals("the WebSocket server did not switch protocols: HTTP/1.1 404 Not Found", e.getMessage());
        }
    }
}
