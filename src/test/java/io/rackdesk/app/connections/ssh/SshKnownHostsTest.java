package io.rackdesk.app.connections.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshKnownHostsTest {
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINiYppuJbxGtN9ou+Tyu4phDbNJ548pp9eqJujwLseVK";

    /** What ssh-keygen -H writes for {@code name}. */
    private static String hashed(String name) throws Exception {
        byte[] salt = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        return "|1|" + Base64.getEncoder().encodeToString(salt) + "|"
                + Base64.getEncoder().encodeToString(mac.doFinal(name.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void findsPlainHashedAndListedEntriesForTheHostAndPort(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("known_hosts"), String.join("\n",
                "# comment",
                "[127.0.0.1]:2222 " + KEY,
                "127.0.0.1 " + KEY,
                "kvm-01,[127.0.0.1]:2222 " + KEY,
                hashed("[127.0.0.1]:2222") + " " + KEY,
                "@revoked [127.0.0.1]:2222 " + KEY,
                "[127.0.0.1]:2223 " + KEY,
                ""));
        assertEquals(List.of(2, 4, 5, 6), SshKnownHosts.linesFor(file, "127.0.0.1", 2222));
        assertEquals(List.of(3), SshKnownHosts.linesFor(file, "127.0.0.1", 22));
        assertEquals(List.of(), SshKnownHosts.linesFor(dir.resolve("missing"), "127.0.0.1", 22));
    }
}
