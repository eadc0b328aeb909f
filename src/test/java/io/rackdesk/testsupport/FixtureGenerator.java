package io.rackdesk.testsupport;

import io.rackdesk.app.demo.DemoFixture;
import io.rackdesk.app.libvirt.RackdeskMetadata;
import io.rackdesk.app.model.BackingImage;
import io.rackdesk.app.model.SnapshotInfo;
import io.rackdesk.app.model.VmDisk;
import io.rackdesk.app.model.VmState;
import io.rackdesk.app.model.VmSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Writes a host for libvirt's test driver with many VMs, and says what it wrote, so tests can
 * compare what Rackdesk reads with what is there. The same options and seed give the same file.
 *
 * <p>What the test driver needs, learned the hard way: every state comes from {@code <test:runstate>}
 * 1..7; a transient domain must be running (a transient shut-off one fails the whole file); each
 * {@code <test:domainsnapshot>} needs {@code <active>} (exactly one 1 per domain marks the current
 * snapshot) and a small inline {@code <domain>}; and {@code <os><type arch='x86_64'>} everywhere,
 * or the driver assumes i686.
 */
public final class FixtureGenerator {
    /** virDomainState 1..7 in order; VM i gets STATES[i % 7] unless it is transient. */
    private static final VmState[] STATES = {VmState.RUNNING, VmState.BLOCKED, VmState.PAUSED, VmState.SHUTDOWN,
        VmState.SHUTOFF, VmState.CRASHED, VmState.PMSUSPENDED};
    private static final long[] MEMORY_KIB = {512 * 1024, 1024 * 1024, 2048 * 1024, 4096 * 1024, 8192 * 1024};
    private static final String IMAGES = "/var/lib/libvirt/images/";
    private static final long FIRST_SNAPSHOT_TIME = 1_700_000_000L;

    /**
     * @param vmCount           how many VMs
     * @param seed              drives every random choice
     * @param snapshotEvery     VM i has a snapshot tree when i % snapshotEvery == 0 (0: none have one);
     *                          transient VMs never do
     * @param snapshotDepth     levels of each tree (1: a single snapshot)
     * @param snapshotBranching children of each non-leaf snapshot: one continues the main line down to
     *                          {@code snapshotDepth}, the others are leaves (so a tree has
     *                          depth + (depth - 1) * (branching - 1) snapshots)
     */
    public record Options(int vmCount, long seed, int snapshotEvery, int snapshotDepth, int snapshotBranching) {
        public Options {
            if (vmCount < 0 || snapshotEvery < 0 || snapshotDepth < 1 || snapshotBranching < 1) {
                throw new IllegalArgumentException("bad fixture options");
            }
        }

        /** Snapshot trees 4 deep with 2 branches on every 5th VM. */
        public static Options of(int vmCount, long seed) {
            return new Options(vmCount, seed, 5, 4, 2);
        }

        public Options withSnapshots(int every, int depth, int branching) {
            return new Options(vmCount, seed, every, depth, branching);
        }
    }

    /** What one generated VM is: its summary (with tags) as Rackdesk lists it, its disks and snapshots. */
    public record GeneratedVm(VmSummary summary, List<VmDisk> disks, List<SnapshotInfo> snapshots) {
        public String name() {
            return summary.name();
        }

        public List<String> tags() {
            return summary.tags();
        }

        /** The current snapshot's name, or null when the VM has no snapshots. */
        public String currentSnapshot() {
            return snapshots.stream().filter(SnapshotInfo::current).map(SnapshotInfo::name).findFirst().orElse(null);
        }
    }

    /** The file written, its test:/// URI and its VMs in generation order. */
    public record Fixture(Path file, String uri, List<GeneratedVm> vms) {
        public GeneratedVm vm(String name) {
            return vms.stream().filter(v -> v.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no generated VM " + name));
        }
    }

    private final Options options;
    private final Random random;

    private FixtureGenerator(Options options) {
        this.options = options;
        this.random = new Random(options.seed());
    }

    /** Writes {@code dir/generated-host-N-SEED.xml}. */
    public static Fixture write(Path dir, Options options) {
        FixtureGenerator g = new FixtureGenerator(options);
        List<GeneratedVm> vms = new ArrayList<>(options.vmCount());
        StringBuilder xml = new StringBuilder(4096 + options.vmCount() * 2048);
        xml.append("<?xml version='1.0' encoding='UTF-8'?>\n<node>\n")
                .append("  <cpu><mhz>2400</mhz><model>x86_64</model><active>16</active><nodes>1</nodes>")
                .append("<sockets>1</sockets><cores>8</cores><threads>2</threads></cpu>\n")
                .append("  <memory>67108864</memory>\n");
        for (int i = 0; i < options.vmCount(); i++) {
            GeneratedVm vm = g.vm(i);
            vms.add(vm);
            appendDomain(xml, vm, i, g.transientVm(i));
        }
        xml.append("</node>\n");
        Path file = dir.resolve("generated-host-" + options.vmCount() + "-" + options.seed() + ".xml").toAbsolutePath();
        try {
            Files.createDirectories(dir);
            Files.writeString(file, xml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Fixture(file, DemoFixture.uriFor(file), List.copyOf(vms));
    }

    private boolean transientVm(int i) {
        return i % 10 == 9;
    }

    private GeneratedVm vm(int i) {
        boolean isTransient = transientVm(i);
        VmState state = isTransient ? VmState.RUNNING : STATES[i % STATES.length];
        String uuid = uuid();
        String name = name(i);
        int vcpus = 1 + random.nextInt(16);
        long memory = MEMORY_KIB[random.nextInt(MEMORY_KIB.length)];
        List<String> tags = switch (i % 3) {
            case 0 -> List.of("prod", "web");
            case 1 -> List.of("team-ü");
            default -> List.of();
        };
        List<SnapshotInfo> snapshots = !isTransient && options.snapshotEvery() > 0 && i % options.snapshotEvery() == 0
                ? snapshotTree() : List.of();
        return new GeneratedVm(new VmSummary(uuid, name, state, vcpus, memory, !isTransient, tags), disks(i), snapshots);
    }

    /** Mostly plain names; some with spaces, non-ASCII letters, a comma or double quotes (CSV and JSON quoting). */
    private static String name(int i) {
        String n = String.format(Locale.ROOT, "%04d", i);
        return switch (i % 8) {
            case 1 -> "web server " + n;
            case 3 -> "büro-zürich-" + n;
            case 5 -> "数据库-" + n;
            case 6 -> "lab, west " + n;
            case 7 -> "db \"blue\" " + n;
            default -> "vm-" + n;
        };
    }

    private static List<VmDisk> disks(int i) {
        String slug = String.format(Locale.ROOT, "vm-%04d", i);
        List<BackingImage> chain = new ArrayList<>();
        for (int level = 1; level <= i % 4; level++) {
            chain.add(new BackingImage(IMAGES + "templates/" + (i % 4) + "-level-" + level + ".qcow2", "qcow2"));
        }
        List<VmDisk> disks = new ArrayList<>();
        disks.add(new VmDisk("vda", "virtio", "disk", "file", IMAGES + slug + ".qcow2", null, List.of(), null, null,
                "qcow2", chain));
        if (i % 6 == 2) {
            disks.add(new VmDisk("vdb", "virtio", "disk", "network", "vms/" + slug + "-data", "rbd",
                    List.of("10.0.0.11:6789", "10.0.0.12:6789"), "libvirt", "2e3b4a1c-9d57-4f0e-8b1a-5c6d7e8f9a0b",
                    "raw", List.of()));
        }
        if (i % 9 == 4) {
            disks.add(new VmDisk("vdc", "virtio", "disk", "block", "/dev/vg0/" + slug + "-scratch", null, List.of(),
                    null, null, "raw", List.of()));
        }
        if (i % 8 == 5) {
            disks.add(new VmDisk("sda", "sata", "cdrom", "file", "/var/lib/libvirt/iso/install.iso", null, List.of(),
                    null, null, "raw", List.of()));
        }
        return disks;
    }

    /**
     * A main line {@code snapshotDepth} long; every snapshot on it but the last has
     * {@code snapshotBranching - 1} leaf children beside the next one. Created in tree order, one hour
     * apart; one snapshot, chosen at random, is current. Sorted as Rackdesk lists them.
     */
    private List<SnapshotInfo> snapshotTree() {
        record Node(String name, String parent, int level) {
        }
        List<Node> nodes = new ArrayList<>();
        String parent = null;
        for (int level = 0; level < options.snapshotDepth(); level++) {
            String main = String.format(Locale.ROOT, "snap-%02d", level);
            nodes.add(new Node(main, parent, level));
            if (level < options.snapshotDepth() - 1) {
                for (int b = 1; b < options.snapshotBranching(); b++) {
                    nodes.add(new Node(String.format(Locale.ROOT, "snap-%02d-branch-%d", level + 1, b), main, level + 1));
                }
            }
            parent = main;
        }
        int current = random.nextInt(nodes.size());
        List<SnapshotInfo> snapshots = new ArrayList<>();
        for (int k = 0; k < nodes.size(); k++) {
            Node n = nodes.get(k);
            snapshots.add(new SnapshotInfo(n.name(), n.parent(), k == current, random.nextBoolean() ? "running" : "shutoff",
                    FIRST_SNAPSHOT_TIME + k * 3600L, "level " + n.level() + " of the tree"));
        }
        snapshots.sort(Comparator.comparingLong(SnapshotInfo::creationTimeEpochSeconds).thenComparing(SnapshotInfo::name));
        return List.copyOf(snapshots);
    }

    private String uuid() {
        long msb = random.nextLong() & ~0xF000L | 0x4000L; // version 4
        long lsb = random.nextLong() & ~(0xC000L << 48) | 0x8000L << 48; // IETF variant
        return new UUID(msb, lsb).toString();
    }

    private static void appendDomain(StringBuilder x, GeneratedVm vm, int i, boolean isTransient) {
        VmSummary s = vm.summary();
        x.append("  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>\n")
                .append("    <name>").append(esc(s.name())).append("</name>\n")
                .append("    <uuid>").append(s.uuid()).append("</uuid>\n")
                .append("    <title>Generated VM ").append(i).append("</title>\n");
        if (!vm.tags().isEmpty()) {
            String p = RackdeskMetadata.PREFIX;
            x.append("    <metadata><").append(p).append(":tags xmlns:").append(p).append("='")
                    .append(RackdeskMetadata.NAMESPACE).append("'>");
            for (String tag : vm.tags()) {
                x.append('<').append(p).append(":tag>").append(esc(tag)).append("</").append(p).append(":tag>");
            }
            x.append("</").append(p).append(":tags></metadata>\n");
        }
        x.append("    <memory unit='KiB'>").append(s.memoryKiB()).append("</memory>\n")
                .append("    <vcpu>").append(s.vcpus()).append("</vcpu>\n")
                .append("    <os><type arch='x86_64' machine='pc-q35-7.2'>hvm</type></os>\n")
                .append("    <devices>\n");
        for (VmDisk d : vm.disks()) {
            appendDisk(x, d);
        }
        x.append("      <interface type='network'><mac address='52:54:00:")
                .append(String.format(Locale.ROOT, "%02x:%02x:%02x", i >> 16 & 0xff, i >> 8 & 0xff, i & 0xff))
                .append("'/><source network='default'/><model type='virtio'/></interface>\n")
                .append("      <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>\n")
                .append("    </devices>\n")
                .append("    <test:runstate>").append(s.state().code()).append("</test:runstate>\n");
        if (isTransient) {
            x.append("    <test:transient/>\n");
        }
        for (SnapshotInfo snap : vm.snapshots()) {
            x.append("    <test:domainsnapshot><name>").append(esc(snap.name())).append("</name><description>")
                    .append(esc(snap.description())).append("</description><state>").append(snap.state())
                    .append("</state>");
            if (snap.parent() != null) {
                x.append("<parent><name>").append(esc(snap.parent())).append("</name></parent>");
            }
            x.append("<creationTime>").append(snap.creationTimeEpochSeconds()).append("</creationTime><active>")
                    .append(snap.current() ? 1 : 0).append("</active><domain type='test'><name>").append(esc(s.name()))
                    .append("</name><uuid>").append(s.uuid()).append("</uuid><memory unit='KiB'>").append(s.memoryKiB())
                    .append("</memory><vcpu>").append(s.vcpus())
                    .append("</vcpu><os><type arch='x86_64'>hvm</type></os></domain></test:domainsnapshot>\n");
        }
        x.append("  </domain>\n");
    }

    private static void appendDisk(StringBuilder x, VmDisk d) {
        x.append("      <disk type='").append(d.type()).append("' device='").append(d.device()).append("'>")
                .append("<driver name='qemu' type='").append(d.format()).append("'/>");
        switch (d.type()) {
            case "network" -> {
                x.append("<auth username='").append(esc(d.authUsername())).append("'><secret type='ceph' uuid='")
                        .append(d.authSecretUuid()).append("'/></auth><source protocol='").append(d.protocol())
                        .append("' name='").append(esc(d.source())).append("'>");
                for (String host : d.hosts()) {
                    int colon = host.lastIndexOf(':');
                    x.append("<host name='").append(host, 0, colon).append("' port='").append(host.substring(colon + 1))
                            .append("'/>");
                }
                x.append("</source>");
            }
            case "block" -> x.append("<source dev='").append(esc(d.source())).append("'/>");
            default -> x.append("<source file='").append(esc(d.source())).append("'/>");
        }
        for (BackingImage b : d.backingChain()) {
            x.append("<backingStore type='file'><format type='").append(b.format()).append("'/><source file='")
                    .append(esc(b.source())).append("'/>");
        }
        if (!d.backingChain().isEmpty()) {
            x.append("<backingStore/>").append("</backingStore>".repeat(d.backingChain().size()));
        }
        x.append("<target dev='").append(d.target()).append("' bus='").append(d.bus()).append("'/>");
        if ("cdrom".equals(d.device())) {
            x.append("<readonly/>");
        }
        x.append("</disk>\n");
    }

    private static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '\'' -> b.append("&apos;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
