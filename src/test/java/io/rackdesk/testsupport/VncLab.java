package io.rackdesk.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The QEMU VNC lab started by scripts/lab/start-vnc-lab.sh, read from its vnc.env
 * (RACKDESK_VNC_LAB_ENV, default /tmp/rackdesk-lab/vnc/vnc.env). Like {@link Lab}: tests that need
 * it are skipped when the file is absent, unless RACKDESK_REQUIRE_LAB=1 (CI), which fails them.
 */
public final class VncLab {
    public static final Path DEFAULT_ENV = Path.of("/tmp/rackdesk-lab/vnc/vnc.env");
    private static Map<String, String> values;

    private VncLab() {
    }

    public static Path envFile() {
        String p = System.getenv("RACKDESK_VNC_LAB_ENV");
        return p != null && !p.isBlank() ? Path.of(p) : DEFAULT_ENV;
    }

    public static void require() {
        Path f = envFile();
        boolean present = Files.isRegularFile(f);
        if (!present && "1".equals(System.getenv("RACKDESK_REQUIRE_LAB"))) {
            throw new AssertionError("RACKDESK_REQUIRE_LAB=1 but " + f + " is missing: scripts/lab/start-vnc-lab.sh did not run");
        }
        assumeTrue(present, "VNC lab not running (" + f + " is missing): start it with scripts/lab/start-vnc-lab.sh");
    }

    public static synchronized String get(String key) {
        require();
        if (values == null) {
            values = Lab.parse(envFile());
        }
        String v = values.get(key);
        if (v == null) {
            throw new AssertionError(key + " is not in " + envFile());
        }
        return v;
    }

    public static Path path(String key) {
        return Path.of(get(key));
    }

    /** QEMU's own picture of the screen (QMP screendump, PNG), for comparison with a VNC capture. */
    public static BufferedImage screendump(Path dir) throws IOException {
        Path file = dir.resolve("screendump-" + System.nanoTime() + ".png");
        try (Qmp qmp = Qmp.connect(path("RACKDESK_VNC_LAB_QMP"))) {
            qmp.execute("screendump", "{\"filename\":\"" + file + "\",\"format\":\"png\"}");
        }
        BufferedImage img = ImageIO.read(file.toFile());
        Files.deleteIfExists(file);
        if (img == null) {
            throw new IOException("QEMU's screendump " + file + " is not a readable PNG");
        }
        return img;
    }
}
