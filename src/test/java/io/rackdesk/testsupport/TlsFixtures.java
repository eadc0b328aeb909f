package io.rackdesk.testsupport;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The certificate fixtures in src/test/resources/io/rackdesk/app/connections/tls (see their README). */
public final class TlsFixtures {
    private TlsFixtures() {
    }

    public static Path path(String name) {
        try {
            return Path.of(TlsFixtures.class.getResource("/io/rackdesk/app/connections/tls/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
