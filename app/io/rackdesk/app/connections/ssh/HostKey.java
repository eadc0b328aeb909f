package io.rackdesk.app.connections.ssh;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * An SSH server's host key as libvirt's libssh transport reports it: the SHA-256 hash of the public
 * key as colon-separated hex, plus the key type when Rackdesk could learn it (libvirt's prompt does
 * not carry it; see {@link SshHostKeyProbe}).
 */
public record HostKey(String host, int port, String keyType, String sha256Hex) {

    public HostKey {
        Objects.requireNonNull(host, "host");
        sha256Hex = Objects.requireNonNull(sha256Hex, "sha256Hex").toLowerCase(Locale.ROOT);
    }

    /** OpenSSH's notation, as {@code ssh-keygen -lf} prints it: SHA256:base64 without padding. */
    public String fingerprint() {
        byte[] hash = HexFormat.of().parseHex(sha256Hex.replace(":", ""));
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(hash);
    }

    /** ED25519, ECDSA, RSA (as ssh and ssh-keygen name them), or null when the type is unknown. */
    public String displayType() {
        if (keyType == null) {
            return null;
        }
        if (keyType.contains("ed25519")) {
            return "ED25519";
        }
        if (keyType.contains("ecdsa")) {
            return "ECDSA";
        }
        if (keyType.contains("rsa")) {
            return "RSA";
        }
        return keyType;
    }

    public HostKey withKeyType(String type) {
        return new HostKey(host, port, type, sha256Hex);
    }

    /** Same server and same key; the type does not take part. */
    public boolean sameKey(HostKey other) {
        return other != null && host.equals(other.host) && port == other.port && sha256Hex.equals(other.sha256Hex);
    }

    /** host:port as libvirt and ssh print it. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
