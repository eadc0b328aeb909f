package io.rackdesk.app.ssh;

import io.rackdesk.app.connections.ConnectionUris;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Who logs in where over SSH, and with what: the user, host and port of a libvirt SSH URI, its key
 * files and the known_hosts file its host key is checked against. {@link SshTunnels} keeps one SSH
 * session per distinct target. {@code verifyHostKey} false (libvirt's {@code no_verify=1}) accepts a
 * host key that known_hosts does not list yet, as OpenSSH's StrictHostKeyChecking=no does; a key that
 * differs from a stored one is refused either way.
 */
public record SshTarget(String user, String host, int port, List<Path> keyFiles, Path knownHosts, boolean verifyHostKey) {
    /** The keys ssh and libssh try when none is named, in their order. */
    public static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    public SshTarget {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SSH port " + port + " is not between 1 and 65535");
        }
        keyFiles = List.copyOf(keyFiles);
        if (keyFiles.isEmpty()) {
            throw new IllegalArgumentException("no SSH key file");
        }
        Objects.requireNonNull(knownHosts, "knownHosts");
    }

    /** Whether {@code uri} reaches libvirtd over SSH: qemu+ssh, qemu+libssh or qemu+libssh2 (any driver). */
    public static boolean isSshUri(String uri) {
        try {
            String scheme = new URI(uri).getScheme();
            if (scheme == null || scheme.indexOf('+') < 0) {
                return false;
            }
            String transport = scheme.substring(scheme.indexOf('+') + 1).toLowerCase(Locale.ROOT);
            return transport.equals("ssh") || transport.equals("libssh") || transport.equals("libssh2");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The target of a libvirt SSH URI for the current user (home: {@code user.home}). */
    public static SshTarget fromLibvirtUri(String uri) {
        return fromLibvirtUri(uri, System.getProperty("user.name"), Path.of(System.getProperty("user.home")));
    }

    /**
     * The target of a libvirt SSH URI, read as libvirt does: the URI's user (else {@code localUser}),
     * its port (else 22), {@code keyfile=} (else ~/.ssh/id_ed25519, id_ecdsa, id_rsa),
     * {@code known_hosts=} (else ~/.ssh/known_hosts) and {@code no_verify=1}.
     */
    public static SshTarget fromLibvirtUri(String uri, String localUser, Path home) {
        if (!isSshUri(uri)) {
            throw new IllegalArgumentException(uri + " is not an SSH connection (qemu+ssh, qemu+libssh or qemu+libssh2)");
        }
        URI u = URI.create(uri);
        String host = u.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException(uri + " names no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String user = u.getRawUserInfo() != null ? ConnectionUris.decode(u.getRawUserInfo()) : localUser;
        Map<String, String> params = ConnectionUris.params(u.getRawQuery());
        Path ssh = home.resolve(".ssh");
        String keyfile = params.get("keyfile");
        List<Path> keys = keyfile != null && !keyfile.isEmpty() ? List.of(Path.of(keyfile))
                : DEFAULT_KEYS.stream().map(ssh::resolve).toList();
        String kh = params.get("known_hosts");
        Path knownHosts = kh != null && !kh.isEmpty() ? Path.of(kh) : ssh.resolve("known_hosts");
        boolean verify = !"1".equals(params.get("no_verify"));
        return new SshTarget(user, host, u.getPort() > 0 ? u.getPort() : 22, keys, knownHosts, verify);
    }

    /** user@host:port, with brackets around an IPv6 address. */
    public String address() {
        return user + "@" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return address();
    }
}
