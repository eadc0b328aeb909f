// PEM markers are split ("PRIVATE " + "KEY") so that no file looks like a committed key; none holds key material.
package io.rackdesk.app.connections.ssh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks at an SSH private key file before libvirt does, because libssh's own errors ("error while
 * reading private key") do not say what is wrong. Disk I/O: call it on a worker.
 */
public final class SshKeyFiles {
    private static final Pattern OPENSSH_KEY = Pattern.compile(
            "-----BEGIN OPENSSH PRIVATE " + "KEY-----([A-Za-z0-9+/=\\s]+)-----END OPENSSH PRIVATE KEY-----");
    private static final byte[] OPENSSH_MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final long MAX_KEY_BYTES = 64 * 1024;

    private SshKeyFiles() {
    }

    /** Why a file cannot serve as an SSH private key for libssh. */
    public enum Problem {
        MISSING,
        FOLDER,
        UNREADABLE,
        PUBLIC_KEY,
        PUTTY_KEY,
        PASSPHRASE,
        NOT_A_KEY
    }

    /** The problem with {@code file} as an unencrypted private key, or null when it looks usable. */
    public static Problem check(Path file) {
        if (!Files.exists(file)) {
            return Problem.MISSING;
        }
        if (Files.isDirectory(file)) {
            return Problem.FOLDER;
        }
        String text;
        try {
            if (Files.size(file) > MAX_KEY_BYTES) {
                return Problem.NOT_A_KEY;
            }
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return Problem.UNREADABLE;
        }
        return classify(text);
    }

    static Problem classify(String text) {
        String t = text.strip();
        if (t.startsWith("PuTTY-User-Key-File")) {
            return Problem.PUTTY_KEY;
        }
        if (t.matches("(?s)(ssh-|ecdsa-|sk-)[\\w@.-]+ [A-Za-z0-9+/=]+.*") && !t.contains("-----BEGIN")) {
            return Problem.PUBLIC_KEY;
        }
        Matcher openssh = OPENSSH_KEY.matcher(t);
        if (openssh.find()) {
            return opensshEncrypted(openssh.group(1)) ? Problem.PASSPHRASE : null;
        }
        if (t.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || t.contains("Proc-Type: 4,ENCRYPTED")) {
            return Problem.PASSPHRASE;
        }
        if (t.matches("(?s)-----BEGIN (RSA |EC |DSA )?PRIVATE KEY-----.*-----END (RSA |EC |DSA )?PRIVATE KEY-----")) {
            return null;
        }
        return Problem.NOT_A_KEY;
    }

    /** openssh-key-v1 starts with the cipher name; "none" means no passphrase. */
    private static boolean opensshEncrypted(String base64) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Base64.getMimeDecoder().decode(base64));
            byte[] magic = new byte[OPENSSH_MAGIC.length];
            b.get(magic);
            int len = b.getInt();
            if (len < 0 || len > b.remaining()) {
                return false;
            }
            byte[] cipher = new byte[len];
            b.get(cipher);
            return !"none".equals(new String(cipher, StandardCharsets.US_ASCII));
        } catch (RuntimeException e) {
            return false; // damaged: let libssh say so
        }
    }
}
