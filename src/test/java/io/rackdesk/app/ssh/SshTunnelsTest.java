package io.rackdesk.app.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What SshTunnels says before any SSH server is involved: key files, unreachable hosts. */
class SshTunnelsTest {
    @TempDir
    Path dir;

    private SshTarget target(List<Path> keys) {
        return new SshTarget("root", "127.0.0.1", 2222, keys, dir.resolve("known_hosts"), true);
    }

    @Test
    void aMissingKeyFileIsNamed() {
        Path key = dir.resolve("id_missing");
        IOException e = assertThrows(IOException.class, () -> SshTunnels.loadKeys(target(List.of(key))));
        assertEquals("the SSH key file " + key + " does not exist", e.getMessage());
    }

    @Test
    void noDefaultKeyAtAll() {
        List<Path> defaults = List.of(dir.resolve("id_ed25519"), dir.resolve("id_rsa"));
        IOException e = assertThrows(IOException.class, () -> SshTunnels.loadKeys(target(defaults)));
        assertEquals("no SSH key for root@127.0.0.1:2222: none of " + defaults + " exists; name one with keyfile= in the connection's URI",
                e.getMessage());
    }

    @Test
    void aPublicKeyOrAnEncryptedKeyIsExplained() throws IOException {
        Path pub = Files.writeString(dir.resolve("id_ed25519.pub"),
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIME7Q+2fyMGTKuLsH24xQAXBuLYtYra92NG7esuo7rLc ana@host\n");
        IOException e = assertThrows(IOException.class, () -> SshTunnels.loadKeys(target(List.of(pub))));
        assertEquals(pub + " is a public key: the SSH tunnel needs the private key (the file without .pub)", e.getMessage());

        // the start of an openssh-key-v1 file whose cipher is not "none": a passphrase-protected key
        ByteBuffer b = ByteBuffer.allocate(64);
        b.put("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII)).putInt(10).put("aes256-ctr".getBytes(StandardCharsets.US_ASCII));
        String marker = "OPENSSH PRIVATE " + "KEY";
        Path enc = Files.writeString(dir.resolve("id_enc"), "-----BEGIN " + marker + "-----\n"
                + Base64.getEncoder().encodeToString(b.array()) + "\n-----END " + marker + "-----\n");
        e = assertThrows(IOException.class, () -> SshTunnels.loadKeys(target(List.of(enc))));
        assertEquals("the SSH key " + enc + " is passphrase-protected: not supported yet (Rackdesk stores no secrets and does "
                + "not use ssh-agent yet); use a key without a passphrase", e.getMessage());
    }

    @Test
    void aHostWithoutSshServerIsReportedWithinTheTimeout() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        String pem = "-----BEGIN PRIVATE " + "KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(g.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE " + "KEY-----\n";
        Path key = Files.writeString(dir.resolve("id_rsa"), pem);
        assertEquals(1, SshTunnels.loadKeys(target(List.of(key))).size());
        SshTarget t = new SshTarget("root", "127.0.0.1", port, List.of(key), dir.resolve("known_hosts"), true);
        try (SshTunnels tunnels = new SshTunnels(Duration.ofSeconds(5), Duration.ZERO)) {
            IOException e = assertThrows(IOException.class, () -> tunnels.open(t, "127.0.0.1", 5900));
            assertEquals(0, tunnels.sessionCount());
            assertTrue(e.getMessage().startsWith("cannot reach the SSH server root@127.0.0.1:" + port + ": "), e.getMessage());
        }
    }
}
