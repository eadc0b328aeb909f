package io.rackdesk.app.connections;

import io.rackdesk.app.connections.ssh.ChangedHostKeyException;
import io.rackdesk.app.connections.ssh.HostKey;
import io.rackdesk.app.connections.ssh.UnknownHostKeyException;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtErrors;
import io.rackdesk.app.task.CallTimeoutException;
import io.rackdesk.app.task.DefaultTaskExecutor;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns libvirt's connection errors into what the user should check or do, naming the file, host or
 * port involved. The texts libvirt 9 produces (found on the lab, see scripts/lab/README.md) are matched
 * here; anything else falls back to {@link LibvirtErrors#describe}. The raw libvirt text is kept on a
 * second line for those who know it.
 */
public final class ConnectionDiagnostics {
    private static final Pattern OWN_CERT_INVALID = Pattern.compile("Our own certificate (.+) failed validation against (.+): (.+)");
    private static final Pattern CERT_EXPIRED = Pattern.compile("The (client|CA|server) certificate (.+) has expired");
    private static final Pattern CERT_NOT_ACTIVE = Pattern.compile("The (client|CA|server) certificate (.+) is not yet active");
    private static final Pattern CANNOT_READ = Pattern.compile("Cannot read (CA certificate|certificate|private key) '([^']+)'");
    private static final Pattern HOSTNAME_MISMATCH = Pattern.compile("Certificate (.+) owner does not match the hostname (.+)");
    private static final Pattern SSH_KEY_READ = Pattern.compile("error while (?:reading|opening) private key '([^']+)'");
    private static final Pattern RESOLVE = Pattern.compile("Unable to resolve address '([^']+)'");
    private static final Pattern CONNECT_TO = Pattern.compile("unable to connect to server at '(.+):(\\d+)'");
    private static final Pattern SOCKET = Pattern.compile("Failed to connect socket to '([^']+)'");
    /** libssh after a declined host-key prompt, e.g. when a saved connection meets a new key. */
    private static final Pattern NOT_ACCEPTED = Pattern.compile("SSH host key for '([^']+)' \\(([0-9A-Fa-f:]+)\\) was not accepted");
    private static final Pattern STORED_IN = Pattern.compile("The key is stored in '([^']+)'");

    private final ConnectionUris uris;
    private final Localization l10n;

    public ConnectionDiagnostics(ConnectionUris uris, Localization l10n) {
        this.uris = Objects.requireNonNull(uris);
        this.l10n = Objects.requireNonNull(l10n);
    }

    /** What went wrong opening {@code spec}, for the user. */
    public String describe(ConnectionSpec spec, Throwable error) {
        return describe(Target.of(spec, uris), error);
    }

    /** What went wrong opening {@code uri} (a saved connection), for the user. */
    public String describe(String uri, Throwable error) {
        return describe(Target.of(uri), error);
    }

    private String describe(Target t, Throwable error) {
        Throwable e = DefaultTaskExecutor.unwrap(error);
        if (e instanceof ChangedHostKeyException c) {
            return changedHostKey(c);
        }
        if (e instanceof UnknownHostKeyException u) {
            return l10n.lang("diag.ssh.unknownHostKey", u.hostKey().address(), typeOrUnknown(u.hostKey().displayType()), u.fingerprint());
        }
        if (e instanceof ConnectionSetupException) {
            return e.getMessage();
        }
        if (e instanceof CallTimeoutException timeout) {
            return l10n.lang("diag.timeout", t.address(), String.valueOf(timeout.timeout().toSeconds()));
        }
        String raw = LibvirtErrors.describe(e);
        String specific = specific(t, raw);
        return specific == null || specific.equals(raw) ? raw : specific + "\n" + l10n.lang("diag.libvirtSaid", raw);
    }

    private String specific(Target t, String raw) {
        Matcher m;
        if (raw.contains("Unable to read TLS confirmation")) {
            return t.clientCert != null && !Files.exists(t.clientCert)
                    ? l10n.lang("diag.tls.noClientCert", t.clientCert.getParent(), t.clientCert.getFileName())
                    : l10n.lang("diag.tls.clientCertRejected", t.address(), orUnknown(t.clientCert));
        }
        if ((m = OWN_CERT_INVALID.matcher(raw)).find()) {
            return l10n.lang("diag.tls.clientNotSignedByCa", m.group(1), m.group(2));
        }
        if ((m = CERT_EXPIRED.matcher(raw)).find()) {
            return l10n.lang("diag.tls.expired", role(m.group(1)), sessionFile(m.group(2), t));
        }
        if ((m = CERT_NOT_ACTIVE.matcher(raw)).find()) {
            return l10n.lang("diag.tls.notYetValid", role(m.group(1)), sessionFile(m.group(2), t));
        }
        if ((m = CANNOT_READ.matcher(raw)).find()) {
            return l10n.lang("diag.tls.fileMissing", m.group(2));
        }
        if (raw.contains("Failed to verify peer's certificate")) {
            return l10n.lang("diag.tls.serverNotTrusted", t.address(), orUnknown(t.caCert), t.host);
        }
        if ((m = HOSTNAME_MISMATCH.matcher(raw)).find()) {
            return l10n.lang("diag.tls.hostnameMismatch", m.group(2));
        }
        if (raw.contains("TLS handshake failed")) {
            return l10n.lang("diag.tls.handshake", t.address());
        }
        if ((m = NOT_ACCEPTED.matcher(raw)).find()) {
            HostKey key = new HostKey(m.group(1), t.port, null, m.group(2));
            return l10n.lang("diag.ssh.unknownHostKey", key.address(), typeOrUnknown(null), key.fingerprint());
        }
        if (raw.contains("SSH HOST KEY VERIFICATION FAILED")) {
            Matcher file = STORED_IN.matcher(raw);
            return l10n.lang("diag.ssh.changedHostKeyNoLine", t.address(), file.find() ? file.group(1) : orUnknown(t.knownHosts));
        }
        if (raw.contains("failed to retrieve private key passphrase") || raw.contains("wrong passphrase")) {
            return l10n.lang("diag.ssh.keyPassphrase", keyFile(raw, t));
        }
        if ((m = SSH_KEY_READ.matcher(raw)).find()) {
            return l10n.lang("diag.ssh.keyUnreadable", m.group(1));
        }
        if (raw.contains("Access denied for 'publickey'") || raw.contains("failed to authenticate")) {
            String user = t.user != null ? t.user : System.getProperty("user.name");
            return l10n.lang("diag.ssh.keyRefused", t.address(), orUnknown(t.keyFile), user);
        }
        if (raw.contains("Host key verification failed")) {
            return l10n.lang("diag.ssh.systemSshHostKey", t.address());
        }
        if (raw.contains("Connection refused")) {
            m = CONNECT_TO.matcher(raw);
            return l10n.lang("diag.refused", m.find() ? m.group(1) + ":" + m.group(2) : t.address());
        }
        if ((m = RESOLVE.matcher(raw)).find()) {
            return l10n.lang("diag.unknownHost", m.group(1));
        }
        if (raw.contains("Name or service not known") || raw.contains("Temporary failure in name resolution")) {
            return l10n.lang("diag.unknownHost", orUnknown(t.host));
        }
        if (raw.contains("No route to host") || raw.contains("Network is unreachable")) {
            return l10n.lang("diag.unreachable", t.address());
        }
        if (raw.contains("Connection timed out")) {
            return l10n.lang("diag.connectTimeout", t.address());
        }
        if ((m = SOCKET.matcher(raw)).find()) {
            return raw.contains("Permission denied") ? l10n.lang("diag.local.permission", m.group(1))
                    : l10n.lang("diag.local.noDaemon", m.group(1));
        }
        return null;
    }

    private String changedHostKey(ChangedHostKeyException c) {
        String lines = c.lines().stream().map(String::valueOf).collect(Collectors.joining(", "));
        String key = (c.hostKey().displayType() != null ? c.hostKey().displayType() + " " : "") + c.fingerprint();
        return lines.isEmpty()
                ? l10n.lang("diag.ssh.changedHostKeyNoLine", c.hostKey().address(), c.knownHostsFile())
                + "\n" + l10n.lang("diag.ssh.presentedKey", key)
                : l10n.lang("diag.ssh.changedHostKey", c.hostKey().address(), key, c.knownHostsFile(), lines);
    }

    private String role(String libvirtRole) {
        return switch (libvirtRole) {
            case "CA" -> l10n.lang("tls.role.ca");
            case "server" -> l10n.lang("tls.role.server");
            default -> l10n.lang("tls.role.client");
        };
    }

    /** libvirt names certificates checked during the handshake "[session]"; name the user's file instead. */
    private String sessionFile(String file, Target t) {
        return "[session]".equals(file) ? t.address() : file;
    }

    private String keyFile(String raw, Target t) {
        Matcher m = SSH_KEY_READ.matcher(raw);
        return m.find() ? m.group(1) : orUnknown(t.keyFile);
    }

    private String orUnknown(Object o) {
        return o != null ? o.toString() : l10n.lang("diag.unknownFile");
    }

    private String typeOrUnknown(String type) {
        return type != null ? type : l10n.lang("diag.ssh.unknownKeyType");
    }

    /** What the error messages refer to: host, port and the files in use. */
    private record Target(String host, int port, String user, Path keyFile, Path knownHosts, Path caCert, Path clientCert) {

        static Target of(ConnectionSpec spec, ConnectionUris uris) {
            if (spec instanceof ConnectionSpec.Ssh s) {
                return new Target(s.host(), s.effectivePort(), s.user(), s.keyFile(), uris.files().knownHostsFile(), null, null);
            }
            if (spec instanceof ConnectionSpec.Tls t) {
                if (t.credentials() instanceof ConnectionSpec.SeparateFiles f) {
                    return new Target(t.host(), t.effectivePort(), null, null, null, f.caCert(), f.clientCert());
                }
                Path folder = ((ConnectionSpec.PkiFolder) t.credentials()).folder();
                return new Target(t.host(), t.effectivePort(), null, null, null,
                        folder.resolve(ConnectionFiles.CA_CERT), folder.resolve(ConnectionFiles.CLIENT_CERT));
            }
            if (spec instanceof ConnectionSpec.Tcp t) {
                return new Target(t.host(), t.effectivePort(), null, null, null, null, null);
            }
            return of(uris.build(spec, "unused"));
        }

        static Target of(String uri) {
            URI u;
            try {
                u = new URI(uri);
            } catch (URISyntaxException e) {
                return new Target(null, 0, null, null, null, null, null);
            }
            String scheme = u.getScheme() == null ? "" : u.getScheme();
            int port = u.getPort() > 0 ? u.getPort()
                    : scheme.endsWith("+tls") ? Transport.TLS.defaultPort()
                    : scheme.endsWith("+tcp") ? Transport.TCP.defaultPort()
                    : scheme.contains("ssh") ? Transport.SSH.defaultPort() : 0;
            Map<String, String> params = ConnectionUris.params(u.getRawQuery());
            String pki = params.get("pkipath");
            return new Target(u.getHost(), port, u.getUserInfo(), path(params.get("keyfile")), path(params.get("known_hosts")),
                    pki == null ? null : Path.of(pki, ConnectionFiles.CA_CERT),
                    pki == null ? null : Path.of(pki, ConnectionFiles.CLIENT_CERT));
        }

        private static Path path(String s) {
            return s == null || s.isEmpty() ? null : Path.of(s);
        }

        String address() {
            if (host == null) {
                return "localhost";
            }
            String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
            return port > 0 ? h + ":" + port : h;
        }
    }
}
