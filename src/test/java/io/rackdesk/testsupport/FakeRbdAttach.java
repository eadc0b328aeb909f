package io.rackdesk.testsupport;

import io.rackdesk.app.ceph.rbd.RbdClientAccess;
import io.rackdesk.app.ceph.rbd.RbdImageRef;
import io.rackdesk.app.libvirt.RbdDiskXml;
import io.rackdesk.app.libvirt.RbdDisks;
import io.rackdesk.viewmodels.ceph.RbdAttachAccess;
import io.rackdesk.viewmodels.vms.VmItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@link RbdAttachAccess} for tests: the answers of a cluster and a host, settable per test; every
 * call recorded in order. Futures complete at once (the ViewModel still hands them to its executor).
 */
public final class FakeRbdAttach implements RbdAttachAccess {
    public static final String SECRET = "3f6b9c2e-1111-4a2b-9c3d-0123456789ab";
    public static final byte[] KEY = {1, 2, 3, 4, 5, 6, 7, 8};

    public final List<String> calls = new ArrayList<>();
    public List<String> pools = List.of("rbd", "vms");
    public Map<String, List<String>> images = new HashMap<>(Map.of("rbd", List.of("img1", "web-data"), "vms", List.of()));
    public List<String> monitors = List.of("192.0.2.10:6789", "192.0.2.11:6789");
    public List<String> watchers = List.of();
    public RbdDisks.DomainDisks domain = new RbdDisks.DomainDisks(true, true, Set.of("vda", "sda"), List.of(),
            Map.of("client.rackdesk-test secret", SECRET));
    public Supplier<CompletableFuture<RbdClientAccess>> client;
    public Supplier<CompletableFuture<String>> secret = () -> CompletableFuture.completedFuture(SECRET);
    public Supplier<CompletableFuture<RbdDisks.Attached>> attach;
    public RbdClientAccess prepared;
    public byte[] secretValue;
    public RbdDiskXml.RbdDisk attached;
    public RbdDisks.Mode attachedMode;
    public long createdBytes;

    @Override
    public CompletableFuture<List<String>> pools(String c) {
        calls.add("pools " + c);
        return CompletableFuture.completedFuture(pools);
    }

    @Override
    public CompletableFuture<List<String>> images(String c, String pool) {
        calls.add("images " + pool);
        return CompletableFuture.completedFuture(images.getOrDefault(pool, List.of()));
    }

    @Override
    public CompletableFuture<List<String>> monitors(String c) {
        return CompletableFuture.completedFuture(monitors);
    }

    @Override
    public CompletableFuture<List<String>> watchers(String c, RbdImageRef image) {
        calls.add("watchers " + image);
        return CompletableFuture.completedFuture(watchers);
    }

    @Override
    public CompletableFuture<Void> createImage(String c, RbdImageRef image, long bytes) {
        calls.add("create " + image);
        createdBytes = bytes;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<RbdClientAccess> prepareClient(String c, RbdImageRef image, String clientId) {
        calls.add("client " + clientId + " " + image);
        if (client != null) {
            return client.get();
        }
        prepared = RbdClientAccess.of(image, clientId, monitors, KEY, true, false);
        return CompletableFuture.completedFuture(prepared);
    }

    @Override
    public CompletableFuture<RbdDisks.DomainDisks> domainDisks(VmItem vm) {
        calls.add("disks " + vm.name());
        return CompletableFuture.completedFuture(domain);
    }

    @Override
    public CompletableFuture<String> defineSecret(VmItem vm, String usage, byte[] key) {
        calls.add("secret " + usage);
        secretValue = key.clone();
        return secret.get();
    }

    @Override
    public CompletableFuture<RbdDisks.Attached> attach(VmItem vm, RbdDiskXml.RbdDisk disk, RbdDisks.Mode mode) {
        calls.add("attach " + disk.sourceName() + " " + disk.targetDev() + " " + mode);
        attached = disk;
        attachedMode = mode;
        if (attach != null) {
            return attach.get();
        }
        String found = RbdDiskXml.diskXml(disk).replace("</disk>", "  <alias name='virtio-disk1'/>\n</disk>");
        return CompletableFuture.completedFuture(new RbdDisks.Attached(disk, true, true, null, false, RbdDiskXml.diskXml(disk),
                found));
    }
}
