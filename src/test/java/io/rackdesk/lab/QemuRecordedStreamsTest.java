package io.rackdesk.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.rackdesk.app.vnc.Encodings;
import io.rackdesk.app.vnc.RfbSession;
import io.rackdesk.app.vnc.VncOptions;
import io.rackdesk.app.vnc.VncScreenshot;
import io.rackdesk.app.vnc.VncTarget;
import io.rackdesk.testsupport.RecordingProxy;
import io.rackdesk.testsupport.VncLab;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Records QEMU's real server stream for each encoding through a relay, replays it into the client
 * without a socket (the same framebuffer must come out), then replays mutated copies of it: each must
 * end with an IOException, never another exception or a hang.
 */
class QemuRecordedStreamsTest {
    private static final int MUTATIONS = Integer.getInteger("rackdesk.fuzz.recorded", 300);

    @BeforeEach
    void lab() {
        VncLab.require();
    }

    @ParameterizedTest(name = "{0} quality {1} level {2}")
    @CsvSource({"raw,-1,-1", "hextile,-1,-1", "zlib,-1,-1", "zrle,-1,-1", "tight,-1,-1", "tight,-1,1", "tight,5,-1", "tightpng,5,1"})
    void recordedStreamReplaysAndSurvivesMutation(String encoding, int quality, int level) throws Exception {
        VncTarget qemu = VncTarget.parse(VncLab.get("RACKDESK_VNC_LAB_PLAIN"));
        VncOptions o = new VncOptions().encodings(List.of(Encodings.parse(encoding), Encodings.RAW))
                .jpegQuality(quality).compressLevel(level);
        byte[] recording;
        int[] live;
        try (RecordingProxy proxy = new RecordingProxy(qemu.host(), qemu.port())) {
            live = VncScreenshot.capture(VncTarget.parse("127.0.0.1:" + proxy.port()), o, Duration.ofSeconds(20))
                    .framebuffer().argb().clone();
            Thread.sleep(100); // the relay has forwarded everything the client read
            recording = proxy.recording();
        }
        int[] replayed = replay(recording, o);
        assertArrayEquals(live, replayed, "the replayed recording decodes to the same screen");

        Random r = new Random(encoding.hashCode() * 31L + quality * 7L + level);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < MUTATIONS; i++) {
                byte[] m = recording.clone();
                int from = Math.min(m.length - 1, 40); // keep most handshakes intact
                switch (r.nextInt(3)) {
                    case 0 -> {
                        for (int k = 0, n = 1 + r.nextInt(6); k < n; k++) {
                            m[from + r.nextInt(m.length - from)] ^= (byte) (1 + r.nextInt(255));
                        }
                    }
                    case 1 -> { // an extreme length, count or size
                        int at = from + r.nextInt(m.length - from);
                        Arrays.fill(m, at, Math.min(m.length, at + 1 + r.nextInt(4)), (byte) 0xFF);
                    }
                    default -> m = Arrays.copyOf(m, from + r.nextInt(m.length - from));
                }
                try {
                    replay(m, new VncOptions().maxFramebufferPixels(1 << 20));
                } catch (IOException expected) {
                    // a clean end
                } catch (RuntimeException | Error e) {
                    throw new AssertionError(encoding + " mutation " + i + ": " + e, e);
                }
            }
        });
    }

    /** Feeds a recorded stream to a session until the first full-screen update has been decoded, or the stream ends. */
    private static int[] replay(byte[] stream, VncOptions o) throws IOException {
        try (RfbSession s = RfbSession.open(new ByteArrayInputStream(stream), OutputStream.nullOutputStream(), o, null)) {
            while (true) {
                try {
                    s.processMessage();
                } catch (IOException e) {
                    if (e.getMessage() != null && e.getMessage().equals("the server closed the connection")) {
                        return s.framebuffer().argb().clone();
                    }
                    throw e;
                }
            }
        }
    }
}
