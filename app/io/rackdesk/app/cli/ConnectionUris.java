package io.rackdesk.app.cli;

import java.net.URI;
import java.net.URISyntaxException;

/** Checks and names libvirt URIs given on the command line. */
public final class ConnectionUris {
    private ConnectionUris() {
    }

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
