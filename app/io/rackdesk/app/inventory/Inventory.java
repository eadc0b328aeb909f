package io.rackdesk.app.inventory;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.rackdesk.app.model.BackingImage;
import io.rackdesk.app.model.HostSummary;
import io.rackdesk.app.model.SnapshotInfo;
import io.rackdesk.app.model.VmDetails;
import io.rackdesk.app.model.VmDisk;
import io.rackdesk.app.model.VmSummary;
import java.util.List;
import java.util.Objects;

/**
 * Every VM of a set of hosts, in the shape {@code rackdesk inventory} prints as JSON. The record
 * components are the JSON fields, in this order; scripts rely on the names, so they are the contract.
 */
@JsonPropertyOrder({"hosts"})
public record Inventory(List<Host> hosts) {
    public Inventory {
        hosts = List.copyOf(hosts);
    }

    /** True when any host failed or timed out. */
    public boolean hasFailures() {
        return hosts.stream().anyMatch(Host::failed);
    }

    /** One host: its VMs, or the reason it could not be read ({@code error}, then {@code vms} is empty). */
    @JsonPropertyOrder({"uri", "hostname", "libvirtVersion", "error", "vms"})
    public record Host(String uri, String hostname, String libvirtVersion, String error, List<Vm> vms) {
        public Host {
            Objects.requireNonNull(uri);
            vms = List.copyOf(vms);
        }

        public static Host of(HostSummary summary, List<VmDetails> vms) {
            return new Host(summary.uri(), summary.hostname(), summary.libvirtVersion(), null,
                    vms.stream().map(Vm::of).toList());
        }

        public static Host failed(String uri, String error) {
            return new Host(uri, null, null, Objects.requireNonNull(error), List.of());
        }

        public boolean failed() {
            return error != null;
        }
    }

    /** {@code state} is {@link io.rackdesk.app.model.VmState#id()}. */
    @JsonPropertyOrder({"name", "uuid", "state", "vcpus", "memoryKiB", "autostart", "persistent", "tags", "disks",
        "snapshots"})
    public record Vm(String name, String uuid, String state, int vcpus, long memoryKiB, boolean autostart,
                     boolean persistent, List<String> tags, List<Disk> disks, List<Snapshot> snapshots) {
        public Vm {
            tags = List.copyOf(tags);
            disks = List.copyOf(disks);
            snapshots = List.copyOf(snapshots);
        }

        static Vm of(VmDetails d) {
            VmSummary s = d.summary();
            return new Vm(s.name(), s.uuid(), s.state().id(), s.vcpus(), s.memoryKiB(), d.autostart(), s.persistent(),
                    d.definition().tags(), d.definition().disks().stream().map(Disk::of).toList(),
                    d.snapshots().stream().map(Snapshot::of).toList());
        }
    }

    /** {@code source} is a path, or "pool/image" for a network disk; {@code backingChain} nearest first. */
    @JsonPropertyOrder({"target", "type", "source", "format", "backingChain"})
    public record Disk(String target, String type, String source, String format, List<String> backingChain) {
        public Disk {
            backingChain = List.copyOf(backingChain);
        }

        static Disk of(VmDisk d) {
            return new Disk(d.target(), d.type(), d.source(), d.format(),
                    d.backingChain().stream().map(BackingImage::source).filter(Objects::nonNull).toList());
        }
    }

    /** {@code parent} is null for a root; {@code creationTime} in seconds since the epoch. */
    @JsonPropertyOrder({"name", "parent", "current", "state", "creationTime"})
    public record Snapshot(String name, String parent, boolean current, String state, long creationTime) {
        static Snapshot of(SnapshotInfo s) {
            return new Snapshot(s.name(), s.parent(), s.current(), s.state(), s.creationTimeEpochSeconds());
        }
    }
}
