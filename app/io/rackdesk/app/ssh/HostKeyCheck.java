package io.rackdesk.app.ssh;

import io.rackdesk.app.connections.ssh.ChangedHostKeyException;
import io.rackdesk.app.connections.ssh.HostKey;
import io.rackdesk.app.connections.ssh.SshKnownHosts;
import io.rackdesk.app.connections.ssh.UnknownHostKeyException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * Checks an SSH server's host key against an OpenSSH known_hosts file (plain or hashed names, the
 * {@code [host]:port} form for other ports than 22), as strictly as {@code StrictHostKeyChecking=yes}:
 * a listed key passes; a key of a type that is listed for the host with another value is CHANGED
 * and refused; a key that is not listed at all is unknown and refused unless the target says
 * {@code no_verify}; a key marked {@code @revoked} is refused. The check never writes the file; {@link #append} does, once the user trusted a key.
 * Limits: no wildcard or negated host patterns, no @cert-authority (host certificates).
 */
final class HostKeyCheck {
    private HostKeyCheck() {
    }

    /** The server's key as Rackdesk reports host keys: type and SHA-256 of its wire form. */
    static HostKey hostKey(SshTarget target, PublicKey key) {
        return new HostKey(target.host(), target.port(), KeyUtils.getKeyType(key), HexFormat.ofDelimiter(":").formatHex(sha256(blob(key))));
    }

    /** Returns normally when {@code key} may be trusted for {@code target}; else throws. */
    static void check(SshTarget target, PublicKey key) throws IOException {
        byte[] blob = blob(key);
        String base64 = Base64.getEncoder().encodeToString(blob);
        HostKey presented = hostKey(target, key);
        List<SshKnownHosts.Entry> entries = SshKnownHosts.entriesFor(target.knownHosts(), target.host(), target.port());
        for (SshKnownHosts.Entry e : entries) {
            if ("@revoked".equals(e.marker()) && e.keyBase64().equals(base64)) {
                throw new IOException("the SSH host key of " + presented.address() + " (" + presented.displayType() + " "
                        + presented.fingerprint() + ") is marked @revoked in " + target.knownHosts() + " line " + e.line());
            }
        }
        List<Integer> sameType = new ArrayList<>();
        for (SshKnownHosts.Entry e : entries) {
            if (e.marker() == null) {
                if (e.keyBase64().equals(base64)) {
                    return;
                }
                if (e.keyType().equals(presented.keyType())) {
                    sameType.add(e.line());
                }
            }
        }
        if (!sameType.isEmpty()) {
            throw new ChangedHostKeyException(presented, target.knownHosts(), sameType);
        }
        if (!target.verifyHostKey()) {
            return; // no_verify=1: an unlisted key is accepted (and not stored), a changed one never
        }
        throw new UnknownHostKeyException(presented);
    }

    /**
     * Appends {@code key} for the target's host and port to its known_hosts (OpenSSH's plain form;
     * the folder and the file are made when missing, the file readable by its owner only).
     */
    static void append(SshTarget target, PublicKey key) throws IOException {
        java.nio.file.Path file = target.knownHosts();
        if (file.getParent() != null) {
            java.nio.file.Files.createDirectories(file.getParent());
        }
        String line = SshKnownHosts.entryName(target.host(), target.port()) + " " + KeyUtils.getKeyType(key) + " "
                + Base64.getEncoder().encodeToString(blob(key)) + "\n";
        boolean fresh = !java.nio.file.Files.exists(file);
        if (!fresh) {
            byte[] old = java.nio.file.Files.readAllBytes(file);
            if (old.length > 0 && old[old.length - 1] != '\n') {
                line = "\n" + line;
            }
        }
        java.nio.file.Files.writeString(file, line, java.nio.charset.StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        if (fresh) {
            try {
                java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
        }
    }

    /** The key in SSH wire format (string type, then key data), as known_hosts stores it in base64. */
    static byte[] blob(PublicKey key) {
        ByteArrayBuffer b = new ByteArrayBuffer();
        b.putRawPublicKey(key);
        return b.getCompactData();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
