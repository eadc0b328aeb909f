package io.rackdesk.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real libvirt lab started by scripts/lab/start-libvirt-lab.sh, read from its lab.env
 * (RACKDESK_LAB_ENV, default /tmp/rackdesk-lab/libvirt/lab.env). Tests that need it are skipped
 * with the reason when the file is absent, unless RACKDESK_REQUIRE_LAB=1 (CI), which fails them.
 */
public final class Lab {
    public static final Path DEFAULT_ENV = Path.of("/tmp/rackdesk-lab/libvirt/lab.env");
    private static Map<String, String> values;

    private Lab() {
    }

    public static Path envFile() {
        String p = System.getenv("RACKDESK_LAB_ENV");
        return p != null && !p.isBlank() ? Path.of(p) : DEFAULT_ENV;
    }

    /** Skips (or in CI fails) the calling test when the lab is not up. */
    public static void require() {
        Path f = envFile();
        boolean present = Files.isRegularFile(f);
        if (!present && "1".equals(System.getenv("RACKDESK_REQUIRE_LAB"))) {
            throw new AssertionError("RACKDESK_REQUIRE_LAB=1 but " + f + " is missing: scripts/lab/start-libvirt-lab.sh did not run");
        }
        assumeTrue(present, "libvirt lab not running (" + f + " is missing): start it with scripts/lab/start-libvirt-lab.sh");
    }

    public static synchronized String get(String key) {
        require();
        if (values == null) {
            values = parse(envFile());
        }
        String v = values.get(key);
        if (v == null) {
            throw new AssertionError(key + " is not in " + envFile());
        }
        return v;
    }

    static Map<String, String> parse(Path file) {
        Map<String, String> m = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (line.isBlank() || line.startsWith("#") || eq < 0) {
                    continue;
                }
                String v = line.substring(eq + 1).strip();
                if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
                    v = v.substring(1, v.length() - 1);
                }
                m.put(line.substring(0, eq).strip(), v);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
        return m;
    }
}
