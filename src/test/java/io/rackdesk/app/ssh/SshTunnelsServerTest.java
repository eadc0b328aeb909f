package io.rackdesk.app.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.vnc.ReadTimeout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tunnels through a real SSH server on 127.0.0.1 (SSHD's own server, in the test): data both ways,
 * one session for several tunnels, read timeouts, and a session that drops under its tunnels.
 */
class SshTunnelsServerTest {
    @TempDir
    Path dir;
    private SshServer server;
    private ServerSocket echo;
    private Thread echoThread;
    private SshTarget target;

    private static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    @BeforeEach
    void start() throws Exception {
        KeyPair hostKey = ecKeyPair();
        KeyPair userKey = ecKeyPair();
        PublicKey allowed = userKey.getPublic();
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> "ana".equals(user) && key.equals(allowed));
        server.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        server.start();

        echo = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        echoThread = new Thread(this::echoLoop, "test-echo");
        echoThread.setDaemon(true);
        echoThread.start();

        Path key = writeKey(userKey, dir.resolve("id_ecdsa"));
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + server.getPort() + " ecdsa-sha2-nistp256 "
                + Base64.getEncoder().encodeToString(HostKeyCheck.blob(hostKey.getPublic())) + "\n");
        target = new SshTarget("ana", "127.0.0.1", server.getPort(), List.of(key), knownHosts, true);
    }

    /** An unencrypted OpenSSH private key file, as ssh-keygen writes it. */
    private static Path writeKey(KeyPair pair, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "test", null, out);
        }
        return file;
    }

    private void echoLoop() {
        while (!echo.isClosed()) {
            try {
                Socket s = echo.accept();
                Thread t = new Thread(() -> {
                    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                        in.transferTo(out);
                    } catch (IOException e) {
                        // the tunnel went away
                    }
                }, "test-echo-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    @AfterEach
    void stop() throws IOException {
        echo.close();
        server.stop(true);
    }

    private static String roundTrip(Tunnel t, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        t.output().write(b);
        return new String(t.input().readNBytes(b.length), StandardCharsets.UTF_8);
    }

    @Test
    void tunnelsShareOneSessionAndCarryDataBothWays() throws Exception {
        try (SshTunnels tunnels = new SshTunnels(Duration.ofSeconds(10), Duration.ZERO)) {
            Tunnel a = tunnels.open(target, "127.0.0.1", echo.getLocalPort());
            Tunnel b = tunnels.open(target, "127.0.0.1", echo.getLocalPort());
            assertEquals(1, tunnels.sessionCount());
            assertEquals("hello", roundTrip(a, "hello"));
            assertEquals("world".repeat(20000), roundTrip(b, "world".repeat(20000)));
            a.close();
            assertFalse(a.isOpen());
            assertThrows(IOException.class, () -> a.output().write(1));
            assertEquals(1, tunnels.sessionCount());
            assertEquals("still", roundTrip(b, "still"));
            b.close();
            assertEquals(0, tunnels.sessionCount());
        }
    }

    @Test
    void aReadWaitsNoLongerThanTheReadTimeout() throws Exception {
        try (SshTunnels tunnels = new SshTunnels(Duration.ofSeconds(10), Duration.ZERO);
                Tunnel t = tunnels.open(target, "127.0.0.1", echo.getLocalPort())) {
            ((ReadTimeout) t.input()).setReadTimeout(Duration.ofMillis(300));
            long start = System.nanoTime();
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> t.input().read());
            assertTrue(System.nanoTime() - start < 5_000_000_000L);
            assertTrue(e.getMessage().startsWith("no data through the SSH tunnel to 127.0.0.1:" + echo.getLocalPort()), e.getMessage());
            assertEquals("after", roundTrip(t, "after"), "a timeout does not break the tunnel");
        }
    }

    @Test
    void aDroppedSessionFailsItsTunnelsWithAClearMessage() throws Exception {
        try (SshTunnels tunnels = new SshTunnels(Duration.ofSeconds(10), Duration.ofSeconds(30))) {
            Tunnel t = tunnels.open(target, "127.0.0.1", echo.getLocalPort());
            assertEquals("ping", roundTrip(t, "ping"));
            server.stop(true); // the host goes away under the console
            IOException e = assertThrows(IOException.class, () -> {
                for (int i = 0; i < 100; i++) { // until the drop has reached the client
                    t.output().write('x');
                    t.input().read();
                    Thread.sleep(50);
                }
            });
            assertTrue(e.getMessage().startsWith("the SSH session to " + target + " ended"), e.getMessage());
            assertFalse(t.isOpen());
            assertEquals(0, tunnels.sessionCount());
            t.close();
            // the next console logs in anew (and here fails: the server is gone)
            IOException again = assertThrows(IOException.class, () -> tunnels.open(target, "127.0.0.1", echo.getLocalPort()));
            assertTrue(again.getMessage().startsWith("cannot reach the SSH server " + target), again.getMessage());
        }
    }

    @Test
    void aKeyTheServerDoesNotAcceptIsSaidSo() throws Exception {
        KeyPair other = ecKeyPair();
        Path key = writeKey(other, dir.resolve("id_other"));
        SshTarget wrongKey = new SshTarget("ana", "127.0.0.1", server.getPort(), List.of(key), target.knownHosts(), true);
        try (SshTunnels tunnels = new SshTunnels(Duration.ofSeconds(10), Duration.ZERO)) {
            IOException e = assertThrows(IOException.class, () -> tunnels.open(wrongKey, "127.0.0.1", echo.getLocalPort()));
            assertEquals("the SSH server " + wrongKey + " did not accept the key " + key + " for ana (public key authentication failed)",
                    e.getMessage());
            assertEquals(0, tunnels.sessionCount());
        }
    }

    @Test
    void aTrustedUnknownKeyIsAddedToKnownHostsAtTheNextLogin() throws Exception {
        Path empty = Files.writeString(dir.resolve("known_hosts.empty"), "# nothing yet");
        SshTarget unknown = new SshTarget("ana", "127.0.0.1", server.getPort(), target.keyFiles(), empty, true);
        try (SshTunnels tunnels = new SshTunnels(Duration.ofSeconds(10), Duration.ZERO)) {
            io.rackdesk.app.connections.ssh.UnknownHostKeyException u = assertThrows(io.rackdesk.app.connections.ssh.UnknownHostKeyException.class,
                    () -> tunnels.open(unknown, "127.0.0.1", echo.getLocalPort()));
            tunnels.trustHostKey(unknown, u.hostKey());
            Tunnel t = tunnels.open(unknown, "127.0.0.1", echo.getLocalPort());
            assertEquals("trusted", roundTrip(t, "trusted"));
            t.close();
            String line = Files.readAllLines(target.knownHosts()).get(0);
            assertEquals(List.of("# nothing yet", line), Files.readAllLines(empty), "the server's key appended on a line of its own");
            // known now: a new SshTunnels (no trust given) logs in without asking
            try (SshTunnels fresh = new SshTunnels(Duration.ofSeconds(10), Duration.ZERO)) {
                fresh.open(unknown, "127.0.0.1", echo.getLocalPort()).close();
            }
        }
    }

    @Test
    void trustGivenForAnotherKeyDoesNotLetThisOneIn() throws Exception {
        Path empty = Files.writeString(dir.resolve("known_hosts.empty"), "");
        SshTarget unknown = new SshTarget("ana", "127.0.0.1", server.getPort(), target.keyFiles(), empty, true);
        try (SshTunnels tunnels = new SshTunnels(Duration.ofSeconds(10), Duration.ZERO)) {
            tunnels.trustHostKey(unknown, new io.rackdesk.app.connections.ssh.HostKey("127.0.0.1", server.getPort(), "ecdsa-sha2-nistp256",
                    "00".repeat(32)));
            assertThrows(io.rackdesk.app.connections.ssh.UnknownHostKeyException.class, () -> tunnels.open(unknown, "127.0.0.1", echo.getLocalPort()));
            assertEquals("", Files.readString(empty));
        }
    }
}
