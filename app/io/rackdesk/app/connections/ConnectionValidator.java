package io.rackdesk.app.connections;

import io.rackdesk.app.i18n.Localization;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks the typed form without touching the disk or the network (it runs on every keystroke): host
 * names, ports, user names, paths, URIs. Files are checked by {@link ConnectionInspector}.
 */
public final class ConnectionValidator {
    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._-]*");

    private final Localization l10n;

    public ConnectionValidator(Localization l10n) {
        this.l10n = Objects.requireNonNull(l10n);
    }

    /**
     * The spec (null when a field has a problem), each field's problem in the user's language, and
     * the files that were given as usable paths (to be checked on a worker even while other fields
     * are wrong).
     */
    public record Result(ConnectionSpec spec, Map<ConnectionField, String> problems, ConnectionInspector.Paths files) {
        public Result {
            EnumMap<ConnectionField, String> copy = new EnumMap<>(ConnectionField.class);
            copy.putAll(problems);
            problems = Collections.unmodifiableMap(copy);
        }

        public boolean valid() {
            return spec != null;
        }
    }

    public Result check(ConnectionForm form) {
        Map<ConnectionField, String> problems = new EnumMap<>(ConnectionField.class);
        Path key = null;
        Path folder = null;
        Path ca = null;
        Path cert = null;
        Path clientKey = null;
        Path fixture = null;
        ConnectionSpec spec;
        switch (form.transport()) {
            case SSH -> {
                String user = checkUser(form.user(), problems);
                String host = checkHost(form.host(), problems);
                Integer port = checkPort(form.port(), Transport.SSH, problems);
                key = checkPath(form.keyFile(), ConnectionField.KEY_FILE, "connection.error.keyFileEmpty", problems);
                spec = problems.isEmpty() ? new ConnectionSpec.Ssh(user, host, port, key) : null;
            }
            case TLS -> {
                String host = checkHost(form.host(), problems);
                Integer port = checkPort(form.port(), Transport.TLS, problems);
                ConnectionSpec.TlsCredentials creds;
                if (form.tlsSource() == TlsSource.FOLDER) {
                    folder = checkPath(form.tlsFolder(), ConnectionField.TLS_FOLDER, "connection.error.tlsFolderEmpty", problems);
                    creds = folder == null ? null : new ConnectionSpec.PkiFolder(folder);
                } else {
                    ca = checkPath(form.caCert(), ConnectionField.CA_CERT, "connection.error.caCertEmpty", problems);
                    cert = checkPath(form.clientCert(), ConnectionField.CLIENT_CERT, "connection.error.clientCertEmpty", problems);
                    clientKey = checkPath(form.clientKey(), ConnectionField.CLIENT_KEY, "connection.error.clientKeyEmpty", problems);
                    creds = ca == null || cert == null || clientKey == null ? null : new ConnectionSpec.SeparateFiles(ca, cert, clientKey);
                }
                spec = problems.isEmpty() ? new ConnectionSpec.Tls(host, port, creds) : null;
            }
            case TCP -> {
                String host = checkHost(form.host(), problems);
                Integer port = checkPort(form.port(), Transport.TCP, problems);
                spec = problems.isEmpty() ? new ConnectionSpec.Tcp(host, port) : null;
            }
            case LOCAL_SYSTEM -> spec = new ConnectionSpec.Local(false);
            case LOCAL_SESSION -> spec = new ConnectionSpec.Local(true);
            case TEST -> {
                // empty means libvirt's built-in test:///default
                fixture = form.testFile().isBlank() ? null
                        : checkPath(form.testFile(), ConnectionField.TEST_FILE, "connection.error.testFileEmpty", problems);
                spec = problems.isEmpty() ? new ConnectionSpec.Test(fixture) : null;
            }
            default -> {
                String uri = checkUri(form.customUri(), problems);
                spec = problems.isEmpty() ? new ConnectionSpec.Custom(uri) : null;
            }
        }
        return new Result(spec, problems, new ConnectionInspector.Paths(key, folder, ca, cert, clientKey, fixture));
    }

    private String checkHost(String typed, Map<ConnectionField, String> problems) {
        String h = typed.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        String problem = hostProblem(h);
        if (problem != null) {
            problems.put(ConnectionField.HOST, problem);
            return null;
        }
        return h;
    }

    private String hostProblem(String h) {
        if (h.isEmpty()) {
            return l10n.lang("connection.error.hostEmpty");
        }
        if (h.contains("://")) {
            return l10n.lang("connection.error.hostIsUri");
        }
        if (h.indexOf('@') >= 0) {
            return l10n.lang("connection.error.hostWithUser");
        }
        if (h.chars().anyMatch(Character::isWhitespace)) {
            return l10n.lang("connection.error.hostSpaces", h);
        }
        if (h.indexOf(':') >= 0) {
            // two or more colons: an IPv6 address; one: "host:port" typed into the host field
            if (h.indexOf(':') == h.lastIndexOf(':')) {
                return l10n.lang("connection.error.hostWithPort");
            }
            return IPV6.matcher(h).matches() ? null : l10n.lang("connection.error.hostInvalid", h);
        }
        if (h.length() > 253) {
            return l10n.lang("connection.error.hostInvalid", h);
        }
        for (String label : h.split("\\.", -1)) {
            if (!HOST_LABEL.matcher(label).matches()) {
                return l10n.lang("connection.error.hostInvalid", h);
            }
        }
        return null;
    }

    private Integer checkPort(String typed, Transport transport, Map<ConnectionField, String> problems) {
        String p = typed.strip();
        if (p.isEmpty()) {
            return null;
        }
        try {
            int port = Integer.parseInt(p);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.put(ConnectionField.PORT, l10n.lang("connection.error.port", p, String.valueOf(transport.defaultPort())));
        return null;
    }

    private String checkUser(String typed, Map<ConnectionField, String> problems) {
        String u = typed.strip();
        if (u.isEmpty() || USER.matcher(u).matches()) {
            return u.isEmpty() ? null : u;
        }
        problems.put(ConnectionField.USER, l10n.lang("connection.error.user", u));
        return null;
    }

    private Path checkPath(String typed, ConnectionField field, String emptyKey, Map<ConnectionField, String> problems) {
        String s = typed.strip();
        if (s.isEmpty()) {
            problems.put(field, l10n.lang(emptyKey));
            return null;
        }
        try {
            Path p = Path.of(s);
            if (p.isAbsolute()) {
                return p.normalize();
            }
            problems.put(field, l10n.lang("connection.error.pathRelative", s));
        } catch (InvalidPathException e) {
            problems.put(field, l10n.lang("connection.error.pathInvalid", s, e.getReason()));
        }
        return null;
    }

    private String checkUri(String typed, Map<ConnectionField, String> problems) {
        String s = typed.strip();
        if (s.isEmpty()) {
            problems.put(ConnectionField.URI, l10n.lang("connection.error.uriEmpty"));
            return null;
        }
        if (s.chars().anyMatch(Character::isWhitespace)) {
            problems.put(ConnectionField.URI, l10n.lang("connection.error.uriSpaces", s));
            return null;
        }
        try {
            URI u = new URI(s);
            if (u.getScheme() == null) {
                problems.put(ConnectionField.URI, l10n.lang("connection.error.uriNoDriver", s));
                return null;
            }
            return s;
        } catch (URISyntaxException e) {
            problems.put(ConnectionField.URI, l10n.lang("connection.error.uriSyntax", s, e.getReason(), e.getIndex() + 1));
            return null;
        }
    }
}
