package io.rackdesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.testsupport.BlackHoleServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rackdesk vnc-screenshot} without a real server: usage errors, failures, a PNG from a scripted one. */
class VncScreenshotCommandTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return RackdeskCommand.run(args, o -> { }, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private List<String> errLines() {
        return err.toString().lines().toList();
    }

    @Test
    void unknownEncodingIsAUsageError() {
        assertEquals(2, run("vnc-screenshot", "127.0.0.1:5900", dir.resolve("x.png").toString(), "--encoding", "h264"));
        assertEquals(1, errLines().size(), err.toString());
        assertTrue(err.toString().contains("unknown encoding 'h264'"), err.toString());
    }

    @Test
    void badTargetIsAUsageError() {
        assertEquals(2, run("vnc-screenshot", "http://h/", dir.resolve("x.png").toString()));
        assertTrue(err.toString().contains("unknown scheme"), err.toString());
    }

    @Test
    void wssNeedsACa() {
        assertEquals(2, run("vnc-screenshot", "wss://127.0.0.1:5700", dir.resolve("x.png").toString()));
        assertTrue(err.toString().contains("--tls-ca"), err.toString());
    }

    @Test
    void refusedConnectionIsOneLineAndExitOne() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertEquals(1, run("vnc-screenshot", "127.0.0.1:" + port, dir.resolve("x.png").toString(), "--timeout", "5"));
        assertEquals(List.of("rackdesk vnc-screenshot: 127.0.0.1:" + port + ": connection refused (is a VNC server listening there?)"), errLines());
    }

    @Test
    void silentServerTimesOut() throws Exception {
        try (BlackHoleServer hole = new BlackHoleServer()) {
            long t0 = System.nanoTime();
            assertEquals(1, run("vnc-screenshot", "127.0.0.1:" + hole.port(), dir.resolve("x.png").toString(), "--timeout", "1"));
            assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
            assertEquals(1, errLines().size(), err.toString());
            assertTrue(err.toString().contains("stopped answering"), err.toString());
            assertTrue(Files.notExists(dir.resolve("x.png")));
        }
    }

    @Test
    void writesThePngFromAScriptedServer() throws Exception {
        byte[] script = io.rackdesk.app.vnc.TestStreams.screen(4, 3, 0xFF102030);
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = ss.accept()) {
                    s.getOutputStream().write(script);
                    s.getOutputStream().flush();
                    s.getInputStream().readAllBytes();
                } catch (Exception e) {
                    // client gone
                }
            });
            t.setDaemon(true);
            t.start();
            Path png = dir.resolve("shot.png");
            assertEquals(0, run("vnc-screenshot", "vnc://127.0.0.1:" + ss.getLocalPort(), png.toString(), "--encoding", "raw"), err.toString());
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
            assertEquals(4, img.getWidth());
            assertEquals(3, img.getHeight());
            assertEquals(0x102030, img.getRGB(3, 2) & 0xFFFFFF);
            assertEquals("", err.toString());
        }
    }
}
