package io.rackdesk.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Ceph lab cluster started by scripts/lab/start-ceph-lab.sh, read from its ceph-lab.env
 * (RACKDESK_CEPH_LAB_ENV, default /tmp/rackdesk-lab/ceph/ceph-lab.env). As with {@link Lab}, tests that
 * need it are skipped with the reason when the file is absent, unless RACKDESK_REQUIRE_LAB=1 (CI).
 */
public final class CephLab {
    public static final Path DEFAULT_ENV = Path.of("/tmp/rackdesk-lab/ceph/ceph-lab.env");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LabEnv ENV = new LabEnv("Ceph lab", "RACKDESK_CEPH_LAB_ENV", DEFAULT_ENV, "scripts/lab/start-ceph-lab.sh");

    private CephLab() {
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

    public static Path conf() {
        return Path.of(get("RACKDESK_CEPH_CONF"));
    }

    public static Path keyring() {
        return Path.of(get("RACKDESK_CEPH_KEYRING"));
    }

    /** {@code ceph ARGS -f json} against the lab, as an admin would type it; fails the test on an error. */
    public static JsonNode cli(String... args) {
        List<String> cmd = new ArrayList<>(List.of("timeout", "60", "ceph", "-c", conf().toString(), "-k",
                keyring().toString(), "--connect-timeout", "15"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-f", "json"));
        String out = run(cmd);
        try {
            return JSON.readTree(out.isBlank() ? "null" : out);
        } catch (IOException e) {
            throw new AssertionError("not JSON from " + cmd + ": " + out, e);
        }
    }

    /** Runs a command, returns its stdout; fails the test when it exits non-zero. */
    public static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("exit " + p.exitValue() + ": " + cmd);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + cmd, e);
        }
    }
}
