package io.rackdesk.testsupport;

import io.rackdesk.app.demo.DemoFixture;
import java.nio.file.Path;

/** The bundled demo host, written out under a test's temporary folder. */
public final class DemoHost {
    public static final int VM_COUNT = 14;

    private DemoHost() {
    }

    public static String uri(Path tempDir) {
        return DemoFixture.uriFor(DemoFixture.install(tempDir));
    }

    /**
     * Replaces {@code graphics} (a VM's {@code <graphics ...>} start tag, which must be there) with
     * {@code replacement} in the demo host the app wrote under {@code dirs} on its first run: the
     * console tests point demo VMs at the VNC lab's QEMU servers so.
     */
    public static void replaceGraphics(io.rackdesk.app.settings.AppDirs dirs, String graphics, String replacement) throws java.io.IOException {
        Path fixture = dirs.dataDir().resolve("demo").resolve(DemoFixture.FILE_NAME);
        String xml = java.nio.file.Files.readString(fixture, java.nio.charset.StandardCharsets.UTF_8);
        if (!xml.contains(graphics)) {
            throw new AssertionError("no " + graphics + " in the demo host");
        }
        java.nio.file.Files.writeString(fixture, xml.replace(graphics, replacement), java.nio.charset.StandardCharsets.UTF_8);
    }
}
