package io.rackdesk.viewmodels.main;

import io.rackdesk.app.ceph.rbd.RbdImageRef;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtHost;
import io.rackdesk.app.libvirt.VmInspector;
import io.rackdesk.app.model.VmDisk;
import io.rackdesk.app.model.VmState;
import io.rackdesk.viewmodels.ceph.RbdVmUsage;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.viewmodels.vms.VmItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Finds the running VMs of the open connections that have an RBD image as a disk: each such VM's
 * live XML is read on its host's worker and its rbd sources ({@code pool/image}) compared. A VM whose
 * XML cannot be read fails the check (a rollback must not go ahead on a guess).
 */
final class RunningVmRbdUsage implements RbdVmUsage {
    private final List<ConnectionViewModel> connections;
    private final Localization l10n;

    RunningVmRbdUsage(List<ConnectionViewModel> connections, Localization l10n) {
        this.connections = connections;
        this.l10n = l10n;
    }

    @Override
    public CompletableFuture<Optional<String>> runningVmUsing(RbdImageRef image) {
        List<CompletableFuture<Optional<String>>> checks = new ArrayList<>();
        for (ConnectionViewModel c : connections) {
            Optional<LibvirtHost> host = c.openHost();
            if (host.isEmpty()) {
                continue;
            }
            VmInspector inspector = new VmInspector(host.get());
            for (VmItem vm : List.copyOf(c.vms())) {
                if (!isActive(vm.getState())) {
                    continue;
                }
                String who = l10n.lang("ceph.rbd.usedBy", vm.name(), c.name());
                checks.add(inspector.definition(vm.uuid())
                        .thenApply(def -> def.disks().stream().anyMatch(d -> uses(d, image)) ? Optional.of(who) : Optional.<String>empty()));
            }
        }
        return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
                .thenApply(v -> checks.stream().map(CompletableFuture::join).flatMap(Optional::stream).findFirst());
    }

    static boolean uses(VmDisk disk, RbdImageRef image) {
        return "rbd".equals(disk.protocol()) && image.toString().equals(disk.source());
    }

    private static boolean isActive(VmState s) {
        return s == VmState.RUNNING || s == VmState.PAUSED || s == VmState.BLOCKED || s == VmState.PMSUSPENDED
                || s == VmState.SHUTDOWN;
    }
}
