package io.rackdesk.app.platform;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Graphics settings for Linux that must be in place before JavaFX starts (they do nothing elsewhere).
 *
 * <ul>
 * <li>Without a GPU (no {@code /dev/dri/renderD*}, no {@code /dev/nvidia*}: VMs, jump hosts, remote X,
 * Xvfb) JavaFX's OpenGL pipeline can only fail or run on Mesa's software GL, and trying it maps Mesa
 * and LLVM into the process (about 80 MiB resident). There Rackdesk asks for JavaFX's software
 * pipeline straight away ({@code prism.order=sw}); with a GPU nothing changes. A {@code prism.order}
 * the user gave is kept.</li>
 * <li>{@code GDK_GL=disable}: GTK 3 probes OpenGL when it opens the display, to pick visuals for its own
 * GL widgets, which Rackdesk does not use; JavaFX's OpenGL pipeline picks its visual itself. A value
 * the user set is kept.</li>
 * </ul>
 */
public final class LinuxGraphics {
    private static final Logger LOG = LoggerFactory.getLogger(LinuxGraphics.class);

    interface LibC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    private LinuxGraphics() {
    }

    /** Call before the JavaFX toolkit starts. */
    public static void prepare() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return;
        }
        if (System.getProperty("prism.order") == null && !hasGpu(Path.of("/dev"))) {
            System.setProperty("prism.order", "sw");
            LOG.info("no GPU device under /dev (dri/renderD*, nvidia*): JavaFX draws in software");
        }
        if (System.getenv("GDK_GL") != null) {
            return; // set by the user, or by the installed launcher (which spares the start JNA's set-up here)
        }
        try {
            LibC libc = Native.load("c", LibC.class);
            if (libc.setenv("GDK_GL", "disable", 0) != 0) {
                LOG.debug("could not set GDK_GL for GTK");
            }
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.debug("GTK environment left as it is: {}", e.toString()); // only memory is at stake
        }
    }

    /** Whether {@code dev} has a GPU a GL driver could use: a DRM render node or an NVIDIA device. */
    static boolean hasGpu(Path dev) {
        try (Stream<Path> dri = list(dev.resolve("dri")); Stream<Path> top = list(dev)) {
            return dri.anyMatch(p -> p.getFileName().toString().startsWith("renderD"))
                    || top.anyMatch(p -> p.getFileName().toString().matches("nvidia\\d+"));
        }
    }

    private static Stream<Path> list(Path dir) {
        try {
            return Files.isDirectory(dir) ? Files.list(dir) : Stream.empty();
        } catch (IOException e) {
            return Stream.empty();
        }
    }
}
