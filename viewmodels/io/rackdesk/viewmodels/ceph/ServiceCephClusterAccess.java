package io.rackdesk.viewmodels.ceph;

import io.rackdesk.app.ceph.CephClient;
import io.rackdesk.app.ceph.CephClusterService;
import io.rackdesk.app.ceph.CephClusterState;
import io.rackdesk.app.ceph.CephHealth;
import io.rackdesk.app.ceph.CephOsdActions;
import io.rackdesk.app.ceph.CephOsdTree;
import io.rackdesk.app.ceph.CephPgs;
import io.rackdesk.app.ceph.CephPoolActions;
import io.rackdesk.app.ceph.CephPools;
import io.rackdesk.app.ceph.CephProbe;
import io.rackdesk.app.ceph.CephStatus;
import io.rackdesk.app.ceph.CephTarget;
import io.rackdesk.app.ceph.rbd.RbdImageRef;
import io.rackdesk.app.ceph.rbd.RbdImageSummary;
import io.rackdesk.app.ceph.rbd.RbdImages;
import io.rackdesk.app.ceph.rbd.RbdSnapRef;
import io.rackdesk.app.task.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** {@link CephClusterAccess} on the real clusters: the service's per-cluster workers, and a worker for dialog checks. */
public final class ServiceCephClusterAccess implements CephClusterAccess {
    /** Connecting, reading the status and disconnecting: the target's timeout bounds each step. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(45);

    private final CephClusterService service;
    private final Worker checks;

    public ServiceCephClusterAccess(CephClusterService service, Worker checks) {
        this.service = service;
        this.checks = checks;
    }

    @Override
    public void watch(String key, CephTarget target, Duration interval, Consumer<CephClusterState> listener) {
        service.add(key, target, interval, listener);
    }

    @Override
    public void unwatch(String key) {
        service.remove(key);
    }

    @Override
    public CompletableFuture<Void> precheck(CephTarget target) {
        return checks.submit("check " + target.entityName(), () -> {
            CephClient.precheck(target); // the key it returns is dropped here
            return null;
        }, PROBE_TIMEOUT);
    }

    @Override
    public CompletableFuture<CephStatus> probe(CephTarget target) {
        return checks.submit("test " + target.entityName(), () -> CephProbe.probe(target), PROBE_TIMEOUT);
    }

    @Override
    public CompletableFuture<CephOsdTree> osdTree(String key) {
        return service.submit(key, CephOsdTree::read);
    }

    @Override
    public CompletableFuture<List<CephPools.Detail>> pools(String key) {
        return service.submit(key, CephPools::read);
    }

    @Override
    public CompletableFuture<List<CephPgs.Pg>> allPgs(String key) {
        return service.submit(key, CephPgs::all);
    }

    @Override
    public CompletableFuture<List<CephPgs.Pg>> stuckPgs(String key) {
        return service.submit(key, CephPgs::stuck);
    }

    @Override
    public CompletableFuture<Map<String, List<String>>> healthDetail(String key) {
        return service.submit(key, CephHealth::detail);
    }

    @Override
    public CompletableFuture<CephHealth.Managers> managers(String key) {
        return service.submit(key, CephHealth::managers);
    }

    @Override
    public CompletableFuture<Void> mute(String key, String code, Duration ttl) {
        return service.mute(key, code, ttl, false);
    }

    @Override
    public CompletableFuture<Void> unmute(String key, String code) {
        return service.unmute(key, code);
    }

    @Override
    public CompletableFuture<CephOsdActions.Verdict> okToStop(String key, int osd) {
        return service.submit(key, c -> CephOsdActions.okToStop(c, osd));
    }

    @Override
    public CompletableFuture<CephOsdActions.Verdict> safeToDestroy(String key, int osd) {
        return service.submit(key, c -> CephOsdActions.safeToDestroy(c, osd));
    }

    @Override
    public CompletableFuture<Void> osdAction(String key, OsdAction action, int osd, double weight) {
        return run(key, c -> {
            switch (action) {
                case IN -> CephOsdActions.markIn(c, osd);
                case OUT -> CephOsdActions.markOut(c, osd);
                case DOWN -> CephOsdActions.markDown(c, osd);
                case REWEIGHT -> CephOsdActions.reweight(c, osd, weight);
            }
        });
    }

    @Override
    public CompletableFuture<Void> setFlag(String key, String flag, boolean on) {
        return run(key, c -> CephOsdActions.setFlag(c, flag, on));
    }

    @Override
    public CompletableFuture<Void> pgAction(String key, String pgid, CephPgs.Action action) {
        return run(key, c -> CephPgs.run(c, pgid, action));
    }

    @Override
    public CompletableFuture<Void> createPool(String key, CephPoolActions.Spec spec) {
        return run(key, c -> CephPoolActions.create(c, spec));
    }

    @Override
    public CompletableFuture<Void> setPool(String key, String pool, String var, String value) {
        return run(key, c -> CephPoolActions.set(c, pool, var, value));
    }

    @Override
    public CompletableFuture<Void> setPoolQuota(String key, String pool, long maxBytes, long maxObjects) {
        return run(key, c -> CephPoolActions.setQuota(c, pool, maxBytes, maxObjects));
    }

    @Override
    public CompletableFuture<Void> enablePoolApplication(String key, String pool, String app) {
        return run(key, c -> CephPoolActions.enableApplication(c, pool, app));
    }

    @Override
    public CompletableFuture<Void> deletePool(String key, String pool) {
        return run(key, c -> CephPoolActions.delete(c, pool));
    }

    @Override
    public CompletableFuture<List<RbdImageSummary>> rbdImages(String key, String pool, boolean withUsage) {
        return service.submit(key, c -> new RbdImages(c).list(pool, withUsage));
    }

    @Override
    public CompletableFuture<Void> rbdCreate(String key, RbdImageRef image, long sizeBytes, long features) {
        return run(key, c -> new RbdImages(c).create(image, sizeBytes, features));
    }

    @Override
    public CompletableFuture<Void> rbdResize(String key, RbdImageRef image, long sizeBytes, boolean allowShrink) {
        return run(key, c -> new RbdImages(c).resize(image, sizeBytes, allowShrink));
    }

    @Override
    public CompletableFuture<Void> rbdDelete(String key, RbdImageRef image) {
        return run(key, c -> new RbdImages(c).delete(image));
    }

    @Override
    public CompletableFuture<Void> rbdSnapshot(String key, SnapAction action, RbdSnapRef snap) {
        return run(key, c -> {
            RbdImages rbd = new RbdImages(c);
            switch (action) {
                case CREATE -> rbd.createSnapshot(snap);
                case PROTECT -> rbd.protect(snap);
                case UNPROTECT -> rbd.unprotect(snap);
                // the ViewModel asked the VM layer before; the running VMs are not known on this thread
                case ROLLBACK -> rbd.rollback(snap, RbdImages.InUse.NOBODY);
                case DELETE -> rbd.deleteSnapshot(snap);
            }
        });
    }

    @Override
    public CompletableFuture<Void> rbdClone(String key, RbdSnapRef parent, RbdImageRef child) {
        return run(key, c -> new RbdImages(c).clone(parent, child));
    }

    @Override
    public CompletableFuture<Void> rbdFlatten(String key, RbdImageRef image, RbdImages.Progress progress, BooleanSupplier cancelled) {
        return run(key, c -> new RbdImages(c).flatten(image, progress, cancelled));
    }

    @Override
    public <T> CompletableFuture<T> submit(String key, CephClusterService.ClientFunction<T> call) {
        return service.submit(key, call);
    }

    /** A call that answers nothing. */
    private interface Action {
        void run(io.rackdesk.app.ceph.CephClient c) throws io.rackdesk.app.ceph.CephException;
    }

    private CompletableFuture<Void> run(String key, Action action) {
        return service.submit(key, c -> {
            action.run(c);
            return null;
        });
    }

    @Override
    public void close() {
        service.close();
        checks.close();
    }
}
