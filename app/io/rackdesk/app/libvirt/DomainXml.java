package io.rackdesk.app.libvirt;

import static io.rackdesk.app.libvirt.Dom.attr;
import static io.rackdesk.app.libvirt.Dom.child;
import static io.rackdesk.app.libvirt.Dom.children;
import static io.rackdesk.app.libvirt.Dom.intAttr;
import static io.rackdesk.app.libvirt.Dom.text;

import io.rackdesk.app.model.BackingImage;
import io.rackdesk.app.model.VmConsole;
import io.rackdesk.app.model.VmDefinition;
import io.rackdesk.app.model.VmDisk;
import io.rackdesk.app.model.VmGraphics;
import io.rackdesk.app.model.VmNic;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * Reads a domain's XML ({@code virDomainGetXMLDesc}) into a {@link VmDefinition}. Missing parts come
 * out as null or empty lists, never as errors: libvirt omits whatever a VM does not have. Input
 * with a DOCTYPE, or whose root is not {@code <domain>}, is refused with IllegalArgumentException.
 */
public final class DomainXml {
    private DomainXml() {
    }

    public static VmDefinition parse(String xml) {
        Element domain = Dom.parse(xml, "domain");
        Element os = child(child(domain, "os"), "type");
        Element devices = child(domain, "devices");
        List<VmDisk> disks = new ArrayList<>();
        for (Element disk : children(devices, "disk")) {
            disks.add(disk(disk));
        }
        List<VmNic> nics = new ArrayList<>();
        for (Element nic : children(devices, "interface")) {
            Element source = child(nic, "source");
            nics.add(new VmNic(attr(nic, "type"), firstAttr(source, "network", "bridge", "dev", "name"),
                    attr(child(nic, "mac"), "address"), attr(child(nic, "model"), "type")));
        }
        List<VmGraphics> graphics = new ArrayList<>();
        for (Element g : children(devices, "graphics")) {
            graphics.add(graphics(g));
        }
        List<VmConsole> consoles = new ArrayList<>();
        for (Element serial : children(devices, "serial")) {
            consoles.add(console(serial));
        }
        for (Element console : children(devices, "console")) {
            consoles.add(console(console));
        }
        return new VmDefinition(text(domain, "name"), text(domain, "uuid"), text(domain, "title"),
                text(domain, "description"), os == null ? null : os.getTextContent().strip(), attr(os, "arch"),
                attr(os, "machine"), tags(child(domain, "metadata")), disks, nics, graphics, consoles);
    }

    private static VmDisk disk(Element disk) {
        String type = attr(disk, "type");
        Element source = child(disk, "source");
        Element target = child(disk, "target");
        List<String> hosts = new ArrayList<>();
        for (Element host : children(source, "host")) {
            String name = attr(host, "name");
            String port = attr(host, "port");
            if (name != null) {
                hosts.add(port != null ? name + ":" + port : name);
            }
        }
        // <auth> sits in <disk> in older XML and in <source> since libvirt 3.9; both are accepted
        Element auth = child(disk, "auth") != null ? child(disk, "auth") : child(source, "auth");
        return new VmDisk(attr(target, "dev"), attr(target, "bus"), attr(disk, "device"), type,
                sourcePath(type, source), attr(source, "protocol"), hosts, attr(auth, "username"),
                attr(child(auth, "secret"), "uuid"), attr(child(disk, "driver"), "type"), backingChain(disk));
    }

    /** Nested {@code <backingStore>}s, nearest first; an empty {@code <backingStore/>} ends the chain. */
    private static List<BackingImage> backingChain(Element disk) {
        List<BackingImage> chain = new ArrayList<>();
        for (Element bs = child(disk, "backingStore"); bs != null && Dom.hasChildElements(bs);
                bs = child(bs, "backingStore")) {
            chain.add(new BackingImage(sourcePath(attr(bs, "type"), child(bs, "source")),
                    attr(child(bs, "format"), "type")));
        }
        return chain;
    }

    /** Where a disk's (or backing image's) data is, by its type; "pool/name" for network and volume. */
    private static String sourcePath(String type, Element source) {
        if (source == null) {
            return null;
        }
        if ("volume".equals(type)) {
            String pool = attr(source, "pool");
            String volume = attr(source, "volume");
            return pool != null && volume != null ? pool + "/" + volume : volume;
        }
        String byType = switch (type == null ? "" : type) {
            case "file" -> attr(source, "file");
            case "block" -> attr(source, "dev");
            case "dir" -> attr(source, "dir");
            case "network" -> attr(source, "name");
            default -> null;
        };
        return byType != null ? byType : firstAttr(source, "file", "dev", "dir", "name");
    }

    private static VmGraphics graphics(Element g) {
        String listen = attr(g, "listen");
        if (listen == null) {
            Element l = child(g, "listen");
            listen = firstAttr(l, "address", "socket", "network");
        }
        String autoport = attr(g, "autoport");
        Integer port = intAttr(g, "port");
        // libvirt writes autoport='yes' when port is -1; older XML may have only the port
        boolean auto = autoport != null ? "yes".equals(autoport) : port != null && port == -1;
        return new VmGraphics(attr(g, "type"), port, auto, listen, intAttr(g, "websocket"), g.hasAttribute("passwd"));
    }

    private static VmConsole console(Element e) {
        String type = attr(e, "type");
        String pty = null;
        if ("pty".equals(type)) {
            pty = attr(child(e, "source"), "path");
            if (pty == null) {
                pty = attr(e, "tty");
            }
        }
        return new VmConsole(e.getLocalName(), type, intAttr(child(e, "target"), "port"), pty);
    }

    /** {@code <rackdesk:tags>} in the metadata, matched by namespace whatever its prefix; blanks and repeats dropped. */
    private static List<String> tags(Element metadata) {
        Set<String> tags = new LinkedHashSet<>();
        for (Element block : Dom.children(metadata, RackdeskMetadata.NAMESPACE, "tags")) {
            for (Element tag : Dom.children(block, RackdeskMetadata.NAMESPACE, "tag")) {
                String t = tag.getTextContent().strip();
                if (!t.isEmpty()) {
                    tags.add(t);
                }
            }
        }
        return List.copyOf(tags);
    }

    private static String firstAttr(Element e, String... names) {
        for (String n : names) {
            String v = attr(e, n);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
