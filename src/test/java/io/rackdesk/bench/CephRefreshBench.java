package io.rackdesk.bench;

import io.rackdesk.app.ceph.CephClusterState;
import io.rackdesk.app.ceph.CephException;
import io.rackdesk.app.ceph.CephOsdTree;
import io.rackdesk.app.ceph.CephPools;
import io.rackdesk.app.ceph.CephRates;
import io.rackdesk.app.ceph.CephStatus;
import io.rackdesk.app.ceph.CephStatusParser;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.settings.CephClusterSettings;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.testsupport.CephClusterGenerator;
import io.rackdesk.testsupport.FakeCephClusters;
import io.rackdesk.testsupport.RecordingDialogs;
import io.rackdesk.viewmodels.ceph.CephClusterViewModel;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One refresh of a generated 1,000-OSD cluster: the poll's answers (status, df, pg dump summary, and
 * osd pool ls detail, which the poll re-reads only when the OSD map changes: counted here every time)
 * parsed from text as CephClient parses them, turned into a {@link CephStatus}, and applied to the
 * cluster's ViewModels as the UI thread applies them ({@code pollRefresh}); and the OSD page's
 * on-demand read (osd tree, osd df, osd perf, osd dump: every 6 polls while shown) plus the pool
 * table's ({@code osdTreeAndPoolsRefresh}). PGs 10k / 100k / 1M show whether the cost grows with them.
 * Not a test: run by scripts/bench-ceph.sh, figures in docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class CephRefreshBench {
    @Param({"1000"})
    public int osds;
    @Param({"10000", "100000", "1000000"})
    public int pgs;
    @Param({"32"})
    public int pools;

    private CephClusterGenerator[] ticks;
    private FakeCephClusters fake;
    private CephClusterViewModel cluster;
    private int tick;

    @Setup(Level.Trial)
    public void setUp() {
        ticks = new CephClusterGenerator[] {new CephClusterGenerator(osds, pgs, pools, 0), new CephClusterGenerator(osds, pgs, pools, 1)};
        fake = new FakeCephClusters();
        cluster = new CephClusterViewModel(new CephClusterSettings("bench", "bench", "/etc/ceph/ceph.conf", null, List.of(), "admin", null, 5, true),
                fake, DefaultTaskExecutor.sameThread(), new Localization(Locale.ENGLISH), new RecordingDialogs());
        cluster.connect();
    }

    /** The poll's answers parsed and applied (what one periodic refresh costs the worker and the UI thread together). */
    @Benchmark
    public Object pollRefresh() throws CephException {
        CephClusterGenerator g = ticks[tick++ & 1];
        CephStatus s = CephStatusParser.parse(CephClusterGenerator.read(g.status), CephClusterGenerator.read(g.poolsDetail),
                CephClusterGenerator.read(g.df));
        CephRates.Counters counters = CephRates.counters(CephClusterGenerator.read(g.pgSummary));
        fake.publish("bench", CephClusterState.Phase.CONNECTED, s, CephRates.UNKNOWN, null, null);
        return counters;
    }

    /** The OSD page's and pool table's reads parsed and applied. */
    @Benchmark
    public Object osdTreeAndPoolsRefresh() throws CephException {
        CephClusterGenerator g = ticks[tick++ & 1];
        CephOsdTree tree = g.parsedOsdTree();
        List<CephPools.Detail> pools = g.parsedPools();
        fake.osdTreeAnswer = tree;
        fake.poolsAnswer = pools;
        cluster.osds().refresh();
        cluster.pools().refresh();
        return cluster.osds().treeProperty().get();
    }

    /** Applying a parsed status alone (the UI thread's share of a poll). */
    @Benchmark
    public Object applyOnly(ApplyState st) {
        fake.publish("bench", CephClusterState.Phase.CONNECTED, st.statuses[tick++ & 1], CephRates.UNKNOWN, null, null);
        return cluster.statusProperty().get();
    }

    @State(Scope.Benchmark)
    public static class ApplyState {
        CephStatus[] statuses;

        @Setup(Level.Trial)
        public void setUp(CephRefreshBench b) throws CephException {
            statuses = new CephStatus[] {b.ticks[0].parsedStatus(), b.ticks[1].parsedStatus()};
        }
    }
}
