package io.rackdesk.app.connections;

import io.rackdesk.app.demo.DemoFixture;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds libvirt URIs from {@link ConnectionSpec}s and reads them back. A URI that is not exactly what
 * {@link #build} would make from some spec comes back as {@link ConnectionSpec.Custom}, so editing a
 * saved connection never changes its URI behind the user's back.
 */
public final class ConnectionUris {
    private static final String SYSTEM = "/system";

    private final ConnectionFiles files;

    public ConnectionUris(ConnectionFiles files) {
        this.files = Objects.requireNonNull(files);
    }

    public ConnectionFiles files() {
        return files;
    }

    /**
     * The URI for {@code spec}. {@code connectionId} names the TLS folder that separately chosen
     * certificate files are copied into.
     */
    public String build(ConnectionSpec spec, String connectionId) {
        if (spec instanceof ConnectionSpec.Ssh s) {
            return "qemu+libssh://" + (s.user() != null ? s.user() + "@" : "") + authority(s.host(), s.port()) + SYSTEM
                    + "?keyfile=" + encode(s.keyFile().toString())
                    + "&known_hosts=" + encode(files.knownHostsFile().toString())
                    + "&sshauth=privkey&no_tty=1";
        }
        if (spec instanceof ConnectionSpec.Tls t) {
            return "qemu+tls://" + authority(t.host(), t.port()) + SYSTEM + "?pkipath=" + encode(pkiFolder(t, connectionId).toString());
        }
        if (spec instanceof ConnectionSpec.Tcp t) {
            return "qemu+tcp://" + authority(t.host(), t.port()) + SYSTEM;
        }
        if (spec instanceof ConnectionSpec.Local l) {
            return l.session() ? "qemu:///session" : "qemu:///system";
        }
        if (spec instanceof ConnectionSpec.Test t) {
            return t.fixture() == null ? "test:///default" : DemoFixture.uriFor(t.fixture());
        }
        return ((ConnectionSpec.Custom) spec).uri().strip();
    }

    /** The folder libvirt reads the TLS files from: the chosen folder, or the connection's own copy. */
    public Path pkiFolder(ConnectionSpec.Tls spec, String connectionId) {
        return spec.credentials() instanceof ConnectionSpec.PkiFolder f ? f.folder() : files.tlsFolder(connectionId);
    }

    /**
     * The fields of {@code uri}. A TLS folder of Rackdesk's own (from this or another connection)
     * comes back as its three files, so that a duplicate gets copies of them.
     */
    public ConnectionSpec parse(String uri) {
        String u = uri == null ? "" : uri.strip();
        ConnectionSpec spec = parseStructure(u).orElse(null);
        if (spec == null || !build(spec, "unused").equals(u)) {
            return new ConnectionSpec.Custom(u);
        }
        if (spec instanceof ConnectionSpec.Tls t && t.credentials() instanceof ConnectionSpec.PkiFolder f
                && files.managedTlsId(f.folder()).isPresent()) {
            Path d = f.folder();
            return new ConnectionSpec.Tls(t.host(), t.port(), new ConnectionSpec.SeparateFiles(
                    d.resolve(ConnectionFiles.CA_CERT), d.resolve(ConnectionFiles.CLIENT_CERT), d.resolve(ConnectionFiles.CLIENT_KEY)));
        }
        return spec;
    }

    private Optional<ConnectionSpec> parseStructure(String uri) {
        URI u;
        try {
            u = new URI(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = u.getScheme();
        if (scheme == null || u.getRawFragment() != null) {
            return Optional.empty();
        }
        Map<String, String> params = params(u.getRawQuery());
        switch (scheme) {
            case "qemu" -> {
                if (u.getRawAuthority() == null && params.isEmpty()) {
                    return Optional.of(new ConnectionSpec.Local("/session".equals(u.getPath())));
                }
            }
            case "test" -> {
                if (u.getRawAuthority() == null && params.isEmpty() && u.getPath() != null) {
                    return Optional.of(new ConnectionSpec.Test("/default".equals(u.getPath()) ? null : Path.of(u.getPath())));
                }
            }
            case "qemu+libssh" -> {
                Authority a = Authority.parse(u.getRawAuthority());
                String key = params.get("keyfile");
                if (a != null && key != null && params.size() == 4) {
                    return Optional.of(new ConnectionSpec.Ssh(a.user(), a.host(), a.port(), Path.of(key)));
                }
            }
            case "qemu+tls" -> {
                Authority a = Authority.parse(u.getRawAuthority());
                String pki = params.get("pkipath");
                if (a != null && a.user() == null && pki != null && params.size() == 1) {
                    return Optional.of(new ConnectionSpec.Tls(a.host(), a.port(), new ConnectionSpec.PkiFolder(Path.of(pki))));
                }
            }
            case "qemu+tcp" -> {
                Authority a = Authority.parse(u.getRawAuthority());
                if (a != null && a.user() == null && params.isEmpty()) {
                    return Optional.of(new ConnectionSpec.Tcp(a.host(), a.port()));
                }
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** user@host:port of a URI; null when it has none or a malformed one. */
    record Authority(String user, String host, Integer port) {
        static Authority parse(String raw) {
            if (raw == null || raw.isEmpty()) {
                return null;
            }
            int at = raw.lastIndexOf('@');
            String user = at >= 0 ? decode(raw.substring(0, at)) : null;
            String hostPort = raw.substring(at + 1);
            String host;
            String port = null;
            if (hostPort.startsWith("[")) {
                int close = hostPort.indexOf(']');
                if (close < 0) {
                    return null;
                }
                host = hostPort.substring(1, close);
                if (close + 1 < hostPort.length()) {
                    if (hostPort.charAt(close + 1) != ':') {
                        return null;
                    }
                    port = hostPort.substring(close + 2);
                }
            } else {
                int colon = hostPort.lastIndexOf(':');
                host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
                port = colon >= 0 ? hostPort.substring(colon + 1) : null;
            }
            try {
                return host.isEmpty() ? null : new Authority(user, host, port == null ? null : Integer.valueOf(port));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** Query parameters, decoded the way libvirt does (%XX only; '+' stays '+'). */
    public static Map<String, String> params(String rawQuery) {
        Map<String, String> m = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return m;
        }
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = decode(eq < 0 ? part : part.substring(0, eq));
            m.put(name, eq < 0 ? "" : decode(part.substring(eq + 1)));
        }
        return m;
    }

    static String authority(String host, Integer port) {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host; // IPv6 literal
        return port == null ? h : h + ":" + port;
    }

    /**
     * Percent-encodes a query value for libvirt: everything but unreserved characters, '/' and ':'
     * is escaped, so paths with spaces, '&', '+', '#' or non-ASCII letters survive.
     */
    public static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/' || c == ':') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Undoes %XX escapes (UTF-8); a malformed escape is kept as typed. */
    public static String decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length) {
                int hi = Character.digit(in[i + 1], 16);
                int lo = Character.digit(in[i + 2], 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi << 4 | lo);
                    i += 2;
                    continue;
                }
            }
            out.write(in[i]);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- URIs given on the command line

    /** Why {@code uri} is not a libvirt URI, or null when it looks like one (libvirt has the last word). */
    public static String problem(String uri) {
        if (uri == null || uri.isBlank()) {
            return "empty URI";
        }
        URI u;
        try {
            u = new URI(uri);
        } catch (URISyntaxException e) {
            return "not a URI (" + e.getReason() + " at index " + e.getIndex() + ")";
        }
        if (u.getScheme() == null) {
            return "no scheme: libvirt URIs look like qemu:///system, qemu+ssh://user@host/system or test:///default";
        }
        return null;
    }

    /** A short name for a connection opened from a URI: "kvm-01 (qemu+ssh)", "demo-host.xml (test)". */
    public static String displayName(String uri) {
        try {
            URI u = new URI(uri);
            String scheme = u.getScheme();
            if (u.getHost() != null) {
                return u.getHost() + " (" + scheme + ")";
            }
            String path = u.getPath();
            if (path != null && path.contains("/") && !path.endsWith("/") && path.lastIndexOf('/') > 0) {
                return path.substring(path.lastIndexOf('/') + 1) + " (" + scheme + ")";
            }
            return uri;
        } catch (URISyntaxException e) {
            return uri;
        }
    }
}
