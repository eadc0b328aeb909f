package io.rackdesk.app.libvirt;

import static io.rackdesk.app.libvirt.Dom.attr;
import static io.rackdesk.app.libvirt.Dom.child;
import static io.rackdesk.app.libvirt.Dom.children;
import static io.rackdesk.app.libvirt.Dom.intAttr;

import io.rackdesk.app.ssh.SshTarget;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.w3c.dom.Element;

/**
 * Where a VM's VNC console can be reached, from its live domain XML (read with the secure flag, so
 * the VNC password comes too): the listen address, the libvirt host's own name when the server
 * listens on every address, or, for a console on the host's loopback behind an SSH connection
 * (qemu+ssh, qemu+libssh), the loopback address as seen from that host through an SSH tunnel
 * ({@link Plan#tunnel()}; {@link VncConsoleOpener} opens it). A console on the loopback of a host
 * reached over qemu+tls or qemu+tcp cannot be reached at all: {@link #plan} says so.
 */
public final class VncConsoles {
    /** A VNC server; {@code password} null when the console has none. */
    public record Endpoint(String host, int port, Integer websocketPort, byte[] password) {
    }

    /**
     * How to reach a console: straight to {@code endpoint}, or, when {@code tunnel} is not null,
     * through an SSH login to {@code tunnel} and from there to {@code endpoint} (host and port as the
     * SSH server sees them, e.g. 127.0.0.1:5900).
     */
    public record Plan(Endpoint endpoint, SshTarget tunnel) {
        public boolean viaSsh() {
            return tunnel != null;
        }

        @Override
        public String toString() {
            String to = endpoint.host().indexOf(':') >= 0 ? "[" + endpoint.host() + "]:" + endpoint.port() : endpoint.host() + ":" + endpoint.port();
            return tunnel == null ? to : to + " via SSH " + tunnel;
        }
    }

    /** The console cannot be reached; the message says why. */
    public static final class UnreachableException extends Exception {
        private static final long serialVersionUID = 1L;

        public UnreachableException(String message) {
            super(message);
        }
    }

    private final LibvirtHost host;

    public VncConsoles(LibvirtHost host) {
        this.host = Objects.requireNonNull(host);
    }

    /** The live XML of the VM named {@code vmName}, secrets included. */
    public CompletableFuture<String> liveXml(String vmName) {
        return host.withConnection("read the console of " + vmName + " on " + host.uri(),
                c -> c.domainLookupByName(vmName).getXMLDesc(DomainDefinitions.XML_SECURE));
    }

    /**
     * Resolves the first VNC console of {@code xml}, a domain on the libvirt connection {@code uri},
     * for a direct connection only: a console that needs an SSH tunnel is refused (use {@link #plan}).
     */
    public static Endpoint resolve(String uri, String xml, String vmName) throws UnreachableException {
        Plan p = plan(uri, xml, vmName);
        if (p.viaSsh()) {
            throw new UnreachableException("the VNC console of " + vmName + " listens on " + p.endpoint().host() + " of "
                    + p.tunnel().host() + ": reaching it needs an SSH tunnel (VncConsoles.plan and VncConsoleOpener make one)");
        }
        return p.endpoint();
    }

    /**
     * How to reach the first VNC console of {@code xml}, a domain on the libvirt connection
     * {@code uri}: directly, or through an SSH tunnel for a console on the host's loopback behind an
     * SSH URI (whose user, port, keyfile= and known_hosts= the tunnel uses, see {@link SshTarget}).
     */
    public static Plan plan(String uri, String xml, String vmName) throws UnreachableException {
        Element domain = Dom.parse(xml, "domain");
        Element vnc = null;
        for (Element g : children(child(domain, "devices"), "graphics")) {
            if ("vnc".equals(attr(g, "type"))) {
                vnc = g;
                break;
            }
        }
        if (vnc == null) {
            throw new UnreachableException(vmName + " has no VNC console");
        }
        Element listenElement = child(vnc, "listen");
        String listenType = attr(listenElement, "type");
        if ("socket".equals(listenType) || attr(vnc, "socket") != null) {
            throw new UnreachableException("the VNC console of " + vmName + " listens on a unix socket on the host, "
                    + "which cannot be reached over the network");
        }
        if ("none".equals(listenType)) {
            throw new UnreachableException("the VNC console of " + vmName + " does not listen anywhere (listen type none)");
        }
        Integer port = intAttr(vnc, "port");
        if (port == null || port <= 0) {
            throw new UnreachableException(vmName + " is not running: its VNC port is chosen when it starts");
        }
        String listen = attr(vnc, "listen");
        if (listen == null) {
            listen = attr(listenElement, "address");
        }
        String uriHost = uriHost(uri);
        String passwd = attr(vnc, "passwd");
        byte[] password = passwd == null ? null : passwd.getBytes(StandardCharsets.UTF_8);
        Integer websocket = intAttr(vnc, "websocket");
        if (listen == null || isWildcard(listen)) {
            return new Plan(new Endpoint(uriHost != null ? uriHost : "127.0.0.1", port, websocket, password), null);
        }
        if (isLoopback(listen) && uriHost != null && SshTarget.isSshUri(uri)) {
            // even for an SSH URI to this computer's loopback: sshd may be a port forward into another machine
            SshTarget ssh;
            try {
                ssh = SshTarget.fromLibvirtUri(uri);
            } catch (IllegalArgumentException e) {
                throw new UnreachableException("the VNC console of " + vmName + " needs an SSH tunnel, but " + e.getMessage());
            }
            return new Plan(new Endpoint(listen, port, websocket, password), ssh);
        }
        if (isLoopback(listen) && uriHost != null && !isLoopback(uriHost)) {
            throw new UnreachableException("the VNC console of " + vmName + " listens on " + listen + " of " + uriHost
                    + ", which cannot be reached over a " + scheme(uri) + " connection: only an SSH connection (qemu+ssh) "
                    + "can tunnel to a host's loopback. Connect with qemu+ssh, or make the console listen on an address "
                    + "of the host (or 0.0.0.0)");
        }
        return new Plan(new Endpoint(listen, port, websocket, password), null);
    }

    private static String scheme(String uri) {
        try {
            String s = new URI(uri).getScheme();
            return s == null ? "remote" : s;
        } catch (URISyntaxException e) {
            return "remote";
        }
    }

    /** The host part of a libvirt URI, or null for a local one (qemu:///system, test:///...). */
    static String uriHost(String uri) {
        try {
            String h = new URI(uri).getHost();
            return h == null || h.isEmpty() ? null : h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static boolean isWildcard(String a) {
        return a.equals("0.0.0.0") || a.equals("::") || a.equals("[::]");
    }

    private static boolean isLoopback(String a) {
        String s = a.toLowerCase(Locale.ROOT);
        return s.startsWith("127.") || s.equals("::1") || s.equals("localhost");
    }
}
