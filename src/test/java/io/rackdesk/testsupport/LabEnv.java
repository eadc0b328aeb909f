package io.rackdesk.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The env file a lab script writes (KEY='value' lines), found through an environment variable or its
 * default path. Tests that need the lab are skipped with the reason when the file is absent, unless
 * RACKDESK_REQUIRE_LAB=1 (CI), which fails them. {@link Lab}, {@link CephLab} and {@link VncLab} are
 * the three labs.
 */
public final class LabEnv {
    private final String name;
    private final String variable;
    private final Path defaultFile;
    private final String startScript;
    private Map<String, String> values;

    public LabEnv(String name, String variable, Path defaultFile, String startScript) {
        this.name = name;
        this.variable = variable;
        this.defaultFile = defaultFile;
        this.startScript = startScript;
    }

    public Path file() {
        String p = System.getenv(variable);
        return p != null && !p.isBlank() ? Path.of(p) : defaultFile;
    }

    /** Skips (or in CI fails) the calling test when the lab is not up. */
    public void require() {
        Path f = file();
        boolean present = Files.isRegularFile(f);
        if (!present && "1".equals(System.getenv("RACKDESK_REQUIRE_LAB"))) {
            throw new AssertionError("RACKDESK_REQUIRE_LAB=1 but " + f + " is missing: " + startScript + " did not run");
        }
        assumeTrue(present, name + " not running (" + f + " is missing): start it with " + startScript);
    }

    /** A value from the env file; fails the test when the key is not there. */
    public synchronized String get(String key) {
        require();
        if (values == null) {
            values = parse(file());
        }
        String v = values.get(key);
        if (v == null) {
            throw new AssertionError(key + " is not in " + file());
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
