package io.rackdesk.app.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class LinuxGraphicsTest {
    interface LibC extends Library {
        String getenv(String name);

        int setenv(String name, String value, int overwrite);

        int unsetenv(String name);
    }

    @TempDir
    Path dev;

    @Test
    void aGpuIsARenderNodeOrAnNvidiaDevice() throws Exception {
        assertFalse(LinuxGraphics.hasGpu(dev), "no /dev/dri at all: a VM or a container");
        Files.createDirectories(dev.resolve("dri"));
        Files.createFile(dev.resolve("dri/card0")); // a display controller alone (e.g. a VM's virtual VGA) renders nothing
        assertFalse(LinuxGraphics.hasGpu(dev));
        Files.createFile(dev.resolve("nvidiactl"));
        assertFalse(LinuxGraphics.hasGpu(dev), "the control node is not a GPU");
        Files.createFile(dev.resolve("nvidia0"));
        assertTrue(LinuxGraphics.hasGpu(dev));
        Files.delete(dev.resolve("nvidia0"));
        Files.createFile(dev.resolve("dri/renderD128"));
        assertTrue(LinuxGraphics.hasGpu(dev));
    }

    /** The process environment GTK reads (libc's, not System.getenv's copy taken at start-up). */
    @Test
    @EnabledOnOs(OS.LINUX)
    void gtkGlIsDisabledUnlessTheUserChoseOtherwise() {
        LibC libc = Native.load("c", LibC.class);
        String before = libc.getenv("GDK_GL");
        String order = System.getProperty("prism.order");
        try {
            libc.unsetenv("GDK_GL");
            LinuxGraphics.prepare();
            assertEquals("disable", libc.getenv("GDK_GL"));

            libc.setenv("GDK_GL", "always", 1);
            LinuxGraphics.prepare();
            assertEquals("always", libc.getenv("GDK_GL"), "a value the user set is kept");
        } finally {
            if (before == null) {
                libc.unsetenv("GDK_GL");
            } else {
                libc.setenv("GDK_GL", before, 1);
            }
            if (order == null) {
                System.clearProperty("prism.order");
            } else {
                System.setProperty("prism.order", order);
            }
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aPipelineTheUserChoseIsKept() {
        String order = System.getProperty("prism.order");
        try {
            System.setProperty("prism.order", "es2");
            LinuxGraphics.prepare();
            assertEquals("es2", System.getProperty("prism.order"));
        } finally {
            if (order == null) {
                System.clearProperty("prism.order");
            } else {
                System.setProperty("prism.order", order);
            }
        }
    }
}
