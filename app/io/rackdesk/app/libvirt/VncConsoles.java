package io.rackdesk.app.libvirt;

import static io.rackdesk.app.libvirt.Dom.attr;
import static io.rackdesk.app.libvirt.Dom.child;
import static io.rackdesk.app.libvirt.Dom.children;
import static io.rackdesk.app.libvirt.Dom.intAttr;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.w3c.dom.Element;

/**
 * Where a VM's VNC console can be reached directly, from its live domain XML (read with the secure
 * flag, so the VNC password comes too): the listen address, or the libvirt host's own name when the
 * server listens on every address. A console on the host's loopback behind a remote connection
 * needs an SSH tunnel, which this does not make: it says so.
 */
public final class VncConsoles {
    /** A reachable VNC server; {@code password} null when the console has none. */
    public record Endpoint(String host, int port, Integer websocketPort, byte[] password) {
    }

    /** The console cannot be reached directly; the message says why. */
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

    /** Resolves the first VNC console of {@code xml}, a domain on the libvirt connection {@code uri}. */
    public static Endpoint resolve(String uri, String xml, String vmName) throws UnreachableException {
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
        String target;
        if (listen == null || isWildcard(listen)) {
            target = uriHost != null ? uriHost : "127.0.0.1";
        } else if (isLoopback(listen) && uriHost != null && !isLoopback(uriHost)) {
            throw new UnreachableException("the VNC console of " + vmName + " listens on " + listen + " of " + uriHost
                    + ": reaching it needs an SSH tunnel, which is not available here yet");
        } else {
            target = listen;
        }
        String passwd = attr(vnc, "passwd");
        return new Endpoint(target, port, intAttr(vnc, "websocket"), passwd == null ? null : passwd.getBytes(StandardCharsets.UTF_8));
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
