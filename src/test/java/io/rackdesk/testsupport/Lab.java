package io.rackdesk.testsupport;

import java.nio.file.Path;

/**
 * The real libvirt lab started by scripts/lab/start-libvirt-lab.sh, read from its lab.env
 * (RACKDESK_LAB_ENV, default /tmp/rackdesk-lab/libvirt/lab.env). Tests that need it are skipped
 * with the reason when the file is absent, unless RACKDESK_REQUIRE_LAB=1 (CI), which fails them.
 */
public final class Lab {
    public static final Path DEFAULT_ENV = Path.of("/tmp/rackdesk-lab/libvirt/lab.env");
    private static final LabEnv ENV = new LabEnv("libvirt lab", "RACKDESK_LAB_ENV", DEFAULT_ENV,
            "scripts/lab/start-libvirt-lab.sh");

    private Lab() {
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
}
