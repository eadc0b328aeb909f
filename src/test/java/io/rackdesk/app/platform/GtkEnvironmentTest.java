package io.rackdesk.app.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The process environment GTK reads (libc's, not System.getenv's copy taken at start-up). */
@EnabledOnOs(OS.LINUX)
class GtkEnvironmentTest {
    interface LibC extends Library {
        String getenv(String name);

        int setenv(String name, String value, int overwrite);

        int unsetenv(String name);
    }

    private static final LibC LIBC = Native.load("c", LibC.class);

    @Test
    void gtkGlIsDisabledUnlessTheUserChoseOtherwise() {
        String before = LIBC.getenv("GDK_GL");
        try {
            LIBC.unsetenv("GDK_GL");
            GtkEnvironment.prepare();
            assertEquals("disable", LIBC.getenv("GDK_GL"));

            LIBC.setenv("GDK_GL", "always", 1);
            GtkEnvironment.prepare();
            assertEquals("always", LIBC.getenv("GDK_GL"), "a value the user set is kept");
        } finally {
            if (before == null) {
                LIBC.unsetenv("GDK_GL");
            } else {
                LIBC.setenv("GDK_GL", before, 1);
            }
        }
    }
}
