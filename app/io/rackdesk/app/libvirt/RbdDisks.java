package io.rackdesk.app.libvirt;

import io.rackdesk.app.libvirt.RbdDiskXml.RbdDisk;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.Secret;
import org.libvirt.SecretUsageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ceph RBD disks on a libvirt host: the ceph secret (defined once per usage name, its value set each
 * time, never logged or read back: the secret is private), attaching an RBD disk to a domain on a
 * free virtio target and confirming it in the re-read XML, and the reverse for clean-up. Every call
 * runs on the host's worker with its timeout.
 */
public final class RbdDisks {
    private static final Logger LOG = LoggerFactory.getLogger(RbdDisks.class);
    static final int AFFECT_LIVE = 1;     // VIR_DOMAIN_AFFECT_LIVE
    static final int AFFECT_CONFIG = 2;   // VIR_DOMAIN_AFFECT_CONFIG
    static final int XML_INACTIVE = 2;    // VIR_DOMAIN_XML_INACTIVE

    private RbdDisks() {
    }

    /** Where the disk should go. */
    public enum Mode {
        /** Running VM: live and persistent config, and if the live attach fails, the config only (the reason is kept). */
        AUTO,
        /** Running VM: live and config, or fail. */
        LIVE_AND_CONFIG,
        /** The persistent config only (takes effect at the next start). */
        CONFIG_ONLY
    }

    /**
     * What was done: the disk as attached ({@code disk.targetDev()}), whether it is in the running
     * VM and in its persistent config, why the live attach failed when AUTO fell back to the config
     * ({@code liveError}, null otherwise), and whether it was there already (then nothing changed).
     */
    public record Attached(RbdDisk disk, boolean live, boolean config, String liveError, boolean alreadyThere, String xml,
            String found) {
    }

    /**
     * What a VM's XML says before an attach: whether it runs and has a persistent config, the
     * target devices used in the live and the persistent XML, its RBD disks, and the host's ceph
     * secrets (usage name -> UUID), so a dialog can choose a free target and show the exact XML.
     */
    public record DomainDisks(boolean running, boolean persistent, Set<String> usedTargets, java.util.List<RbdDisk> rbdDisks,
            java.util.Map<String, String> cephSecrets) {
        public DomainDisks {
            usedTargets = Set.copyOf(usedTargets);
            rbdDisks = java.util.List.copyOf(rbdDisks);
            cephSecrets = java.util.Map.copyOf(cephSecrets);
        }
    }

    /** The target asked for is taken in the VM's live or persistent XML. */
    public static final class TargetInUseException extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final String target;

        public TargetInUseException(String domain, String target) {
            super("the target device " + target + " of " + domain + " is already used by another disk");
            this.target = target;
        }

        public String target() {
            return target;
        }
    }

    /** Reads {@link DomainDisks} of {@code domainName} on the host's worker. */
    public static CompletableFuture<DomainDisks> inspect(LibvirtHost host, String domainName) {
        return host.withConnection("read the disks of " + domainName + " on " + host.uri(), c -> {
            Domain d = c.domainLookupByName(domainName);
            try {
                boolean running = d.isActive() == 1;
                boolean persistent = d.isPersistent() == 1;
                String liveXml = d.getXMLDesc(0);
                String configXml = persistent && running ? d.getXMLDesc(XML_INACTIVE) : null;
                Set<String> used = new java.util.LinkedHashSet<>(RbdDiskXml.targets(liveXml));
                java.util.List<RbdDisk> rbd = new java.util.ArrayList<>(RbdDiskXml.rbdDisks(liveXml));
                if (configXml != null) {
                    used.addAll(RbdDiskXml.targets(configXml));
                    for (RbdDisk r : RbdDiskXml.rbdDisks(configXml)) {
                        if (rbd.stream().noneMatch(x -> x.sourceName().equals(r.sourceName()))) {
                            rbd.add(r);
                        }
                    }
                }
                java.util.Map<String, String> secrets = new java.util.TreeMap<>();
                for (String uuid : c.listSecrets()) {
                    Secret s = c.secretLookupByUUIDString(uuid);
                    try {
                        if (s.getUsageType() == SecretUsageType.CEPH) {
                            secrets.put(s.getUsageID(), uuid);
                        }
                    } finally {
                        s.free();
                    }
                }
                return new DomainDisks(running, persistent, used, rbd, secrets);
            } finally {
                d.free();
            }
        });
    }

    /**
     * Defines the ceph secret {@code usageName} on the host (or finds it) and sets its value to the
     * raw cephx key (the base64-decoded bytes). The caller's array is left as it is; our copy is
     * zeroed. Returns the secret's UUID.
     */
    public static CompletableFuture<String> defineCephSecret(LibvirtHost host, String usageName, byte[] key) {
        Objects.requireNonNull(key);
        String xml = RbdDiskXml.secretXml(usageName, "Rackdesk: the cephx key of " + usageName.replace(" secret", ""));
        byte[] copy = key.clone();
        return host.withConnection("define the ceph secret '" + usageName + "' on " + host.uri(), c -> {
            try {
                Secret s = findSecret(c, usageName).orElse(null);
                if (s == null) {
                    s = c.secretDefineXML(xml);
                    LOG.info("defined the ceph secret '{}' on {}", usageName, host.uri());
                }
                try {
                    s.setValue(copy);
                    return s.getUUIDString();
                } finally {
                    s.free();
                }
            } finally {
                Arrays.fill(copy, (byte) 0);
            }
        });
    }

    /** Undefines the ceph secret {@code usageName}; false when there was none. */
    public static CompletableFuture<Boolean> undefineCephSecret(LibvirtHost host, String usageName) {
        return host.withConnection("undefine the ceph secret '" + usageName + "' on " + host.uri(), c -> {
            Optional<Secret> s = findSecret(c, usageName);
            if (s.isEmpty()) {
                return false;
            }
            try {
                s.get().undefine();
            } finally {
                s.get().free();
            }
            return true;
        });
    }

    private static Optional<Secret> findSecret(Connect c, String usageName) throws LibvirtException {
        for (String uuid : c.listSecrets()) {
            Secret s = c.secretLookupByUUIDString(uuid);
            if (s.getUsageType() == SecretUsageType.CEPH && usageName.equals(s.getUsageID())) {
                return Optional.of(s);
            }
            s.free();
        }
        return Optional.empty();
    }

    /**
     * Attaches {@code disk} to the domain, then re-reads the XML and fails unless the disk is there.
     * Its target is the one it names (refused with {@link TargetInUseException} when the live or the
     * persistent XML uses it), or, when it names none, the first free one on its bus in both.
     * An RBD disk with the same pool/image already in the domain is reported, not attached twice.
     */
    public static CompletableFuture<Attached> attach(LibvirtHost host, String domainName, RbdDisk disk, Mode mode) {
        RbdDiskXml.requireRaw(disk.driverType(), disk.sourceName());
        Objects.requireNonNull(disk.secretUuid(), "define the ceph secret first");
        return host.withConnection("attach " + disk.sourceName() + " to " + domainName + " on " + host.uri(), c -> {
            Domain d = c.domainLookupByName(domainName);
            try {
                boolean running = d.isActive() == 1;
                boolean persistent = d.isPersistent() == 1;
                String liveXml = d.getXMLDesc(0);
                String configXml = persistent ? d.getXMLDesc(XML_INACTIVE) : null;
                Optional<RbdDisk> present = find(running ? liveXml : configXml, disk.sourceName());
                if (present.isEmpty() && configXml != null) {
                    present = find(configXml, disk.sourceName());
                }
                if (present.isPresent()) {
                    return new Attached(present.get(), running && find(liveXml, disk.sourceName()).isPresent(),
                            configXml != null && find(configXml, disk.sourceName()).isPresent(), null, true, null,
                            RbdDiskXml.diskElementText(running ? liveXml : configXml, disk.sourceName())
                                    .or(() -> RbdDiskXml.diskElementText(liveXml, disk.sourceName())).orElse(null));
                }
                Set<String> used = new HashSet<>(RbdDiskXml.targets(liveXml));
                if (configXml != null) {
                    used.addAll(RbdDiskXml.targets(configXml));
                }
                if (disk.targetDev() != null && used.contains(disk.targetDev())) {
                    throw new TargetInUseException(domainName, disk.targetDev());
                }
                RbdDisk withTarget = disk.targetDev() != null ? disk : disk.withTarget(RbdDiskXml.chooseTarget(used, disk.bus()));
                String xml = RbdDiskXml.diskXml(withTarget);
                boolean live = false;
                boolean config = false;
                String liveError = null;
                if (!running || mode == Mode.CONFIG_ONLY) {
                    if (!persistent) {
                        throw new IllegalStateException("cannot attach " + disk.sourceName() + " to " + domainName
                                + "'s config: the VM is transient, so it has none");
                    }
                    d.attachDeviceFlags(xml, AFFECT_CONFIG);
                    config = true;
                } else {
                    try {
                        d.attachDeviceFlags(xml, AFFECT_LIVE | (persistent ? AFFECT_CONFIG : 0));
                        live = true;
                        config = persistent;
                    } catch (LibvirtException e) {
                        liveError = LibvirtErrors.describe(e);
                        if (mode != Mode.AUTO || !persistent) {
                            throw new IllegalStateException("cannot attach " + disk.sourceName() + " to the running "
                                    + domainName + ": " + liveError, e);
                        }
                        LOG.info("live attach of {} to {} failed ({}); attaching to its config only", disk.sourceName(),
                                domainName, liveError);
                        d.attachDeviceFlags(xml, AFFECT_CONFIG);
                        config = true;
                    }
                }
                // confirm in what libvirt now says
                String found = null;
                if (live) {
                    String now = d.getXMLDesc(0);
                    if (find(now, disk.sourceName()).isEmpty()) {
                        throw new IllegalStateException("attached " + disk.sourceName() + " to " + domainName
                                + ", but the live XML does not show it");
                    }
                    found = RbdDiskXml.diskElementText(now, disk.sourceName()).orElse(null);
                }
                if (config) {
                    String now = d.getXMLDesc(XML_INACTIVE);
                    if (find(now, disk.sourceName()).isEmpty()) {
                        throw new IllegalStateException("attached " + disk.sourceName() + " to " + domainName
                                + "'s config, but the inactive XML does not show it");
                    }
                    found = found != null ? found : RbdDiskXml.diskElementText(now, disk.sourceName()).orElse(null);
                }
                return new Attached(withTarget, live, config, liveError, false, xml, found);
            } finally {
                d.free();
            }
        });
    }

    /**
     * Detaches the RBD disk {@code pool/image} from the live domain and its config, where it is;
     * false when it was in neither.
     */
    public static CompletableFuture<Boolean> detach(LibvirtHost host, String domainName, String poolSlashImage) {
        return host.withConnection("detach " + poolSlashImage + " from " + domainName + " on " + host.uri(), c -> {
            Domain d = c.domainLookupByName(domainName);
            try {
                boolean running = d.isActive() == 1;
                boolean persistent = d.isPersistent() == 1;
                boolean any = false;
                if (running) {
                    Optional<String> xml = diskElement(d.getXMLDesc(0), poolSlashImage);
                    if (xml.isPresent()) {
                        d.detachDeviceFlags(xml.get(), AFFECT_LIVE);
                        any = true;
                    }
                }
                if (persistent) {
                    Optional<String> xml = diskElement(d.getXMLDesc(XML_INACTIVE), poolSlashImage);
                    if (xml.isPresent()) {
                        d.detachDeviceFlags(xml.get(), AFFECT_CONFIG);
                        any = true;
                    }
                }
                return any;
            } finally {
                d.free();
            }
        });
    }

    /** The RBD disk of {@code pool/image} in a domain's XML. */
    public static Optional<RbdDisk> find(String domainXml, String poolSlashImage) {
        return RbdDiskXml.rbdDisks(domainXml).stream().filter(d -> d.sourceName().equals(poolSlashImage)).findFirst();
    }

    /** A minimal {@code <disk>} that identifies the disk for detachDeviceFlags (libvirt matches by target). */
    private static Optional<String> diskElement(String domainXml, String poolSlashImage) {
        return find(domainXml, poolSlashImage).filter(d -> d.targetDev() != null).map(d -> d.secretUuid() != null
                ? RbdDiskXml.diskXml(d) : RbdDiskXml.diskXml(new RbdDisk(d.pool(), d.image(), d.monitors(), d.username(),
                        "00000000-0000-0000-0000-000000000000", d.driverType(), d.targetDev())));
    }
}
