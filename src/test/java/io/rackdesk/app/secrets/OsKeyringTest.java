package io.rackdesk.app.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real OS keyring through java-keyring: a private D-Bus session with GNOME Keyring's Secret
 * Service, unlocked with a throw-away password (packages dbus-daemon and gnome-keyring; skipped
 * without them), and the case of a machine with no session bus at all.
 */
class OsKeyringTest {
    /** dbus-java reads the session bus address from this property before the environment. */
    private static final String BUS = "DBUS_SESSION_BUS_ADDRESS";
    @TempDir
    Path dir;
    private Process dbus;
    private Process keyring;
    private String previousBus;

    @AfterEach
    void stop() throws InterruptedException {
        if (previousBus == null) {
            System.clearProperty(BUS);
        } else {
            System.setProperty(BUS, previousBus);
        }
        for (Process p : new Process[] {keyring, dbus}) {
            if (p != null) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void noSessionBusMeansNoKeyringWithTheReason() {
        previousBus = System.getProperty(BUS);
        System.setProperty(BUS, "unix:path=" + dir.resolve("no-such-bus"));
        SecretStoreException e = assertThrows(SecretStoreException.class, OsKeyring::open);
        assertTrue(e.getMessage().startsWith("no OS keyring: "), e.getMessage());
        SecretVault vault = new SecretVault(OsKeyring::open);
        assertEquals(false, vault.put("ceph-cluster/x", "AQBOYF1pAAAAABAAx3rsJp0C3cDi3ao5HCrY3w==").inKeyring());
    }

    @Test
    void roundTripThroughGnomeKeyringsSecretService() throws Exception {
        assumeTrue(onPath("dbus-daemon") && onPath("gnome-keyring-daemon"), "needs dbus-daemon and gnome-keyring-daemon");
        previousBus = System.getProperty(BUS);
        String bus = startSessionBus();
        startGnomeKeyring(bus);
        System.setProperty(BUS, bus);

        try (OsKeyring store = OsKeyring.open()) {
            assertEquals("the OS keyring (Secret Service)", store.describe());
            SecretVaultTest.contract(store);
            store.put("ceph-cluster/round-trip", "AQBOYF1pAAAAABAAx3rsJp0C3cDi3ao5HCrY3w==");
        }
        // another connection (the next session of the app) reads it back, then it is removed
        try (OsKeyring again = OsKeyring.open()) {
            assertEquals(Optional.of("AQBOYF1pAAAAABAAx3rsJp0C3cDi3ao5HCrY3w=="), again.get("ceph-cluster/round-trip"));
            again.delete("ceph-cluster/round-trip");
            assertEquals(Optional.empty(), again.get("ceph-cluster/round-trip"));
        }
        SecretVault vault = new SecretVault(OsKeyring::open);
        assertTrue(vault.placement().inKeyring(), String.valueOf(vault.placement()));
    }

    private String startSessionBus() throws IOException {
        dbus = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--print-address=1", "--address=unix:path=" + dir.resolve("bus"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] line = new byte[512];
        int n = 0;
        while (n < line.length) {
            int b = dbus.getInputStream().read();
            if (b < 0 || b == '\n') {
                break;
            }
            line[n++] = (byte) b;
        }
        String address = new String(line, 0, n, StandardCharsets.UTF_8).strip();
        assumeTrue(address.startsWith("unix:"), "dbus-daemon gave no address");
        return address;
    }

    private void startGnomeKeyring(String bus) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        ProcessBuilder pb = new ProcessBuilder("gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put(BUS, bus);
        pb.environment().put("XDG_DATA_HOME", data.toString());
        pb.environment().put("XDG_RUNTIME_DIR", Files.createDirectories(dir.resolve("run")).toString());
        pb.environment().put("HOME", dir.toString());
        keyring = pb.start();
        keyring.getOutputStream().write("rackdesk-test-password".getBytes(StandardCharsets.UTF_8)); // the login keyring's password
        keyring.getOutputStream().close();
        // the daemon claims org.freedesktop.secrets on the bus once it is ready
        for (int i = 0; i < 100; i++) {
            Process q = new ProcessBuilder("dbus-send", "--bus=" + bus, "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
                    "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets").redirectErrorStream(true).start();
            String out = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            q.waitFor();
            if (out.contains("boolean true")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("gnome-keyring-daemon did not take org.freedesktop.secrets");
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
