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
}
