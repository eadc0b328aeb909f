package io.rackdesk.app.libvirt;

import static io.rackdesk.app.libvirt.Dom.attr;
import static io.rackdesk.app.libvirt.Dom.child;
import static io.rackdesk.app.libvirt.Dom.children;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * The XML of a Ceph RBD disk for libvirt ({@code <disk type='network'>} with the rbd source, the
 * monitors and a ceph secret) and of that secret, the choice of a free target device, and reading
 * such disks back from a domain's XML. Pure functions, no libvirt calls.
 */
public final class RbdDiskXml {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._+-]+");

    /** The disk buses an RBD disk can sit on, with the target prefix libvirt names them by. */
    public enum Bus {
        VIRTIO("virtio", "vd"), SCSI("scsi", "sd"), SATA("sata", "sd");

        private final String xml;
        private final String prefix;

        Bus(String xml, String prefix) {
            this.xml = xml;
            this.prefix = prefix;
        }

        /** libvirt's name: "virtio", "scsi", "sata". */
        public String xml() {
            return xml;
        }

        /** "vd" or "sd". */
        public String prefix() {
            return prefix;
        }

        /** libvirt's bus name to a Bus (null: virtio, libvirt's default for vdX). */
        public static Bus of(String xml) {
            for (Bus b : values()) {
                if (b.xml.equals(xml)) {
                    return b;
                }
            }
            if (xml == null) {
                return VIRTIO;
            }
            throw new IllegalArgumentException("'" + xml + "' is not a disk bus for an RBD disk (virtio, scsi, sata)");
        }

        /** Whether {@code dev} is a target name on this bus ("vdb" on virtio, "sdb" on scsi and sata). */
        public boolean accepts(String dev) {
            return dev != null && dev.matches(prefix + "[a-z]+");
        }
    }

    private RbdDiskXml() {
    }

    /** One monitor as libvirt's {@code <host name= port=>}. */
    public record Monitor(String host, int port) {
        public Monitor {
            Objects.requireNonNull(host);
            if (host.isBlank() || host.contains("'") || host.contains("<") || host.contains("&") || host.contains("\"")) {
                throw new IllegalArgumentException("'" + host + "' is not a monitor host name or address");
            }
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("monitor port " + port + " is out of range");
            }
        }

        /** "127.0.0.1:6789", "[::1]:6789", or a bare host for port 6789. */
        public static Monitor parse(String hostPort) {
            String s = hostPort.strip();
            if (s.startsWith("[")) {
                int end = s.indexOf(']');
                if (end < 0) {
                    throw new IllegalArgumentException("'" + hostPort + "' is not HOST:PORT");
                }
                String host = s.substring(1, end);
                String rest = s.substring(end + 1);
                return new Monitor(host, rest.startsWith(":") ? port(rest.substring(1), hostPort) : 6789);
            }
            int colon = s.lastIndexOf(':');
            if (colon < 0) {
                return new Monitor(s, 6789);
            }
            return new Monitor(s.substring(0, colon), port(s.substring(colon + 1), hostPort));
        }

        private static int port(String p, String whole) {
            try {
                return Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + whole + "' is not HOST:PORT");
            }
        }
    }

    /**
     * An RBD disk: {@code pool/image} reached through {@code monitors}, as cephx user {@code username}
     * (without "client.") whose key is the libvirt secret {@code secretUuid}; {@code driverType} must
     * be raw (an RBD image holds the guest's blocks, not a qcow2 file).
     */
    public record RbdDisk(String pool, String image, List<Monitor> monitors, String username, String secretUuid,
            String driverType, String targetDev, Bus bus) {
        /** On the virtio bus. */
        public RbdDisk(String pool, String image, List<Monitor> monitors, String username, String secretUuid,
                String driverType, String targetDev) {
            this(pool, image, monitors, username, secretUuid, driverType, targetDev, Bus.VIRTIO);
        }

        public RbdDisk {
            requireName(pool, "pool");
            requireName(image, "image");
            requireName(username, "cephx user");
            monitors = List.copyOf(monitors);
            if (monitors.isEmpty()) {
                throw new IllegalArgumentException("an RBD disk needs at least one monitor address");
            }
            if (secretUuid != null && !secretUuid.matches("[0-9a-fA-F-]{36}")) {
                throw new IllegalArgumentException("'" + secretUuid + "' is not a secret UUID");
            }
            driverType = driverType == null ? "raw" : driverType.toLowerCase(Locale.ROOT);
            requireRaw(driverType, pool + "/" + image);
            bus = bus == null ? Bus.VIRTIO : bus;
            if (targetDev != null && !bus.accepts(targetDev)) {
                throw new IllegalArgumentException("'" + targetDev + "' is not a " + bus.xml() + " disk target ("
                        + bus.prefix() + "a, " + bus.prefix() + "b, ...)");
            }
        }

        /** "pool/image", libvirt's source name. */
        public String sourceName() {
            return pool + "/" + image;
        }

        public RbdDisk withTarget(String dev) {
            return new RbdDisk(pool, image, monitors, username, secretUuid, driverType, dev, bus);
        }

        public RbdDisk withSecret(String uuid) {
            return new RbdDisk(pool, image, monitors, username, uuid, driverType, targetDev, bus);
        }
    }

    /** Refuses anything but raw on an rbd source, with the reason. */
    public static void requireRaw(String driverType, String source) {
        if (!"raw".equals(driverType)) {
            throw new IllegalArgumentException("refusing driver type '" + driverType + "' on the RBD image " + source
                    + ": an RBD disk must be raw (qcow2 on rbd makes the guest see qcow2 metadata instead of its disk,"
                    + " and RBD already does snapshots and clones)");
        }
    }

    /** Whether a pool, image or cephx user name can go into the disk XML as it is. */
    public static boolean validName(String s) {
        return s != null && NAME.matcher(s).matches();
    }

    private static void requireName(String s, String what) {
        if (s == null || !NAME.matcher(s).matches()) {
            throw new IllegalArgumentException("the " + what + " name '" + s + "' may hold letters, digits, '.', '_', '+' and '-' only");
        }
    }

    /** {@code <disk type='network' device='disk'>...} for attachDeviceFlags. */
    public static String diskXml(RbdDisk d) {
        Objects.requireNonNull(d.targetDev(), "target device");
        Objects.requireNonNull(d.secretUuid(), "secret UUID");
        StringBuilder sb = new StringBuilder();
        sb.append("<disk type='network' device='disk'>\n");
        sb.append("  <driver name='qemu' type='").append(d.driverType()).append("'/>\n");
        sb.append("  <auth username='").append(d.username()).append("'>\n");
        sb.append("    <secret type='ceph' uuid='").append(d.secretUuid()).append("'/>\n");
        sb.append("  </auth>\n");
        sb.append("  <source protocol='rbd' name='").append(d.sourceName()).append("'>\n");
        for (Monitor m : d.monitors()) {
            sb.append("    <host name='").append(m.host()).append("' port='").append(m.port()).append("'/>\n");
        }
        sb.append("  </source>\n");
        sb.append("  <target dev='").append(d.targetDev()).append("' bus='").append(d.bus().xml()).append("'/>\n");
        sb.append("</disk>\n");
        return sb.toString();
    }

    /** A persistent, private ceph secret: libvirt keeps its value but never hands it back to a client. */
    public static String secretXml(String usageName, String description) {
        if (usageName == null || usageName.isBlank() || !usageName.matches("[A-Za-z0-9._ +-]+")) {
            throw new IllegalArgumentException("'" + usageName + "' is not a usable secret usage name");
        }
        return "<secret ephemeral='no' private='yes'>\n"
                + "  <description>" + escape(description) + "</description>\n"
                + "  <usage type='ceph'>\n"
                + "    <name>" + usageName + "</name>\n"
                + "  </usage>\n"
                + "</secret>\n";
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Every target dev in a domain's XML (disks of any bus). */
    public static Set<String> targets(String domainXml) {
        Element devices = child(Dom.parse(domainXml, "domain"), "devices");
        Set<String> out = new LinkedHashSet<>();
        for (Element disk : children(devices, "disk")) {
            String dev = attr(child(disk, "target"), "dev");
            if (dev != null) {
                out.add(dev);
            }
        }
        return out;
    }

    /** The first free virtio target: vda .. vdz, then vdaa .. (as libvirt counts). */
    public static String chooseTarget(Collection<String> used) {
        return chooseTarget(used, Bus.VIRTIO);
    }

    /** The first free target on {@code bus}: vda .. for virtio, sda .. for scsi and sata (they share the names). */
    public static String chooseTarget(Collection<String> used, Bus bus) {
        for (int i = 0; i < 26 * 27; i++) {
            String dev = bus.prefix() + suffix(i);
            if (!used.contains(dev)) {
                return dev;
            }
        }
        throw new IllegalStateException("no free " + bus.xml() + " disk target: " + used.size() + " are in use");
    }

    /**
     * The {@code <disk>} element of the RBD disk {@code pool/image} as it stands in a domain's XML
     * (libvirt's own text, with the alias and address it added), dedented; empty when absent.
     */
    public static java.util.Optional<String> diskElementText(String domainXml, String poolSlashImage) {
        int from = 0;
        while (true) {
            int start = domainXml.indexOf("<disk ", from);
            if (start < 0) {
                return java.util.Optional.empty();
            }
            int end = domainXml.indexOf("</disk>", start);
            if (end < 0) {
                return java.util.Optional.empty();
            }
            String element = domainXml.substring(start, end + "</disk>".length());
            if (element.contains("name='" + poolSlashImage + "'") || element.contains("name=\"" + poolSlashImage + "\"")) {
                int lineStart = domainXml.lastIndexOf('\n', start) + 1;
                String indent = domainXml.substring(lineStart, start);
                boolean spaces = indent.isBlank();   // only white space before <disk: libvirt's indentation
                String text = spaces ? indent + element : element;
                StringBuilder out = new StringBuilder();
                for (String line : text.split("\n")) {
                    out.append(spaces && line.startsWith(indent) ? line.substring(indent.length()) : line).append('\n');
                }
                return java.util.Optional.of(out.toString());
            }
            from = end;
        }
    }

    /** 0 -> a, 25 -> z, 26 -> aa (libvirt's virDiskNameToIndex order). */
    static String suffix(int index) {
        StringBuilder sb = new StringBuilder();
        int i = index;
        do {
            sb.insert(0, (char) ('a' + i % 26));
            i = i / 26 - 1;
        } while (i >= 0);
        return sb.toString();
    }

    /** The RBD disks in a domain's XML. */
    public static List<RbdDisk> rbdDisks(String domainXml) {
        Element devices = child(Dom.parse(domainXml, "domain"), "devices");
        List<RbdDisk> out = new ArrayList<>();
        for (Element disk : children(devices, "disk")) {
            Element source = child(disk, "source");
            if (!"network".equals(attr(disk, "type")) || !"rbd".equals(attr(source, "protocol"))) {
                continue;
            }
            String name = attr(source, "name");
            int slash = name == null ? -1 : name.indexOf('/');
            if (slash <= 0) {
                continue;
            }
            List<Monitor> mons = new ArrayList<>();
            for (Element h : children(source, "host")) {
                String port = attr(h, "port");
                mons.add(new Monitor(attr(h, "name"), port == null ? 6789 : Integer.parseInt(port)));
            }
            Element auth = child(disk, "auth");
            Element secret = child(auth, "secret");
            String driver = attr(child(disk, "driver"), "type");
            String target = attr(child(disk, "target"), "dev");
            String busName = attr(child(disk, "target"), "bus");
            try {
                Bus bus = Bus.of(busName == null && target != null && target.startsWith("sd") ? "scsi" : busName);
                out.add(new RbdDisk(name.substring(0, slash), name.substring(slash + 1), mons,
                        auth == null ? "admin" : attr(auth, "username"), attr(secret, "uuid"), driver == null ? "raw" : driver,
                        target != null && bus.accepts(target) ? target : null, bus));
            } catch (IllegalArgumentException e) {
                // a disk we would not have written (qcow2 on rbd, no monitors, ...): not ours to report here
            }
        }
        return out;
    }
}
