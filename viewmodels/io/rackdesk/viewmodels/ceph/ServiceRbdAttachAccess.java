package io.rackdesk.viewmodels.ceph;

import io.rackdesk.app.ceph.CephPools;
import io.rackdesk.app.ceph.rbd.RbdClientAccess;
import io.rackdesk.app.ceph.rbd.RbdImageRef;
import io.rackdesk.app.ceph.rbd.RbdImages;
import io.rackdesk.app.libvirt.LibvirtHost;
import io.rackdesk.app.libvirt.RbdDiskXml;
import io.rackdesk.app.libvirt.RbdDisks;
import io.rackdesk.viewmodels.vms.VmItem;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@link RbdAttachAccess} on the app's workers: Ceph work through {@link CephClusterAccess#submit}
 * (the cluster's worker, bounded by librados' timeouts), libvirt work on the VM's connection
 * ({@link LibvirtHost}'s worker, each call with the connection's timeout).
 */
public final class ServiceRbdAttachAccess implements RbdAttachAccess {
    private final CephClusterAccess ceph;
    private final Function<VmItem, LibvirtHost> hostOf;

    /** {@code hostOf} gives the VM's open host, or null while its connection is not open. */
    public ServiceRbdAttachAccess(CephClusterAccess ceph, Function<VmItem, LibvirtHost> hostOf) {
        this.ceph = Objects.requireNonNull(ceph);
        this.hostOf = Objects.requireNonNull(hostOf);
    }

    @Override
    public CompletableFuture<List<String>> pools(String cluster) {
        return ceph.pools(cluster).thenApply(all -> java.util.stream.Stream.concat(
                all.stream().filter(p -> p.applications().contains("rbd")).map(CephPools.Detail::name).sorted(),
                all.stream().filter(p -> !p.applications().contains("rbd")).map(CephPools.Detail::name).sorted()).toList());
    }

    @Override
    public CompletableFuture<List<String>> images(String cluster, String pool) {
        return ceph.rbdImages(cluster, pool, false).thenApply(l -> l.stream().map(s -> s.ref().image()).sorted().toList());
    }

    @Override
    public CompletableFuture<List<String>> monitors(String cluster) {
        return ceph.submit(cluster, RbdClientAccess::monitors);
    }

    @Override
    public CompletableFuture<List<String>> watchers(String cluster, RbdImageRef image) {
        return ceph.submit(cluster, c -> new RbdImages(c).watchers(image));
    }

    @Override
    public CompletableFuture<Void> createImage(String cluster, RbdImageRef image, long bytes) {
        return ceph.rbdCreate(cluster, image, bytes, io.rackdesk.app.ceph.rbd.RbdFeatures.DEFAULT);
    }

    @Override
    public CompletableFuture<RbdClientAccess> prepareClient(String cluster, RbdImageRef image, String clientId) {
        return ceph.submit(cluster, c -> RbdClientAccess.prepare(c, image, clientId));
    }

    @Override
    public CompletableFuture<RbdDisks.DomainDisks> domainDisks(VmItem vm) {
        return on(vm, host -> RbdDisks.inspect(host, vm.name()));
    }

    @Override
    public CompletableFuture<String> defineSecret(VmItem vm, String usage, byte[] key) {
        return on(vm, host -> RbdDisks.defineCephSecret(host, usage, key));
    }

    @Override
    public CompletableFuture<RbdDisks.Attached> attach(VmItem vm, RbdDiskXml.RbdDisk disk, RbdDisks.Mode mode) {
        return on(vm, host -> RbdDisks.attach(host, vm.name(), disk, mode));
    }

    private <T> CompletableFuture<T> on(VmItem vm, Function<LibvirtHost, CompletableFuture<T>> call) {
        LibvirtHost host = hostOf.apply(vm);
        return host == null ? CompletableFuture.failedFuture(new HostNotConnectedException(vm.hostName())) : call.apply(host);
    }

    /** The VM's connection is not open. */
    public static final class HostNotConnectedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public HostNotConnectedException(String host) {
            super(host + " is not connected");
        }
    }
}
