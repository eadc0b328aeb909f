package io.rackdesk.viewmodels.ceph;

import io.rackdesk.app.ceph.CephClusterState;
import io.rackdesk.app.ceph.CephHealth;
import io.rackdesk.app.ceph.CephOsdActions;
import io.rackdesk.app.ceph.CephOsdTree;
import io.rackdesk.app.ceph.CephPgs;
import io.rackdesk.app.ceph.CephPools;
import io.rackdesk.app.ceph.CephStatus;
import io.rackdesk.app.ceph.CephTarget;
import io.rackdesk.app.ceph.rbd.RbdImageRef;
import io.rackdesk.app.ceph.rbd.RbdImageSummary;
import io.rackdesk.app.ceph.rbd.RbdImages;
import io.rackdesk.app.ceph.rbd.RbdSnapRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What the Ceph ViewModels ask of the clusters, keyed by the cluster's settings id. The app runs it on
 * {@link io.rackdesk.app.ceph.CephClusterService} (one worker per cluster); tests use a fake with
 * recorded answers. Futures complete on backend threads: ViewModels hand them to the TaskExecutor.
 */
public interface CephClusterAccess extends AutoCloseable {

    /** Starts watching; {@code listener} is called on the cluster's worker with every new state. */
    void watch(String key, CephTarget target, Duration interval, Consumer<CephClusterState> listener);

    /** Stops watching and disconnects (the listener hears CLOSED last). */
    void unwatch(String key);

    /** The checks a dialog makes before saving (files readable, key well-formed, monitors resolve); blocking work off the caller. */
    CompletableFuture<Void> precheck(CephTarget target);

    /** Connects once, reads the status, disconnects: the dialog's "Test connection". */
    CompletableFuture<CephStatus> probe(CephTarget target);

    CompletableFuture<CephOsdTree> osdTree(String key);

    CompletableFuture<List<CephPools.Detail>> pools(String key);

    CompletableFuture<List<CephPgs.Pg>> allPgs(String key);

    CompletableFuture<List<CephPgs.Pg>> stuckPgs(String key);

    CompletableFuture<Map<String, List<String>>> healthDetail(String key);

    CompletableFuture<CephHealth.Managers> managers(String key);

    CompletableFuture<Void> mute(String key, String code, Duration ttl);

    CompletableFuture<Void> unmute(String key, String code);

    CompletableFuture<CephOsdActions.Verdict> okToStop(String key, int osd);

    CompletableFuture<CephOsdActions.Verdict> safeToDestroy(String key, int osd);

    /** In, out, down, or reweight to {@code weight}. */
    CompletableFuture<Void> osdAction(String key, OsdAction action, int osd, double weight);

    CompletableFuture<Void> setFlag(String key, String flag, boolean on);

    CompletableFuture<Void> pgAction(String key, String pgid, CephPgs.Action action);

    CompletableFuture<Void> createPool(String key, io.rackdesk.app.ceph.CephPoolActions.Spec spec);

    /** {@code osd pool set POOL VAR VAL}. */
    CompletableFuture<Void> setPool(String key, String pool, String var, String value);

    /** Both quotas; 0 removes one. */
    CompletableFuture<Void> setPoolQuota(String key, String pool, long maxBytes, long maxObjects);

    CompletableFuture<Void> enablePoolApplication(String key, String pool, String app);

    CompletableFuture<Void> deletePool(String key, String pool);

    /** The RBD images of one pool; {@code withUsage} also sums the bytes allocated at each head. */
    CompletableFuture<List<RbdImageSummary>> rbdImages(String key, String pool, boolean withUsage);

    CompletableFuture<Void> rbdCreate(String key, RbdImageRef image, long sizeBytes, long features);

    CompletableFuture<Void> rbdResize(String key, RbdImageRef image, long sizeBytes, boolean allowShrink);

    CompletableFuture<Void> rbdDelete(String key, RbdImageRef image);

    /** Create, protect, unprotect, roll back to or delete one snapshot. */
    CompletableFuture<Void> rbdSnapshot(String key, SnapAction action, RbdSnapRef snap);

    CompletableFuture<Void> rbdClone(String key, RbdSnapRef parent, RbdImageRef child);

    /** Flattens a clone; {@code progress} is told on a backend thread, {@code cancelled} is asked there too. */
    CompletableFuture<Void> rbdFlatten(String key, RbdImageRef image, RbdImages.Progress progress, BooleanSupplier cancelled);

    /**
     * Runs {@code call} on the cluster's worker with its connection (work of other features, such as
     * attaching an RBD image to a VM); fails when the cluster is not watched.
     */
    default <T> CompletableFuture<T> submit(String key, io.rackdesk.app.ceph.CephClusterService.ClientFunction<T> call) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("no cluster work here"));
    }

    @Override
    void close();

    /** What can be done to one RBD snapshot. */
    enum SnapAction { CREATE, PROTECT, UNPROTECT, ROLLBACK, DELETE }

    /** What can be done to one OSD. */
    enum OsdAction { IN, OUT, DOWN, REWEIGHT }
}
