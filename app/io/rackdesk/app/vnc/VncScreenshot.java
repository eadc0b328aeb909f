package io.rackdesk.app.vnc;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * Connects, asks for one full (non-incremental) update and returns the framebuffer once every
 * pixel of the screen has arrived: what {@code rackdesk vnc-screenshot} and the lab tests use.
 */
public final class VncScreenshot {
    private VncScreenshot() {
    }

    /** The result: the framebuffer, and the session's statistics (already closed). */
    public record Capture(Framebuffer framebuffer, java.util.Map<Integer, Long> rectangles, String desktopName,
            String protocolVersion, int securityType, long[] tightCounts) {
    }

    public static Capture capture(VncTarget target, VncOptions options, Duration timeout) throws IOException {
        return capture(listener -> RfbSession.connect(target, options, listener), timeout);
    }

    /** Opens a session and connects it to a VNC server, with the listener it is given: a direct connection, an SSH tunnel... */
    @FunctionalInterface
    public interface Connector {
        RfbSession open(RfbSession.Listener listener) throws IOException;
    }

    /** As {@link #capture(VncTarget, VncOptions, Duration)}, over the session that {@code connector} opens. */
    public static Capture capture(Connector connector, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Coverage coverage = new Coverage();
        try (RfbSession s = connector.open(coverage)) {
            Framebuffer fb = s.framebuffer();
            coverage.reset(fb.width(), fb.height());
            s.requestUpdate(false);
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SocketTimeoutException("the server did not send the whole screen within " + RfbSession.seconds(timeout));
                }
                s.setReadTimeout(Duration.ofNanos(Math.max(left, 1_000_000)));
                try {
                    s.processMessage();
                } catch (SocketTimeoutException e) {
                    throw new SocketTimeoutException("the server did not send the whole screen within " + RfbSession.seconds(timeout));
                }
                if (coverage.resized) { // a new size: start over with a full request
                    coverage.reset(fb.width(), fb.height());
                    s.requestUpdate(false);
                } else if (coverage.updateEnded && coverage.complete()) {
                    return new Capture(fb, s.rectangleCounts(), s.desktopName(), s.protocolVersion(), s.securityType(), s.tightCounts());
                } else if (coverage.updateEnded && coverage.sawPixels) {
                    s.requestUpdate(false);
                }
                coverage.updateEnded = false;
                coverage.sawPixels = false;
            }
        }
    }

    /** Writes the framebuffer as PNG (atomically: a temporary file, then a rename). */
    public static void writePng(Framebuffer fb, Path out) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".vnc-screenshot", ".png");
        try {
            if (!ImageIO.write(fb.toImage(), "png", tmp.toFile())) {
                throw new IOException("this Java cannot write PNG");
            }
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Which pixels have arrived since the full request. */
    private static final class Coverage implements RfbSession.Listener {
        private int width;
        private boolean[] covered = new boolean[0];
        private long missing;
        boolean resized;
        boolean updateEnded;
        boolean sawPixels;

        void reset(int w, int h) {
            width = w;
            if (covered.length != w * h) {
                covered = new boolean[w * h];
            } else {
                Arrays.fill(covered, false);
            }
            missing = (long) w * h;
            resized = false;
        }

        boolean complete() {
            return missing == 0;
        }

        @Override
        public void damaged(int x, int y, int w, int h) {
            sawPixels = true;
            for (int r = y; r < y + h; r++) {
                for (int o = r * width + x, end = o + w; o < end; o++) {
                    if (!covered[o]) {
                        covered[o] = true;
                        missing--;
                    }
                }
            }
        }

        @Override
        public void updateEnd() {
            updateEnded = true;
        }

        @Override
        public void resized(int w, int h) {
            resized = true;
        }
    }
}
