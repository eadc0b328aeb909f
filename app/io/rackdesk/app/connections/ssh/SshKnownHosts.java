package io.rackdesk.app.connections.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Finds a host's entries in an OpenSSH known_hosts file (plain or hashed names), to tell the user which line to remove. */
public final class SshKnownHosts {
    private SshKnownHosts() {
    }

    /** 1-based numbers of the lines that hold a key for {@code host} on {@code port}; empty when none or no file. */
    public static List<Integer> linesFor(Path file, String host, int port) throws IOException {
        return matching(file, host, port).stream().map(Match::line).toList();
    }

    /** One known_hosts line for a host: its marker (@revoked, @cert-authority or null), key type and base64 key. */
    public record Entry(int line, String marker, String keyType, String keyBase64) {
    }

    /**
     * The entries of {@code file} for {@code host} on {@code port} (plain or hashed names, as
     * {@link #linesFor}); empty when none or no file. Lines without a key are skipped.
     */
    public static List<Entry> entriesFor(Path file, String host, int port) throws IOException {
        return matching(file, host, port).stream()
                .filter(m -> m.fields().length >= m.hostsField() + 3)
                .map(m -> new Entry(m.line(), m.hostsField() == 1 ? m.fields()[0] : null,
                        m.fields()[m.hostsField() + 1], m.fields()[m.hostsField() + 2]))
                .toList();
    }

    /** A line naming the host: its 1-based number, its fields, and which field holds the host names. */
    private record Match(int line, String[] fields, int hostsField) {
    }

    private static List<Match> matching(Path file, String host, int port) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        String name = entryName(host, port);
        List<Match> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            int hostsField = fields[0].startsWith("@") ? 1 : 0; // @cert-authority / @revoked markers
            if (fields.length > hostsField && matches(fields[hostsField], name)) {
                found.add(new Match(i + 1, fields, hostsField));
            }
        }
        return found;
    }

    /** How OpenSSH and libssh write a host: "host" on port 22, "[host]:port" otherwise. */
    public static String entryName(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    static boolean matches(String hostsField, String name) {
        for (String pattern : hostsField.split(",")) {
            boolean match = pattern.startsWith("|1|") ? hashedMatches(pattern, name)
                    : pattern.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT));
            if (match) {
                return true;
            }
        }
        return false;
    }

    /** |1|base64(salt)|base64(HMAC-SHA1(salt, name)), as written with HashKnownHosts. */
    private static boolean hashedMatches(String pattern, String name) {
        String[] parts = pattern.split("\\|");
        if (parts.length != 4) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            return MessageDigest.isEqual(expected, mac.doFinal(name.getBytes(StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
