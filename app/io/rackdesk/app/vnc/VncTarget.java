package io.rackdesk.app.vnc;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a VNC server listens: {@code host:port}, {@code vnc://host:port}, {@code ws://host:port/path}
 * or {@code wss://host:port/path}. As with other VNC viewers, in the bare form a port below 100 is a
 * display number (host:1 is port 5901); a vnc:// port is always a port (RFC 7869). IPv6 addresses
 * go in brackets: {@code [::1]:5900}.
 */
public record VncTarget(Scheme scheme, String host, int port, String path) {

    public enum Scheme { TCP, WS, WSS }

    public VncTarget {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("no host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
        path = path == null || path.isEmpty() ? "/" : path;
    }

    public static VncTarget parse(String text) {
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        Scheme scheme;
        boolean bare = !lower.contains("://");
        if (lower.startsWith("ws://")) {
            scheme = Scheme.WS;
        } else if (lower.startsWith("wss://")) {
            scheme = Scheme.WSS;
        } else if (lower.startsWith("vnc://")) {
            scheme = Scheme.TCP;
        } else if (lower.contains("://")) {
            throw new IllegalArgumentException("'" + text + "': unknown scheme (host:port, vnc://, ws:// or wss://)");
        } else {
            scheme = Scheme.TCP;
            t = "vnc://" + t;
        }
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not host:port or a vnc://, ws:// or wss:// address");
        }
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("'" + text + "' has no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort();
        if (port < 0) {
            port = scheme == Scheme.TCP ? 5900 : scheme == Scheme.WS ? 80 : 443;
        } else if (bare && port < 100) {
            port += 5900;
        }
        String path = uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path = (path == null || path.isEmpty() ? "/" : path) + "?" + uri.getRawQuery();
        }
        if (scheme == Scheme.TCP && path != null && !path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException("'" + text + "': a path only makes sense with ws:// or wss://");
        }
        return new VncTarget(scheme, host, port, path);
    }

    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return switch (scheme) {
            case TCP -> h + ":" + port;
            case WS -> "ws://" + h + ":" + port + path;
            case WSS -> "wss://" + h + ":" + port + path;
        };
    }
}
