package io.rackdesk.app.libvirt;

import static io.rackdesk.app.libvirt.Dom.attr;
import static io.rackdesk.app.libvirt.Dom.child;
import static io.rackdesk.app.libvirt.Dom.children;
import static io.rackdesk.app.libvirt.Dom.intAttr;

import io.rackdesk.app.console.ConsoleGraphics;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.w3c.dom.Element;

/**
 * What a VM's console needs from libvirt: its live graphics (the port QEMU really uses, the listen
 * address, the password from the secure XML).
 */
public final class ConsoleXml {
    private ConsoleXml() {
    }

    /** The {@code <graphics>} elements of a domain XML, in document order. */
    public static List<ConsoleGraphics> graphics(String xml) {
        Element devices = child(Dom.parse(xml, "domain"), "devices");
        List<ConsoleGraphics> out = new ArrayList<>();
        for (Element g : children(devices, "graphics")) {
            Element l = child(g, "listen");
            String listenType = l == null ? null : attr(l, "type");
            String listen = attr(g, "listen");
            if (l != null && "socket".equals(listenType)) {
                listen = attr(l, "socket");
            } else if (l != null && attr(l, "address") != null) {
                listen = attr(l, "address");
            }
            if (listenType == null && attr(g, "socket") != null) { // <graphics type='vnc' socket='...'>
                listenType = "socket";
                listen = attr(g, "socket");
            }
            Integer port = intAttr(g, "port");
            String autoport = attr(g, "autoport");
            boolean auto = autoport != null ? "yes".equals(autoport) : port != null && port == -1;
            out.add(new ConsoleGraphics(attr(g, "type"), port, auto, listenType, listen, intAttr(g, "websocket"), attr(g, "passwd")));
        }
        return out;
    }

    /**
     * Reads the running VM's graphics on the host's worker: the live XML with the secure flag (for
     * the password); a read-only connection may not ask for that, so it then reads without it.
     */
    public static CompletableFuture<List<ConsoleGraphics>> readLive(LibvirtHost host, String uuid, String vmName) {
        Objects.requireNonNull(uuid);
        return host.withConnection("read the console of " + vmName + " on " + host.uri(), c -> {
            Domain d = c.domainLookupByUUIDString(uuid);
            try {
                String xml;
                try {
                    xml = d.getXMLDesc(DomainDefinitions.XML_SECURE);
                } catch (LibvirtException e) {
                    xml = d.getXMLDesc(0);
                }
                return graphics(xml);
            } finally {
                d.free();
            }
        });
    }
}
