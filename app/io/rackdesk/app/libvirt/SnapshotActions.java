package io.rackdesk.app.libvirt;

import io.rackdesk.app.model.VmSummary;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.libvirt.DomainSnapshot;

/**
 * Creating, reverting and deleting snapshots (virsh snapshot-create-as / snapshot-revert /
 * snapshot-delete), each on the host's worker. Names are checked before libvirt sees them.
 */
public final class SnapshotActions {
    /** VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN: the snapshot and every descendant. */
    private static final int DELETE_CHILDREN = 1;
    public static final int MAX_NAME_LENGTH = 64;

    private final LibvirtHost host;

    public SnapshotActions(LibvirtHost host) {
        this.host = Objects.requireNonNull(host);
    }

    /** Why {@code name} cannot be a snapshot name, or null when it can. */
    public static String nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return "a snapshot needs a name";
        }
        if (!name.equals(name.strip())) {
            return "the name starts or ends with a space";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "the name is longer than " + MAX_NAME_LENGTH + " characters";
        }
        if (name.contains("/") || name.startsWith(".")) {
            return "the name cannot contain '/' or start with '.' (libvirt stores it as a file name)";
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return "the name contains a control character";
        }
        return null;
    }

    /**
     * Takes a snapshot. {@code withMemory}: also save the running VM's memory (a full checkpoint);
     * without it only the disks are captured. libvirt's refusal (e.g. a raw disk) comes back as the error.
     */
    public CompletableFuture<Void> create(VmSummary vm, String name, String description, boolean withMemory) {
        String problem = nameProblem(name);
        if (problem != null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(problem));
        }
        StringBuilder xml = new StringBuilder("<domainsnapshot><name>").append(escape(name)).append("</name>");
        if (description != null && !description.isBlank()) {
            xml.append("<description>").append(escape(description.strip())).append("</description>");
        }
        if (vm.state().isActive()) {
            xml.append("<memory snapshot='").append(withMemory ? "internal" : "no").append("'/>");
        }
        xml.append("</domainsnapshot>");
        return host.withConnection("snapshot " + vm.name() + " as " + name, c -> VmInspector.withDomain(c, vm.uuid(), d -> {
            d.snapshotCreateXML(xml.toString()).free();
            return null;
        }));
    }

    /** Returns the VM to the snapshot (virsh snapshot-revert); a running VM loses its current state. */
    public CompletableFuture<Void> revert(VmSummary vm, String snapshot) {
        return host.withConnection("revert " + vm.name() + " to " + snapshot, c -> VmInspector.withDomain(c, vm.uuid(), d -> {
            DomainSnapshot s = d.snapshotLookupByName(snapshot);
            try {
                d.revertToSnapshot(s);
            } finally {
                s.free();
            }
            return null;
        }));
    }

    /** Deletes the snapshot, and with {@code withChildren} every snapshot below it. */
    public CompletableFuture<Void> delete(VmSummary vm, String snapshot, boolean withChildren) {
        return host.withConnection("delete snapshot " + snapshot + " of " + vm.name(), c -> VmInspector.withDomain(c, vm.uuid(), d -> {
            DomainSnapshot s = d.snapshotLookupByName(snapshot);
            try {
                s.delete(withChildren ? DELETE_CHILDREN : 0);
            } finally {
                s.free();
            }
            return null;
        }));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
