package io.rackdesk.app.ssh;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.connections.ssh.ChangedHostKeyException;
import io.rackdesk.app.connections.ssh.UnknownHostKeyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server's host key against known_hosts: listed, hashed, changed, unknown, revoked, no_verify. */
class HostKeyCheckTest {
    @TempDir
    Path dir;

    private static PublicKey ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair().getPublic();
    }

    private static String line(String host, PublicKey key) {
        return host + " ecdsa-sha2-nistp256 " + Base64.getEncoder().encodeToString(HostKeyCheck.blob(key));
    }

    private static String fingerprint(PublicKey key) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(HostKeyCheck.blob(key));
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(hash);
    }

    private SshTarget target(boolean verify, String... lines) throws IOException {
        Path kh = dir.resolve("known_hosts");
        Files.write(kh, List.of(lines), StandardCharsets.UTF_8);
        return new SshTarget("root", "kvm-01", 2222, List.of(Path.of("/k")), kh, verify);
    }

    @Test
    void aListedKeyPasses() throws Exception {
        PublicKey key = ecKey();
        assertDoesNotThrow(() -> HostKeyCheck.check(target(true, "# comment", line("other", ecKey()), line("[kvm-01]:2222", key)), key));
        assertDoesNotThrow(() -> HostKeyCheck.check(target(true, line("kvm-01,[kvm-01]:2222,10.0.0.1", key)), key));
    }

    @Test
    void aHashedEntryPasses() throws Exception {
        PublicKey key = ecKey();
        byte[] salt = new byte[20];
        salt[3] = 7;
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        String hashed = "|1|" + Base64.getEncoder().encodeToString(salt) + "|"
                + Base64.getEncoder().encodeToString(mac.doFinal("[kvm-01]:2222".getBytes(StandardCharsets.UTF_8)));
        assertDoesNotThrow(() -> HostKeyCheck.check(target(true, line(hashed, key)), key));
    }

    @Test
    void anotherKeyOfTheSameTypeIsAChangedKey() throws Exception {
        PublicKey key = ecKey();
        SshTarget t = target(true, line("kvm-01", key), "", line("[kvm-01]:2222", ecKey()));
        ChangedHostKeyException e = assertThrows(ChangedHostKeyException.class, () -> HostKeyCheck.check(t, key));
        assertEquals(List.of(3), e.lines());
        assertEquals("the SSH host key of kvm-01:2222 differs from the one stored in " + t.knownHosts() + " line [3]; "
                + "the server now presents ECDSA key " + fingerprint(key), e.getMessage());
        // no_verify does not let a changed key through either
        SshTarget noVerify = target(false, line("[kvm-01]:2222", ecKey()));
        assertThrows(ChangedHostKeyException.class, () -> HostKeyCheck.check(noVerify, key));
    }

    @Test
    void anUnlistedKeyIsUnknownUnlessNoVerify() throws Exception {
        PublicKey key = ecKey();
        SshTarget t = target(true, line("kvm-01", ecKey())); // port 22's entry is another host
        UnknownHostKeyException e = assertThrows(UnknownHostKeyException.class, () -> HostKeyCheck.check(t, key));
        assertEquals("unknown SSH host key for kvm-01:2222: ecdsa-sha2-nistp256 " + fingerprint(key), e.getMessage());
        SshTarget missing = new SshTarget("root", "kvm-01", 2222, List.of(Path.of("/k")), dir.resolve("none"), true);
        assertThrows(UnknownHostKeyException.class, () -> HostKeyCheck.check(missing, key));
        assertDoesNotThrow(() -> HostKeyCheck.check(target(false), key));
        // a key of another type only: not this key, so unknown (as OpenSSH), not "changed"
        assertThrows(UnknownHostKeyException.class, () -> HostKeyCheck.check(
                target(true, "[kvm-01]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIME7Q+2fyMGTKuLsH24xQAXBuLYtYra92NG7esuo7rLc"), key));
    }

    @Test
    void aRevokedKeyIsRefused() throws Exception {
        PublicKey key = ecKey();
        SshTarget t = target(false, "@revoked " + line("[kvm-01]:2222", key), line("[kvm-01]:2222", key));
        IOException e = assertThrows(IOException.class, () -> HostKeyCheck.check(t, key));
        assertTrue(e.getMessage().contains("is marked @revoked in " + t.knownHosts() + " line 1"), e.getMessage());
    }
}
