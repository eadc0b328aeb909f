package io.rackdesk.viewmodels.ceph;

import io.rackdesk.app.ceph.rbd.RbdImageRef;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Tells the RBD page which running VM known to Rackdesk has an image as a disk (a rollback under it
 * would corrupt the guest's view). Called on the UI thread; the answer may come from a host's worker.
 */
@FunctionalInterface
public interface RbdVmUsage {
    /** "running VM web1 on host kvm-01", or empty when no running VM uses {@code image}. */
    CompletableFuture<Optional<String>> runningVmUsing(RbdImageRef image);

    /** No VMs known (tests, a cluster page without hosts). */
    RbdVmUsage NONE = image -> CompletableFuture.completedFuture(Optional.empty());
}
