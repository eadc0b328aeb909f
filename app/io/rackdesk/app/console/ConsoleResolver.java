package io.rackdesk.app.console;

import io.rackdesk.app.console.ConsolePlan.Problem;
import io.rackdesk.app.ssh.SshTarget;
import io.rackdesk.app.vnc.VncTarget;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The one place that decides how a VM's VNC console is reached, from its live {@code <graphics>}
 * (see {@code io.rackdesk.app.libvirt.ConsoleXml}) and the libvirt connection URI. Used by the
 * console view and by {@code rackdesk vnc-screenshot --connect}.
 *
 * <ul>
 * <li>The first VNC graphics counts; SPICE only, no graphics, a UNIX socket, listen type none or no
 * port (VM not running) are {@link ConsolePlan.Impossible}.</li>
 * <li>No listen address means libvirt's default {@code vnc_listen}, 127.0.0.1.</li>
 * <li>0.0.0.0 / :: mean the URI's host (127.0.0.1 for a local URI).</li>
 * <li>A loopback address behind qemu+ssh / qemu+libssh(2) is reached through an SSH tunnel with
 * the URI's login ({@link SshTarget#fromLibvirtUri}), even when the SSH host is this computer's
 * loopback (its sshd may forward into another machine); behind another remote transport it cannot
 * be reached; behind a local URI it is used as it is.</li>
 * <li>Any other address is used as it is.</li>
 * </ul>
 */
public final class ConsoleResolver {
    private ConsoleResolver() {
    }

    /** The plan for the VM {@code vmName} (for messages) whose live graphics are {@code graphics}. */
    public static ConsolePlan plan(List<ConsoleGraphics> graphics, String connectionUri, String vmName) {
        if (graphics.isEmpty()) {
            return impossible(Problem.NO_GRAPHICS, "", vmName + " has no VNC console (no graphics device)");
        }
        ConsoleGraphics vnc = graphics.stream().filter(g -> "vnc".equalsIgnoreCase(g.type())).findFirst().orElse(null);
        if (vnc == null) {
            String type = graphics.get(0).type();
            return impossible(Problem.NOT_VNC, type, vmName + " has no VNC console (its display is " + type + ")");
        }
        if ("socket".equals(vnc.listenType())) {
            return impossible(Problem.UNIX_SOCKET, vnc.listen(), "the VNC console of " + vmName + " listens on a unix socket on the host"
                    + (vnc.listen() == null ? "" : " (" + vnc.listen() + ")") + ", which cannot be reached over the network");
        }
        if ("none".equals(vnc.listenType())) {
            return impossible(Problem.NO_LISTENER, "", "the VNC console of " + vmName + " does not listen anywhere (listen type none)");
        }
        boolean networkWithoutAddress = "network".equals(vnc.listenType()) && (vnc.listen() == null || vnc.listen().isBlank());
        if (vnc.port() == null || vnc.port() <= 0 || vnc.port() > 65535 || networkWithoutAddress) {
            // a network listener's address is filled in only in a running VM's live XML
            return impossible(Problem.NOT_RUNNING, "", vmName + " is not running: its VNC port is chosen when it starts");
        }
        String uriHost;
        String scheme;
        try {
            URI uri = new URI(connectionUri);
            uriHost = uri.getHost() == null || uri.getHost().isEmpty() ? null : strip(uri.getHost());
            scheme = uri.getScheme() == null ? "remote" : uri.getScheme().toLowerCase(Locale.ROOT);
        } catch (URISyntaxException | NullPointerException e) {
            return impossible(Problem.BAD_URI, String.valueOf(connectionUri), "cannot tell the host from the connection URI " + connectionUri);
        }
        boolean local = uriHost == null || isLoopback(uriHost);
        // libvirt's default (qemu.conf vnc_listen) is the loopback when the XML names no address
        String listen = vnc.listen() == null || vnc.listen().isBlank() ? "127.0.0.1" : strip(vnc.listen());
        String password = vnc.password();
        int port = vnc.port();
        if (isWildcard(listen)) {
            return direct(local ? "127.0.0.1" : uriHost, port, password, vnc.websocket());
        }
        if (!isLoopback(listen)) {
            return direct(listen, port, password, vnc.websocket());
        }
        String loopback = listen.equalsIgnoreCase("localhost") ? "127.0.0.1" : listen;
        if (uriHost != null && SshTarget.isSshUri(connectionUri)) {
            try {
                return new ConsolePlan.ViaSsh(SshTarget.fromLibvirtUri(connectionUri), loopback, port, password);
            } catch (IllegalArgumentException e) {
                return impossible(Problem.SSH_TARGET_INVALID, e.getMessage(),
                        "the VNC console of " + vmName + " needs an SSH tunnel, but " + e.getMessage());
            }
        }
        if (!local) {
            return impossible(Problem.LOOPBACK_UNREACHABLE, uriHost, "the VNC console of " + vmName + " listens on " + listen + " of "
                    + uriHost + ", which cannot be reached over a " + scheme + " connection: only an SSH connection (qemu+ssh) "
                    + "can tunnel to a host's loopback. Connect with qemu+ssh, or make the console listen on an address "
                    + "of the host (or 0.0.0.0)");
        }
        return direct(loopback, port, password, vnc.websocket());
    }

    private static ConsolePlan direct(String host, int port, String password, Integer websocket) {
        return new ConsolePlan.Direct(new VncTarget(VncTarget.Scheme.TCP, host, port, "/"), password, websocket);
    }

    private static ConsolePlan impossible(Problem p, String detail, String message) {
        return new ConsolePlan.Impossible(p, detail, message);
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
