package io.rackdesk.app.ceph;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Monitor addresses as a user types them, made unambiguous for librados' mon_host.
 *
 * <p>Ceph reads a bare HOST:PORT whose port is neither 3300 (msgr2) nor 6789 (msgr1) as two monitors,
 * a msgr2 and a msgr1 one on the same port. One of them never answers, so a wrong key is not reported
 * as such: the client goes on hunting until the mount timeout (seen on the lab cluster, Ceph 16).
 * Rackdesk therefore reads HOST:PORT as msgr2 when the port is 3300 and as msgr1 otherwise, like
 * Ceph's legacy port 6789; {@code v2:HOST:PORT}, {@code v1:HOST:PORT} and Ceph's
 * {@code [v2:HOST:PORT,v1:HOST:PORT]} are passed on as they are, and a bare HOST as well (Ceph then
 * tries 3300 and 6789).
 */
final class MonitorAddresses {
    static final int MSGR2_PORT = 3300;
    private static final Pattern HOST_NAME = Pattern.compile("([A-Za-z0-9.-]*[A-Za-z][A-Za-z0-9.-]*)(:\\d+)?");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[^:\\[\\]]+):(\\d{1,5})");

    private MonitorAddresses() {
    }

    /** "127.0.0.1:16789" -> "v1:127.0.0.1:16789", "mon1:3300" -> "v2:mon1:3300". */
    static String normalize(String address) {
        String a = address.strip();
        if (a.startsWith("v1:") || a.startsWith("v2:") || a.startsWith("[v")) {
            return a;
        }
        Matcher m = HOST_PORT.matcher(a);
        if (!m.matches()) {
            return a;
        }
        return (Integer.parseInt(m.group(2)) == MSGR2_PORT ? "v2:" : "v1:") + a;
    }

    /** The mon_host value for addresses as given, each normalized. */
    static String monHost(List<String> addresses) {
        List<String> out = new ArrayList<>();
        for (String a : addresses) {
            out.add(normalize(a));
        }
        return String.join(",", out);
    }

    /**
     * Throws when a host name in the addresses does not resolve: librados would print
     * "server name not found" on the process's stderr and fail with a bare EINVAL.
     */
    static void requireResolvable(List<String> addresses) throws CephException {
        // DNS answers within the OS resolver's timeout (seconds); librados would ask the same
        for (String a : addresses) {
            for (String host : hosts(a)) {
                if (!host.isEmpty()) {
                    try {
                        InetAddress.getAllByName(host);
                    } catch (UnknownHostException e) {
                        throw new CephException(CephException.Kind.INVALID, -22, "monitor host not found: " + host);
                    }
                }
            }
        }
    }

    /**
     * The host names (not IP addresses) in a mon_host value in any of Ceph's forms:
     * "[v2:mon1:3300/0,v1:mon1:6789/0] mon2:6789,10.0.0.3" -> [mon1, mon1, mon2].
     */
    static List<String> hosts(String monHost) {
        List<String> hosts = new ArrayList<>();
        for (String token : monHost.split("[\\s,;\\[\\]]+")) {
            String t = token.startsWith("v1:") || token.startsWith("v2:") ? token.substring(3) : token;
            int slash = t.indexOf('/');
            if (slash >= 0) {
                t = t.substring(0, slash);
            }
            Matcher m = HOST_NAME.matcher(t);
            if (m.matches()) {
                hosts.add(m.group(1));
            }
        }
        return hosts;
    }
}
