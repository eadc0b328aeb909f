package io.rackdesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rackdesk ceph-status} without a cluster: usage errors and files that are not there (no librados call). */
class CephStatusCommandTest {
    @TempDir
    Path dir;
    private final List<GuiOptions> guiCalls = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return RackdeskCommand.run(args, guiCalls::add, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private String oneErrLine() {
        List<String> lines = err.toString().lines().toList();
        assertEquals(1, lines.size(), err.toString());
        assertEquals("", out.toString());
        assertEquals(List.of(), guiCalls);
        return lines.get(0);
    }

    @Test
    void aTargetIsRequired() {
        assertEquals(2, run("ceph-status"));
        assertTrue(oneErrLine().startsWith("rackdesk ceph-status: Error: Missing required argument"), err.toString());
    }

    @Test
    void confAndMonitorsExcludeEachOther() {
        assertEquals(2, run("ceph-status", "--conf", "a", "--keyring", "b", "--mon", "1.2.3.4:6789", "--id", "x", "--key-file", "k"));
        assertTrue(oneErrLine().contains("mutually exclusive"), err.toString());
    }

    @Test
    void aMonitorNeedsAnIdAndAKeyFile() {
        assertEquals(2, run("ceph-status", "--mon", "1.2.3.4:6789", "--id", "x"));
        assertTrue(oneErrLine().contains("--key-file"), err.toString());
    }

    @Test
    void badFormatAndTimeoutAreUsageErrors() {
        assertEquals(2, run("ceph-status", "--conf", "a", "--keyring", "b", "--format", "xml"));
        assertTrue(oneErrLine().contains("'xml' is not a format"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("ceph-status", "--conf", "a", "--keyring", "b", "--timeout", "0"));
        assertTrue(oneErrLine().contains("must be more than 0 seconds"), err.toString());
    }

    @Test
    void aMissingConfIsOneLine() {
        assertEquals(1, run("ceph-status", "--conf", dir.resolve("ceph.conf").toString(), "--keyring", "k"));
        assertEquals("rackdesk ceph-status: ceph.conf not found: " + dir.resolve("ceph.conf"), oneErrLine());
    }

    @Test
    void aMissingKeyringIsOneLine() throws Exception {
        Path conf = Files.writeString(dir.resolve("ceph.conf"), "[global]\nmon host = 127.0.0.1:6789\n");
        assertEquals(1, run("ceph-status", "--conf", conf.toString(), "--keyring", dir.resolve("nope.keyring").toString()));
        assertEquals("rackdesk ceph-status: keyring not found: " + dir.resolve("nope.keyring"), oneErrLine());
    }

    @Test
    void aMissingKeyFileIsOneLine() {
        assertEquals(1, run("ceph-status", "--mon", "127.0.0.1:6789", "--id", "admin", "--key-file", dir.resolve("k").toString()));
        assertEquals("rackdesk ceph-status: key file not found: " + dir.resolve("k"), oneErrLine());
    }

    @Test
    void aKeyFileWithoutACephxKeyIsOneLineAndDoesNotEchoIt() throws Exception {
        Path k = Files.writeString(dir.resolve("k"), "s3cr3tPassw0rd\n");
        assertEquals(1, run("ceph-status", "--mon", "127.0.0.1:6789", "--id", "admin", "--key-file", k.toString()));
        String line = oneErrLine();
        assertTrue(line.startsWith("rackdesk ceph-status: malformed key for client.admin in " + k), line);
        assertTrue(!line.contains("s3cr3t"), "never print the key: " + line);
    }

    @Test
    void anUnknownMonitorHostIsOneLine() throws Exception {
        Path k = Files.writeString(dir.resolve("k"), "AQBzqyxmAAAAABAAaVnZQm9yjGkNYVZYo9ai0w==\n");
        assertEquals(1, run("ceph-status", "--mon", "no-such-monitor.invalid:6789", "--id", "admin", "--key-file", k.toString()));
        assertEquals("rackdesk ceph-status: monitor host not found: no-such-monitor.invalid", oneErrLine());
    }

    @Test
    void anUnknownMonitorHostInTheConfIsOneLine() throws Exception {
        Path conf = Files.writeString(dir.resolve("ceph.conf"), "[global]\nmon host = [v2:no-such-monitor.invalid:3300,v1:no-such-monitor.invalid:6789]\n");
        Path keyring = Files.writeString(dir.resolve("k"), "[client.admin]\n\tkey = AQBzqyxmAAAAABAAaVnZQm9yjGkNYVZYo9ai0w==\n");
        org.junit.jupiter.api.Assumptions.assumeTrue(io.rackdesk.app.ceph.CephClient.libraryVersion().matches("\\d+\\.\\d+\\.\\d+"),
                "librados is not installed");
        assertEquals(1, run("ceph-status", "--conf", conf.toString(), "--keyring", keyring.toString()));
        assertEquals("rackdesk ceph-status: monitor host not found: no-such-monitor.invalid", oneErrLine());
    }
}
