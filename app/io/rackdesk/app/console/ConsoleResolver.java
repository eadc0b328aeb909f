package io.rackdesk.app.console;

import io.rackdesk.app.vnc.VncTarget;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Turns a VM's live graphics and its connection URI into a {@link ConsolePlan}: where to connect,
 * or an explanation when the console cannot be reached from this machine.
 */
public final class ConsoleResolver {
    private ConsoleResolver() {
    }

    public static ConsolePlan plan(List<ConsoleGraphics> graphics, String connectionUri) {
        if (graphics.isEmpty()) {
            return new ConsolePlan.Impossible(ConsolePlan.Problem.NO_GRAPHICS, "");
        }
        ConsoleGraphics vnc = graphics.stream().filter(g -> "vnc".equalsIgnoreCase(g.type())).findFirst().orElse(null);
        if (vnc == null) {
            return new ConsolePlan.Impossible(ConsolePlan.Problem.NOT_VNC, graphics.get(0).type());
        }
        if ("socket".equals(vnc.listenType())) {
            return new ConsolePlan.Impossible(ConsolePlan.Problem.UNIX_SOCKET, vnc.listen());
        }
        if ("none".equals(vnc.listenType())) {
            return new ConsolePlan.Impossible(ConsolePlan.Problem.NO_LISTENER, "");
        }
        if (vnc.port() == null || vnc.port() <= 0 || vnc.port() > 65535) {
            return new ConsolePlan.Impossible(ConsolePlan.Problem.NOT_RUNNING, "");
        }
        String uriHost;
        String transport;
        try {
            URI uri = new URI(connectionUri);
            uriHost = uri.getHost();
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            int plus = scheme.indexOf('+');
            transport = plus < 0 ? "" : scheme.substring(plus + 1);
        } catch (URISyntaxException | NullPointerException e) {
            return new ConsolePlan.Impossible(ConsolePlan.Problem.BAD_URI, String.valueOf(connectionUri));
        }
        boolean local = uriHost == null || uriHost.isEmpty() || isLoopback(uriHost);
        // libvirt's default (qemu.conf vnc_listen) is the loopback when the XML names no address
        String listen = vnc.listen() == null || vnc.listen().isBlank() ? "127.0.0.1" : strip(vnc.listen());
        String host;
        if (isWildcard(listen)) {
            host = local ? "127.0.0.1" : uriHost;
        } else if (isLoopback(listen)) {
            if (!local) {
                return new ConsolePlan.Impossible("ssh".equals(transport) || "libssh".equals(transport) || "libssh2".equals(transport)
                        ? ConsolePlan.Problem.NEEDS_SSH_TUNNEL : ConsolePlan.Problem.LOOPBACK_UNREACHABLE, uriHost);
            }
            host = listen.equals("localhost") ? "127.0.0.1" : listen;
        } else {
            host = listen;
        }
        return new ConsolePlan.Direct(new VncTarget(VncTarget.Scheme.TCP, host, vnc.port(), "/"), vnc.password());
    }

    private static String strip(String address) {
        String a = address.strip();
        return a.startsWith("[") && a.endsWith("]") ? a.substring(1, a.length() - 1) : a;
    }

    static boolean isWildcard(String address) {
        return address.equals("0.0.0.0") || address.equals("::") || address.equals("0:0:0:0:0:0:0:0");
    }

    static boolean isLoopback(String address) {
        String a = strip(address).toLowerCase(Locale.ROOT);
        return a.equals("localhost") || a.startsWith("127.") || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1");
    }
}
