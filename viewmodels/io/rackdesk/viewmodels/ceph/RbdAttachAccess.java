package io.rackdesk.viewmodels.ceph;

import io.rackdesk.app.ceph.rbd.RbdClientAccess;
import io.rackdesk.app.ceph.rbd.RbdImageRef;
import io.rackdesk.app.libvirt.RbdDiskXml;
import io.rackdesk.app.libvirt.RbdDisks;
import io.rackdesk.viewmodels.vms.VmItem;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the "Attach RBD image to VM" dialog asks of a Ceph cluster (by its settings id, on the
 * cluster's worker) and of a VM's libvirt host (on the connection's worker). Every method returns at
 * once; futures complete on backend threads, so the ViewModel hands them to the TaskExecutor. The
 * app's is {@link ServiceRbdAttachAccess}; tests use a fake.
 */
public interface RbdAttachAccess {
    /** The pool names: those tagged with application rbd first, then the others. */
    CompletableFuture<List<String>> pools(String cluster);

    /** The image names of one pool, sorted. */
    CompletableFuture<List<String>> images(String cluster, String pool);

    /** The monitors' msgr1 addresses from the mon map, as the disk XML lists them. */
    CompletableFuture<List<String>> monitors(String cluster);

    /** The clients that have the image open (a running VM elsewhere, 'rbd map'). */
    CompletableFuture<List<String>> watchers(String cluster, RbdImageRef image);

    CompletableFuture<Void> createImage(String cluster, RbdImageRef image, long bytes);

    /** Creates or reuses {@code client.CLIENTID} with rbd caps on the image's pool; the caller closes it. */
    CompletableFuture<RbdClientAccess> prepareClient(String cluster, RbdImageRef image, String clientId);

    /** Whether the VM runs, its used targets, its RBD disks and the host's ceph secrets. */
    CompletableFuture<RbdDisks.DomainDisks> domainDisks(VmItem vm);

    /** Defines (or finds) the ceph secret {@code usage} on the VM's host and sets it to {@code key}; its UUID. */
    CompletableFuture<String> defineSecret(VmItem vm, String usage, byte[] key);

    /** Attaches the disk and confirms it in the re-read domain XML. */
    CompletableFuture<RbdDisks.Attached> attach(VmItem vm, RbdDiskXml.RbdDisk disk, RbdDisks.Mode mode);
}
