package io.rackdesk.app.inventory;

import io.rackdesk.app.libvirt.LibvirtErrors;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHost;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import io.rackdesk.app.libvirt.VmInspector;
import io.rackdesk.app.task.CallTimeoutException;
import io.rackdesk.app.task.DefaultTaskExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the inventory of many hosts at once. Each host gets its own {@link LibvirtHost} (so its own
 * worker thread): hosts are read in parallel, and a dead one costs at most {@code hostTimeout} without
 * delaying the others. Failures are reported per host, never thrown.
 */
public final class InventoryCollector {
    private final LibvirtHostFactory factory;
    private final Duration hostTimeout;

    /** {@code hostTimeout} bounds connecting to and reading one host, altogether. */
    public InventoryCollector(LibvirtEventLoop eventLoop, Duration hostTimeout) {
        this(new LibvirtHostFactory(eventLoop, hostTimeout), hostTimeout);
    }

    /** As above, with the factory's timeout bounding each single call (tests make it differ). */
    InventoryCollector(LibvirtHostFactory factory, Duration hostTimeout) {
        this.factory = Objects.requireNonNull(factory);
        this.hostTimeout = Objects.requireNonNull(hostTimeout);
        if (hostTimeout.isNegative() || hostTimeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive: " + hostTimeout);
        }
    }

    /** Every host in the order given; returns when each has answered, failed or timed out. */
    public Inventory collect(List<String> uris) {
        List<CompletableFuture<Inventory.Host>> hosts = new ArrayList<>();
        for (int i = 0; i < uris.size(); i++) {
            hosts.add(collect("inventory-" + (i + 1), uris.get(i)));
        }
        return new Inventory(hosts.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<Inventory.Host> collect(String name, String uri) {
        LibvirtHost host = factory.create(name, uri);
        CompletableFuture<Inventory.Host> read = host.open()
                .thenCompose(summary -> new VmInspector(host).inspectAll().thenApply(vms -> Inventory.Host.of(summary, vms)))
                .orTimeout(hostTimeout.toNanos(), TimeUnit.NANOSECONDS)
                .exceptionally(e -> Inventory.Host.failed(uri, describe(e)));
        return read.thenCompose(h -> {
            CompletableFuture<Void> closed = host.disconnect();
            // a failed host may have left its worker stuck in a native call: do not wait for it
            return h.failed() ? CompletableFuture.completedFuture(h) : closed.handle((v, e) -> h);
        });
    }

    /** One line; a timeout reads the same whichever bound fired ("no answer within 15 s"). */
    private String describe(Throwable e) {
        Throwable cause = DefaultTaskExecutor.unwrap(e);
        if (cause instanceof TimeoutException) {
            return "no answer within " + CallTimeoutException.formatSeconds(hostTimeout);
        }
        if (cause instanceof CallTimeoutException t) {
            return "no answer within " + CallTimeoutException.formatSeconds(t.timeout());
        }
        return LibvirtErrors.describe(e);
    }
}
