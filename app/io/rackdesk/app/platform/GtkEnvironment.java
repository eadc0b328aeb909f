package io.rackdesk.app.platform;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings for GTK that must be in the process environment before JavaFX starts it (Linux only).
 *
 * <p>{@code GDK_GL=disable}: GTK 3 probes OpenGL when it opens the display, to pick visuals for its own
 * GL widgets, which Rackdesk does not use. JavaFX draws either through its own GLX context (the es2
 * pipeline picks its visual itself and hands it to its windows) or in software, so the probe only
 * loads the system's GL driver for nothing: on machines without a GPU (VMs, remote X, Xvfb) that is
 * Mesa's llvmpipe with LLVM, about 45 MiB of resident memory. A value the user set is kept.
 */
public final class GtkEnvironment {
    private static final Logger LOG = LoggerFactory.getLogger(GtkEnvironment.class);

    interface LibC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    private GtkEnvironment() {
    }

    /** Call before the JavaFX toolkit starts; does nothing off Linux. */
    public static void prepare() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return;
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
}
