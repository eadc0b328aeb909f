package io.rackdesk.bench.vnc;

import io.rackdesk.app.vnc.Encodings;
import io.rackdesk.app.vnc.RfbSession;
import io.rackdesk.app.vnc.VncOptions;
import io.rackdesk.app.vnc.VncTarget;
import io.rackdesk.testsupport.RecordingProxy;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Records what QEMU's VNC server sends for each encoding, through {@link RecordingProxy}, into
 * {@code target/vnc-recordings/NAME.rfb} (binary: never committed). Each recording is one
 * connection: the handshake, a full-screen update of the guest's picture, {@value #KEYS} incremental
 * updates (each key typed into the guest repaints its top 8 rows) and a second full-screen update.
 * Usage: {@code RecordVncStreams HOST:PORT [NAME...]} (scripts/bench-vnc.sh passes the VNC lab's plain display).
 */
public final class RecordVncStreams {
    static final int KEYS = 24;
    /** Name, encoding; Tight is lossless (no JPEG quality offered). */
    static final List<String> NAMES = List.of("raw", "hextile", "zlib", "zrle", "tight", "tightpng");

    private RecordVncStreams() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: RecordVncStreams HOST:PORT [raw|hextile|zlib|zrle|tight|tightpng ...]");
            System.exit(2);
        }
        VncTarget server = VncTarget.parse(args[0]);
        List<String> names = args.length > 1 ? List.of(args).subList(1, args.length) : NAMES;
        Path dir = VncRecording.directory();
        Files.createDirectories(dir);
        for (String name : names) {
            byte[] stream = record(server, Encodings.parse(name));
            Path file = dir.resolve(name + ".rfb");
            Files.write(file, stream);
            System.out.printf("%-9s %s: %s%n", name, file, VncRecording.parse(name, stream).describe());
        }
    }

    static byte[] record(VncTarget server, int encoding) throws Exception {
        VncOptions o = new VncOptions().encodings(List.of(encoding, Encodings.RAW))
                .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(10));
        try (RecordingProxy proxy = new RecordingProxy(server.host(), server.port())) {
            long[] damage = new long[1];
            RfbSession.Listener counter = new RfbSession.Listener() {
                @Override
                public void damaged(int x, int y, int w, int h) {
                    damage[0]++;
                }
            };
            try (RfbSession s = RfbSession.connect(VncTarget.parse("127.0.0.1:" + proxy.port()), o, counter)) {
                s.requestUpdate(false);
                awaitUpdate(s, damage);
                for (int i = 0; i < KEYS; i++) {
                    int keysym = 'a' + i; // a different scan code each time: a different colour each time
                    s.keyEvent(true, keysym);
                    s.keyEvent(false, keysym);
                    s.requestUpdate(true);
                    try {
                        awaitUpdate(s, damage);
                    } catch (SocketTimeoutException e) {
                        System.err.println("no update for key " + (char) keysym + " within 10 s (the screen had that colour already?)");
                    }
                }
                s.requestUpdate(false);
                awaitUpdate(s, damage);
            }
            Thread.sleep(200); // the relay has forwarded everything
            return proxy.recording();
        }
    }

    /** Reads messages until an update with pixels in it (QEMU also sends updates with only pseudo-rectangles: LEDs, key events). */
    private static void awaitUpdate(RfbSession s, long[] damage) throws IOException {
        long before = damage[0];
        while (s.processMessage() != 0 || damage[0] == before) {
            // bell, clipboard, pseudo-only updates: not what we wait for
        }
    }
}
