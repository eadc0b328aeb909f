package io.rackdesk.app.demo;

import io.rackdesk.app.files.AtomicFiles;
import io.rackdesk.app.settings.ConnectionSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The bundled demo host: a libvirt test-driver fixture shipped in the jar, written out to the data
 * folder so that libvirt can open it as {@code test:///ABS/PATH/demo-host.xml} with no daemon.
 */
public final class DemoFixture {
    public static final String RESOURCE = "/io/rackdesk/demo/demo-host.xml";
    public static final String FILE_NAME = "demo-host.xml";
    public static final String CONNECTION_NAME = "Demo host (libvirt test driver)";

    private DemoFixture() {
    }

    /** Writes the fixture to {@code dataDir/demo/} unless an identical copy is there; returns its path. */
    public static Path install(Path dataDir) {
        byte[] content = bundled();
        Path target = dataDir.resolve("demo").resolve(FILE_NAME).toAbsolutePath();
        try {
            if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), content)) {
                return target;
            }
            AtomicFiles.write(target, content);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo host to " + target + ": " + e.getMessage(), e);
        }
    }

    /** The test-driver URI for a fixture file; the path is percent-encoded (spaces on macOS, etc.). */
    public static String uriFor(Path fixture) {
        String path = fixture.toAbsolutePath().toString().replace('\\', '/');
        if (!path.startsWith("/")) {
            path = "/" + path; // Windows: C:/... -> /C:/...
        }
        try {
            return new URI("test", "", path, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot make a test:/// URI from " + fixture, e);
        }
    }

    /** The saved connection for the demo host. */
    public static ConnectionSettings connection(Path dataDir) {
        return new ConnectionSettings(null, CONNECTION_NAME, uriFor(install(dataDir)), true, true);
    }

    static byte[] bundled() {
        try (InputStream in = DemoFixture.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo host " + RESOURCE + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
