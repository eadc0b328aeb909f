package io.rackdesk.testsupport;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The QEMU VNC lab started by scripts/lab/start-vnc-lab.sh, read from its vnc.env
 * (RACKDESK_VNC_LAB_ENV, default /tmp/rackdesk-lab/vnc/vnc.env). Like {@link Lab}: tests that need
 * it are skipped when the file is absent, unless RACKDESK_REQUIRE_LAB=1 (CI), which fails them.
 */
public final class VncLab {
    public static final Path DEFAULT_ENV = Path.of("/tmp/rackdesk-lab/vnc/vnc.env");
    private static final LabEnv ENV = new LabEnv("VNC lab", "RACKDESK_VNC_LAB_ENV", DEFAULT_ENV, "scripts/lab/start-vnc-lab.sh");

    private VncLab() {
    }

    public static Path envFile() {
        return ENV.file();
    }

    /** Skips (or in CI fails) the calling test when the lab is not up. */
    public static void require() {
        ENV.require();
    }

    public static String get(String key) {
        return ENV.get(key);
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
