package io.rackdesk.app.ceph.rbd;

import io.rackdesk.app.ceph.CephClient;
import io.rackdesk.app.ceph.CephException;
import io.rackdesk.app.libvirt.LibvirtHost;
import io.rackdesk.app.libvirt.RbdDiskXml;
import io.rackdesk.app.libvirt.RbdDisks;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * "RBD image as a VM disk" in one action: a cephx client with rbd caps on the image's pool
 * ({@link RbdClientAccess}, on the cluster's worker), the libvirt ceph secret with its key on the
 * VM's host, and an {@code <disk type='network'>} rbd disk on a free virtio target, confirmed in the
 * re-read domain XML ({@link RbdDisks}, on the host's worker). Only raw is accepted as driver type.
 *
 * <p>From the GUI: {@code service.submit(cluster, c -> RbdClientAccess.prepare(c, image, id))
 * .thenCompose(access -> RbdVmDisk.attach(access, host, vm, Mode.AUTO))}.
 */
public final class RbdVmDisk {
    private RbdVmDisk() {
    }

    /** Defines the secret on the host and attaches the disk; zeroes {@code access}'s key when done. */
    public static CompletableFuture<RbdDisks.Attached> attach(RbdClientAccess access, LibvirtHost host, String domain,
            RbdDisks.Mode mode) {
        return attach(access, host, domain, mode, "raw");
    }

    /** As {@link #attach(RbdClientAccess, LibvirtHost, String, RbdDisks.Mode)}; any driver type but raw is refused. */
    public static CompletableFuture<RbdDisks.Attached> attach(RbdClientAccess access, LibvirtHost host, String domain,
            RbdDisks.Mode mode, String driverType) {
        try {
            RbdDiskXml.requireRaw(driverType == null ? "raw" : driverType, access.image().toString());
        } catch (IllegalArgumentException e) {
            access.close();
            return CompletableFuture.failedFuture(e);
        }
        byte[] key = access.key();
        CompletableFuture<String> secret;
        try {
            secret = RbdDisks.defineCephSecret(host, access.secretUsage(), key);
        } finally {
            Arrays.fill(key, (byte) 0);   // defineCephSecret copied it
        }
        return secret.thenCompose(uuid -> RbdDisks.attach(host, domain, new RbdDiskXml.RbdDisk(access.image().pool(),
                access.image().image(), access.monitors().stream().map(RbdDiskXml.Monitor::parse).toList(), access.clientId(),
                uuid, driverType, null), mode)).whenComplete((r, e) -> access.close());
    }

    /** With a connection of the caller's (the CLI): prepares the cephx client on this thread, then attaches. */
    public static CompletableFuture<RbdDisks.Attached> attach(CephClient client, RbdImageRef image, String clientId,
            LibvirtHost host, String domain, RbdDisks.Mode mode) throws CephException {
        return attach(RbdClientAccess.prepare(client, image, clientId), host, domain, mode);
    }
}
