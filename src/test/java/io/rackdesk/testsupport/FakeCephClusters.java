package io.rackdesk.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rackdesk.app.ceph.CephClusterState;
import io.rackdesk.app.ceph.CephException;
import io.rackdesk.app.ceph.CephHealth;
import io.rackdesk.app.ceph.CephOsdActions;
import io.rackdesk.app.ceph.CephOsdTree;
import io.rackdesk.app.ceph.CephPgs;
import io.rackdesk.app.ceph.CephPools;
import io.rackdesk.app.ceph.CephRates;
import io.rackdesk.app.ceph.CephStatus;
import io.rackdesk.app.ceph.CephStatusParser;
import io.rackdesk.app.ceph.CephTarget;
import io.rackdesk.app.ceph.rbd.RbdFeatures;
import io.rackdesk.app.ceph.rbd.RbdImageRef;
import io.rackdesk.app.ceph.rbd.RbdImageSummary;
import io.rackdesk.app.ceph.rbd.RbdImages;
import io.rackdesk.app.ceph.rbd.RbdSnapRef;
import io.rackdesk.app.ceph.rbd.RbdSnapshot;
import io.rackdesk.viewmodels.ceph.CephClusterAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Ceph clusters for toolkit-free ViewModel tests: answers parsed from JSON recorded on the lab cluster
 * (src/test/resources/io/rackdesk/app/ceph), states pushed by the test, every call recorded.
 */
public final class FakeCephClusters implements CephClusterAccess {
    private static final ObjectMapper JSON = new ObjectMapper();
    public final Map<String, Consumer<CephClusterState>> listeners = new HashMap<>();
    public final List<String> calls = new ArrayList<>();
    /** Set to make the next on-demand calls fail with this message. */
    public String failWith;
    public CephOsdActions.Verdict okToStop = new CephOsdActions.Verdict(true, "ok to stop: 25 PGs stay available, 25 become degraded until it is back");

    public static JsonNode sample(String name) {
        try (InputStream in = FakeCephClusters.class.getResourceAsStream("/io/rackdesk/app/ceph/" + name)) {
            if (in == null) {
                throw new IOException("no sample " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lab cluster's healthy status as recorded. */
    public static CephStatus healthy() {
        return status("status.json", "osd_pool_ls_detail.json", "df.json");
    }

    /** One OSD down, PGs degraded, as recorded. */
    public static CephStatus degraded() {
        return status("status_degraded.json", "osd_pool_ls_detail_degraded.json", "df_degraded.json");
    }

    private static CephStatus status(String s, String p, String d) {
        try {
            return CephStatusParser.parse(sample(s), sample(p), sample(d));
        } catch (CephException e) {
            throw new AssertionError(e);
        }
    }

    /** What the cluster's worker would publish after a poll. */
    public void publish(String key, CephClusterState.Phase phase, CephStatus status, CephRates rates, String error, Duration retry) {
        listeners.get(key).accept(new CephClusterState(key, phase, status, rates, error, retry, Instant.now()));
    }

    @Override
    public void watch(String key, CephTarget target, Duration interval, Consumer<CephClusterState> listener) {
        calls.add("watch " + key);
        listeners.put(key, listener);
    }

    @Override
    public void unwatch(String key) {
        calls.add("unwatch " + key);
        listeners.remove(key);
    }

    @Override
    public CompletableFuture<Void> precheck(CephTarget target) {
        calls.add("precheck " + target.entityName());
        return answer(null);
    }

    @Override
    public CompletableFuture<CephStatus> probe(CephTarget target) {
        calls.add("probe " + target.entityName());
        return answer(healthy());
    }

    @Override
    public CompletableFuture<CephOsdTree> osdTree(String key) {
        calls.add("osdTree");
        try {
            return answer(CephOsdTree.parse(sample("osd_tree.json"), sample("osd_df.json"), sample("osd_perf.json"),
                    sample("osd_dump_flags.json")));
        } catch (CephException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public CompletableFuture<List<CephPools.Detail>> pools(String key) {
        calls.add("pools");
        List<CephPools.Detail> pools = new ArrayList<>(CephPools.parse(sample("osd_pool_ls_detail.json"), sample("df.json")));
        long id = 100;
        for (String name : extraRbdPools) {
            pools.add(new CephPools.Detail(id++, name, "replicated", List.of("rbd"), "", 3, 2, 8, "off", 0, 0, 1L << 30, 0, 0, 0));
        }
        return answer(pools);
    }

    @Override
    public CompletableFuture<List<CephPgs.Pg>> allPgs(String key) {
        calls.add("allPgs");
        return answer(CephPgs.parse(sample("pg_dump_pgs_brief.json")));
    }

    @Override
    public CompletableFuture<List<CephPgs.Pg>> stuckPgs(String key) {
        calls.add("stuckPgs");
        return answer(CephPgs.parse(sample("pg_dump_stuck.json")));
    }

    @Override
    public CompletableFuture<Map<String, List<String>>> healthDetail(String key) {
        calls.add("healthDetail");
        return answer(Map.of("OSD_DOWN", List.of("osd.1 (root=default,host=vm) is down")));
    }

    @Override
    public CompletableFuture<CephHealth.Managers> managers(String key) {
        calls.add("managers");
        return answer(new CephHealth.Managers("x", true, 0));
    }

    @Override
    public CompletableFuture<Void> mute(String key, String code, Duration ttl) {
        calls.add("mute " + code + " " + ttl);
        return answer(null);
    }

    @Override
    public CompletableFuture<Void> unmute(String key, String code) {
        calls.add("unmute " + code);
        return answer(null);
    }

    @Override
    public CompletableFuture<CephOsdActions.Verdict> okToStop(String key, int osd) {
        calls.add("okToStop " + osd);
        return answer(okToStop);
    }

    @Override
    public CompletableFuture<CephOsdActions.Verdict> safeToDestroy(String key, int osd) {
        calls.add("safeToDestroy " + osd);
        return answer(new CephOsdActions.Verdict(false, "not safe to destroy: osd." + osd + " still serves PGs"));
    }

    @Override
    public CompletableFuture<Void> osdAction(String key, OsdAction action, int osd, double weight) {
        calls.add("osd " + action + " " + osd + (action == OsdAction.REWEIGHT ? " " + weight : ""));
        return answer(null);
    }

    @Override
    public CompletableFuture<Void> setFlag(String key, String flag, boolean on) {
        calls.add((on ? "set " : "unset ") + flag);
        return answer(null);
    }

    @Override
    public CompletableFuture<Void> pgAction(String key, String pgid, CephPgs.Action action) {
        calls.add(action + " " + pgid);
        return answer(null);
    }

    @Override
    public CompletableFuture<Void> createPool(String key, io.rackdesk.app.ceph.CephPoolActions.Spec spec) {
        calls.add("create " + spec);
        return answer(null);
    }

    @Override
    public CompletableFuture<Void> setPool(String key, String pool, String var, String value) {
        calls.add("set " + pool + " " + var + " " + value);
        return answer(null);
    }

    @Override
    public CompletableFuture<Void> setPoolQuota(String key, String pool, long maxBytes, long maxObjects) {
        calls.add("quota " + pool + " " + maxBytes + " " + maxObjects);
        return answer(null);
    }

    @Override
    public CompletableFuture<Void> enablePoolApplication(String key, String pool, String app) {
        calls.add("application " + pool + " " + app);
        return answer(null);
    }

    @Override
    public CompletableFuture<Void> deletePool(String key, String pool) {
        calls.add("delete " + pool);
        return answer(null);
    }

    // ---------------------------------------------------------------- RBD, in memory

    /** One fake image: size, features, clone parent, snapshots (name -> protected) with their sizes. */
    public static final class FakeImage {
        public long size;
        public long features;
        public Long used;
        public RbdSnapRef parent;
        public final Map<String, Boolean> snaps = new LinkedHashMap<>();
        public final Map<String, Long> snapSizes = new HashMap<>();
    }

    /** The images of every pool, by ref; tests add some and read what actions did. */
    public final Map<RbdImageRef, FakeImage> rbd = new TreeMap<>();
    /** Images a client holds open (delete answers EBUSY, as librbd does with a watcher). */
    public final java.util.Set<RbdImageRef> watched = new java.util.HashSet<>();
    /** Replicated rbd pools the recorded pool list does not have (clones across pools). */
    public final List<String> extraRbdPools = new ArrayList<>();
    /** Objects a fake flatten reports, one progress call each. */
    public int flattenObjects = 4;
    /** Runs after a fake flatten's first object (a test cancels there). */
    public Runnable duringFlatten = () -> { };

    public FakeImage addImage(String spec, long size) {
        FakeImage i = new FakeImage();
        i.size = size;
        i.features = RbdFeatures.DEFAULT;
        rbd.put(RbdImageRef.parse(spec), i);
        return i;
    }

    private List<RbdImageRef> clonesOf(RbdSnapRef snap) {
        return rbd.entrySet().stream().filter(e -> snap.equals(e.getValue().parent)).map(Map.Entry::getKey).sorted().toList();
    }

    private RbdImageSummary summary(RbdImageRef ref, FakeImage i, boolean withUsage) {
        List<RbdSnapshot> snaps = new ArrayList<>();
        long id = 1;
        for (var s : i.snaps.entrySet()) {
            snaps.add(new RbdSnapshot(id++, s.getKey(), i.snapSizes.getOrDefault(s.getKey(), i.size), s.getValue(),
                    Instant.parse("2026-11-30T10:00:00Z"), clonesOf(ref.at(s.getKey()))));
        }
        return new RbdImageSummary(ref, i.size, withUsage ? (i.used == null ? 0L : i.used) : null, i.features,
                RbdFeatures.names(i.features), i.parent, i.parent == null ? 0 : i.size, 4L << 20, null, snaps);
    }

    private <T> CompletableFuture<T> rbdRefusal(String message, int errno) {
        return CompletableFuture.failedFuture(new java.util.concurrent.CompletionException(
                new CephException(CephException.Kind.COMMAND, errno, message)));
    }

    @Override
    public CompletableFuture<List<RbdImageSummary>> rbdImages(String key, String pool, boolean withUsage) {
        calls.add("rbdImages " + pool + (withUsage ? " usage" : ""));
        List<RbdImageSummary> out = new ArrayList<>();
        rbd.forEach((ref, i) -> {
            if (ref.pool().equals(pool)) {
                out.add(summary(ref, i, withUsage));
            }
        });
        return answer(out);
    }

    @Override
    public CompletableFuture<Void> rbdCreate(String key, RbdImageRef image, long sizeBytes, long features) {
        calls.add("rbdCreate " + image + " " + sizeBytes + " 0x" + Long.toHexString(features));
        if (rbd.containsKey(image)) {
            return rbdRefusal("cannot create " + image + ": an image with that name already exists", -17);
        }
        FakeImage i = new FakeImage();
        i.size = sizeBytes;
        i.features = features;
        rbd.put(image, i);
        return answer(null);
    }

    @Override
    public CompletableFuture<Void> rbdResize(String key, RbdImageRef image, long sizeBytes, boolean allowShrink) {
        calls.add("rbdResize " + image + " " + sizeBytes + (allowShrink ? " allowShrink" : ""));
        FakeImage i = rbd.get(image);
        if (sizeBytes < i.size && !allowShrink) {
            return rbdRefusal("cannot shrink " + image + " without allowing it", -22);
        }
        i.size = sizeBytes;
        return answer(null);
    }

    @Override
    public CompletableFuture<Void> rbdDelete(String key, RbdImageRef image) {
        calls.add("rbdDelete " + image);
        FakeImage i = rbd.get(image);
        if (i == null) {
            return rbdRefusal("cannot open " + image + ": ENOENT: no such file or entry (-2)", -2);
        }
        if (!i.snaps.isEmpty()) {
            return rbdRefusal("cannot delete " + image + ": it has snapshots", -39);
        }
        if (watched.contains(image)) {
            return rbdRefusal("cannot delete " + image + ": a client has it open (a running VM, or 'rbd map')", -16);
        }
        rbd.remove(image);
        return answer(null);
    }

    @Override
    public CompletableFuture<Void> rbdSnapshot(String key, SnapAction action, RbdSnapRef snap) {
        calls.add("rbdSnapshot " + action + " " + snap);
        FakeImage i = rbd.get(snap.imageRef());
        switch (action) {
            case CREATE -> {
                i.snaps.put(snap.snap(), false);
                i.snapSizes.put(snap.snap(), i.size);
            }
            case PROTECT -> i.snaps.put(snap.snap(), true);
            case UNPROTECT -> {
                if (!clonesOf(snap).isEmpty()) {
                    return rbdRefusal("cannot unprotect " + snap + ": it has clones", -16);
                }
                i.snaps.put(snap.snap(), false);
            }
            case ROLLBACK -> i.size = i.snapSizes.getOrDefault(snap.snap(), i.size);
            case DELETE -> {
                if (i.snaps.get(snap.snap())) {
                    return rbdRefusal("cannot delete " + snap + ": it is protected", -16);
                }
                i.snaps.remove(snap.snap());
            }
        }
        return answer(null);
    }

    @Override
    public CompletableFuture<Void> rbdClone(String key, RbdSnapRef parent, RbdImageRef child) {
        calls.add("rbdClone " + parent + " " + child);
        FakeImage p = rbd.get(parent.imageRef());
        if (!Boolean.TRUE.equals(p.snaps.get(parent.snap()))) {
            return rbdRefusal("cannot clone " + parent + ": the snapshot is not protected (protect it first)", -22);
        }
        if (rbd.containsKey(child)) {
            return rbdRefusal("cannot clone " + parent + " to " + child + ": " + child + " already exists", -17);
        }
        FakeImage c = new FakeImage();
        c.size = p.snapSizes.getOrDefault(parent.snap(), p.size);
        c.features = RbdFeatures.DEFAULT;
        c.parent = parent;
        rbd.put(child, c);
        return answer(null);
    }

    @Override
    public CompletableFuture<Void> rbdFlatten(String key, RbdImageRef image, RbdImages.Progress progress, BooleanSupplier cancelled) {
        calls.add("rbdFlatten " + image);
        for (int n = 1; n <= flattenObjects; n++) {
            if (cancelled.getAsBoolean()) {
                return rbdRefusal("flatten of " + image + " canceled after " + (n - 1) + " of " + flattenObjects
                        + " objects; it still depends on its parent", -125);
            }
            progress.update(n, flattenObjects);
            if (n == 1) {
                duringFlatten.run();
            }
        }
        rbd.get(image).parent = null;
        return answer(null);
    }

    @Override
    public void close() {
        calls.add("close");
    }

    private <T> CompletableFuture<T> answer(T value) {
        if (failWith != null) {
            return CompletableFuture.failedFuture(new java.util.concurrent.CompletionException(
                    new CephException(CephException.Kind.COMMAND, -1, failWith)));
        }
        return CompletableFuture.completedFuture(value);
    }
}
