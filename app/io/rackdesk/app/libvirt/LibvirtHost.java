package io.rackdesk.app.libvirt;

import io.rackdesk.app.model.HostSummary;
import io.rackdesk.app.model.NetworkSummary;
import io.rackdesk.app.model.StoragePoolSummary;
import io.rackdesk.app.model.VmAction;
import io.rackdesk.app.model.VmLiveStats;
import io.rackdesk.app.model.VmSummary;
import io.rackdesk.app.stats.StatsTracker;
import java.util.Map;
import io.rackdesk.app.model.VolumeSummary;
import io.rackdesk.app.task.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.ConnectAuth;
import org.libvirt.LibvirtException;
import org.libvirt.Network;
import org.libvirt.NodeInfo;
import org.libvirt.StoragePool;
import org.libvirt.StoragePoolInfo;
import org.libvirt.StorageVol;
import org.libvirt.event.ConnectionCloseReason;
import org.libvirt.event.LifecycleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One libvirt connection. Every call runs on the connection's own {@link Worker} with a timeout and
 * returns a future; the libvirt {@link Connect} never leaves that worker's thread.
 */
public final class LibvirtHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtHost.class);
    /** Keepalive: a probe every 5 s, the connection is closed after 3 unanswered ones. */
    private static final int KEEPALIVE_INTERVAL_S = 5;
    private static final int KEEPALIVE_COUNT = 3;

    private final String uri;
    private final Worker worker;
    private final Duration timeout;
    private final ConnectAuth auth;
    private final LibvirtEventLoop eventLoop;
    private volatile Runnable domainsChanged = () -> { };
    private volatile java.util.function.Consumer<String> closed = reason -> { };
    private Connect conn; // confined to the worker thread
    private final StatsTracker statsTracker = new StatsTracker();
    private LifecycleListener lifecycle;

    /** {@code eventLoop} is required so that no connection can open before the event loop exists. */
    public LibvirtHost(String uri, Worker worker, Duration timeout, LibvirtEventLoop eventLoop) {
        this(uri, worker, timeout, eventLoop, null);
    }

    /**
     * {@code auth} (may be null) answers libvirt's credential prompts, e.g. the libssh transport's
     * "accept this host key?"; it runs on the worker thread while the connection opens.
     */
    public LibvirtHost(String uri, Worker worker, Duration timeout, LibvirtEventLoop eventLoop, ConnectAuth auth) {
        this.auth = auth;
        this.uri = Objects.requireNonNull(uri);
        this.worker = Objects.requireNonNull(worker);
        this.timeout = Objects.requireNonNull(timeout);
        this.eventLoop = Objects.requireNonNull(eventLoop, "libvirt's event loop must be started before a connection opens");
    }

    public String uri() {
        return uri;
    }

    /**
     * Called on libvirt's event thread when a domain starts, stops, is defined, etc. The listener
     * must hand the work over (to the UI thread or the worker); it must not call libvirt itself.
     */
    public void onDomainsChanged(Runnable listener) {
        this.domainsChanged = Objects.requireNonNull(listener);
    }

    /**
     * Called on libvirt's event thread when the connection is lost (libvirtd restarted, keepalive
     * timed out, network gone), with the reason; not called for our own disconnect.
     */
    public void onClosed(java.util.function.Consumer<String> listener) {
        this.closed = Objects.requireNonNull(listener);
    }

    /** Opens the connection and reads what the host says about itself. */
    public CompletableFuture<HostSummary> open() {
        return call("connect to " + uri, () -> {
            eventLoop.requireAvailable();
            if (conn == null) {
                conn = auth != null ? new Connect(uri, auth, 0) : new Connect(uri);
                if (isRemote(uri)) {
                    conn.setKeepAlive(KEEPALIVE_INTERVAL_S, KEEPALIVE_COUNT);
                }
                lifecycle = (dom, event) -> {
                    domainsChanged.run();
                    return 0;
                };
                conn.addLifecycleListener(lifecycle);
                conn.registerCloseListener((c, reason) -> closed.accept(closeReason(reason)));
            }
            return readHost(conn);
        });
    }

    /** Re-reads what the host says about itself (free memory changes). */
    public CompletableFuture<HostSummary> hostSummary() {
        return withConnection("read host details of " + uri, this::readHost);
    }

    private HostSummary readHost(Connect c) throws LibvirtException {
        NodeInfo node = c.nodeInfo();
        long free;
        try {
            free = c.getFreeMemory() / 1024;
        } catch (LibvirtException e) {
            free = -1; // not every driver reports it
        }
        long hv;
        try {
            hv = c.getVersion();
        } catch (LibvirtException e) {
            hv = 0;
        }
        return new HostSummary(uri, c.getHostName(), c.getType(), hv > 0 ? versionString(hv) : null,
                versionString(c.getLibVersion()), node.model, node.cpus, node.sockets, node.cores, node.threads,
                node.mhz, node.memory, free);
    }

    public CompletableFuture<List<VmSummary>> listVms() {
        return withConnection("list VMs on " + uri, c -> {
            List<VmSummary> vms = LibvirtNative.listAllDomains(c);
            vms.sort(Comparator.comparing(VmSummary::name, String.CASE_INSENSITIVE_ORDER));
            return vms;
        });
    }

    /**
     * One stats tick: a single virConnectGetAllDomainStats call, turned into rates and history by
     * this host's tracker (on the worker, so the tracker needs no locking). Keyed by VM UUID.
     */
    public CompletableFuture<Map<String, VmLiveStats>> sampleStats() {
        return withConnection("read statistics on " + uri,
                c -> statsTracker.update(LibvirtNative.allDomainStats(c), System.nanoTime()));
    }

    /** Runs a lifecycle action on the VM with {@code uuid}. */
    public CompletableFuture<Void> perform(String uuid, String vmName, VmAction action) {
        return withConnection(actionText(action) + " " + vmName + " on " + uri, c -> {
            Domain d = c.domainLookupByUUIDString(uuid);
            switch (action) {
                case START -> d.create();
                case SHUTDOWN -> d.shutdown();
                case REBOOT -> d.reboot(0);
                case RESET -> d.reset();
                case FORCE_OFF -> d.destroy();
                case PAUSE -> d.suspend();
                case RESUME -> d.resume();
                case SAVE -> d.managedSave();
                case AUTOSTART_ON -> d.setAutostart(true);
                case AUTOSTART_OFF -> d.setAutostart(false);
            }
            return null;
        });
    }

    /** Replaces the VM's Rackdesk tags (stored in its libvirt metadata). */
    public CompletableFuture<Void> setTags(String uuid, String vmName, List<String> tags) {
        List<String> clean = RackdeskMetadata.normalize(tags);
        return withConnection("tag " + vmName + " on " + uri, c -> {
            LibvirtNative.writeTags(c, uuid, clean);
            return null;
        });
    }

    private static String closeReason(ConnectionCloseReason reason) {
        return switch (reason) {
            case EOF -> "the host closed the connection (libvirtd stopped or restarted)";
            case KEEPALIVE -> "the host stopped answering keepalives";
            case ERROR -> "the connection failed";
            case CLIENT -> "closed by Rackdesk";
            default -> "the connection was closed";
        };
    }

    private static String actionText(VmAction a) {
        return a.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    public CompletableFuture<List<StoragePoolSummary>> listStoragePools() {
        return withConnection("list storage pools on " + uri, c -> {
            List<StoragePoolSummary> pools = new ArrayList<>();
            for (String name : sortedUnion(c.listStoragePools(), c.listDefinedStoragePools())) {
                pools.add(readPool(c.storagePoolLookupByName(name)));
            }
            return pools;
        });
    }

    public CompletableFuture<List<NetworkSummary>> listNetworks() {
        return withConnection("list networks on " + uri, c -> {
            List<NetworkSummary> nets = new ArrayList<>();
            for (String name : sortedUnion(c.listNetworks(), c.listDefinedNetworks())) {
                nets.add(readNetwork(c.networkLookupByName(name)));
            }
            return nets;
        });
    }

    /** Closes the libvirt connection on the worker, then the worker itself. */
    public CompletableFuture<Void> disconnect() {
        CompletableFuture<Void> done = this.<Void>call("disconnect from " + uri, () -> {
            closeConnection();
            return null;
        });
        return done.whenComplete((v, e) -> worker.close());
    }

    @Override
    public void close() {
        disconnect();
    }

    private <T> CompletableFuture<T> call(String what, Callable<T> body) {
        return worker.submit(what, body, timeout);
    }

    /** A call on the open connection, on the worker. */
    <T> CompletableFuture<T> withConnection(String what, ConnectCall<T> body) {
        return call(what, () -> {
            Connect c = conn;
            if (c == null) {
                throw new IllegalStateException("not connected to " + uri);
            }
            return body.apply(c);
        });
    }

    /** Work on a libvirt connection; runs on the connection's worker thread only. */
    @FunctionalInterface
    interface ConnectCall<T> {
        T apply(Connect c) throws Exception;
    }

    private void closeConnection() {
        Connect c = conn;
        conn = null;
        if (c == null) {
            return;
        }
        try {
            c.unregisterCloseListener();
        } catch (LibvirtException e) {
            LOG.debug("removing the close listener of {}: {}", uri, LibvirtErrors.describe(e));
        }
        try {
            if (lifecycle != null) {
                c.removeLifecycleListener(lifecycle);
            }
        } catch (LibvirtException e) {
            LOG.debug("removing the lifecycle listener of {}: {}", uri, LibvirtErrors.describe(e));
        }
        try {
            c.close();
        } catch (LibvirtException e) {
            LOG.debug("closing {}: {}", uri, LibvirtErrors.describe(e));
        }
    }

    private static StoragePoolSummary readPool(StoragePool pool) throws LibvirtException {
        StoragePoolInfo info = pool.getInfo();
        XmlDoc xml = XmlDoc.parse(pool.getXMLDesc(0));
        boolean active = pool.isActive() == 1;
        List<VolumeSummary> volumes = new ArrayList<>();
        if (active) {
            String[] names = pool.listVolumes();
            Arrays.sort(names, String.CASE_INSENSITIVE_ORDER);
            for (String volName : names) {
                StorageVol vol = pool.storageVolLookupByName(volName);
                XmlDoc v = XmlDoc.parse(vol.getXMLDesc(0));
                volumes.add(new VolumeSummary(volName, vol.getPath(), v.text("/volume/target/format/@type"),
                        parseLong(v.text("/volume/capacity")), parseLong(v.text("/volume/allocation")),
                        v.text("/volume/backingStore/path")));
            }
        }
        return new StoragePoolSummary(pool.getName(), pool.getUUIDString(), active, pool.getAutostart(),
                xml.text("/pool/@type"), xml.text("/pool/target/path"), info.capacity, info.allocation,
                info.available, volumes);
    }

    private static NetworkSummary readNetwork(Network net) throws LibvirtException {
        XmlDoc xml = XmlDoc.parse(net.getXMLDesc(0));
        String forward = xml.text("/network/forward/@mode");
        if (forward == null) {
            forward = xml.text("/network/forward") != null ? "nat" : "isolated";
        }
        String netmask = xml.text("/network/ip[1]/@netmask");
        if (netmask == null) {
            String prefix = xml.text("/network/ip[1]/@prefix");
            netmask = prefix != null ? "/" + prefix : null;
        }
        return new NetworkSummary(net.getName(), net.getUUIDString(), net.isActive() == 1, net.getAutostart(),
                net.isPersistent() == 1, xml.text("/network/bridge/@name"), forward,
                xml.text("/network/ip[1]/@address"), netmask,
                xml.text("/network/ip[1]/dhcp/range[1]/@start"), xml.text("/network/ip[1]/dhcp/range[1]/@end"));
    }

    private static List<String> sortedUnion(String[] a, String[] b) {
        List<String> all = new ArrayList<>(Arrays.asList(a));
        for (String s : b) {
            if (!all.contains(s)) {
                all.add(s);
            }
        }
        all.sort(String.CASE_INSENSITIVE_ORDER);
        return all;
    }

    private static long parseLong(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** libvirt encodes versions as major * 1,000,000 + minor * 1,000 + release. */
    static String versionString(long v) {
        return (v / 1_000_000) + "." + (v / 1_000 % 1_000) + "." + (v % 1_000);
    }

    /** True for URIs that reach another process over a network transport or a host name. */
    static boolean isRemote(String uri) {
        int colon = uri.indexOf(':');
        String scheme = colon > 0 ? uri.substring(0, colon) : uri;
        return scheme.contains("+") || uri.startsWith(scheme + "://") && !uri.startsWith(scheme + ":///");
    }
}
