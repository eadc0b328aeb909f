package io.rackdesk.app.libvirt;

import io.rackdesk.app.model.SnapshotInfo;
import io.rackdesk.app.model.VmDefinition;
import io.rackdesk.app.model.VmDetails;
import io.rackdesk.app.model.VmSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

/**
 * Reads VMs in depth on an open {@link LibvirtHost}: definitions, snapshots, autostart. Every call
 * runs on the host's worker with the host's timeout, like the host's own calls.
 */
public final class VmInspector {
    private final LibvirtHost host;

    public VmInspector(LibvirtHost host) {
        this.host = Objects.requireNonNull(host);
    }

    /** The domain XML of the VM with this UUID, parsed. */
    public CompletableFuture<VmDefinition> definition(String uuid) {
        return onDomain("read the definition of VM " + uuid, uuid, d -> DomainXml.parse(d.getXMLDesc(0)));
    }

    /** Every snapshot of the VM with this UUID, oldest first. */
    public CompletableFuture<List<SnapshotInfo>> snapshots(String uuid) {
        return onDomain("list the snapshots of VM " + uuid, uuid, LibvirtSnapshotsNative::list);
    }

    /** One VM's autostart flag, definition and snapshots, in one worker call. */
    public CompletableFuture<VmDetails> details(VmSummary vm) {
        return onDomain("read the details of " + vm.name(), vm.uuid(), d -> new VmDetails(vm, d.getAutostart(),
                DomainXml.parse(d.getXMLDesc(0)), LibvirtSnapshotsNative.list(d)));
    }

    /**
     * Every VM of the host with its definition, autostart flag and snapshots, sorted by name, in one
     * call on the worker (so the host's timeout bounds the whole read). A VM undefined while this
     * runs is left out.
     */
    public CompletableFuture<List<VmDetails>> inspectAll() {
        return host.withConnection("read every VM on " + host.uri(), c -> {
            List<VmDetails> all = new ArrayList<>();
            for (VmSummary vm : LibvirtNative.listAllDomains(c)) {
                try {
                    all.add(withDomain(c, vm.uuid(), d -> new VmDetails(vm, d.getAutostart(),
                            DomainXml.parse(d.getXMLDesc(0)), LibvirtSnapshotsNative.list(d))));
                } catch (LibvirtException e) {
                    if (!isNoDomain(e)) {
                        throw e;
                    }
                }
            }
            all.sort(Comparator.comparing((VmDetails v) -> v.summary().name(), String.CASE_INSENSITIVE_ORDER));
            return all;
        });
    }

    private <T> CompletableFuture<T> onDomain(String what, String uuid, DomainCall<T> body) {
        Objects.requireNonNull(uuid);
        return host.withConnection(what + " on " + host.uri(), c -> withDomain(c, uuid, body));
    }

    /** Looks the domain up, runs {@code body} and frees the domain whatever happens. */
    static <T> T withDomain(Connect c, String uuid, DomainCall<T> body) throws Exception {
        Domain d = c.domainLookupByUUIDString(uuid);
        try {
            return body.apply(d);
        } finally {
            d.free();
        }
    }

    private static boolean isNoDomain(LibvirtException e) {
        return e.getError() != null && e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN;
    }

    @FunctionalInterface
    interface DomainCall<T> {
        T apply(Domain d) throws Exception;
    }
}
