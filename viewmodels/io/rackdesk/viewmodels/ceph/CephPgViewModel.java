package io.rackdesk.viewmodels.ceph;

import io.rackdesk.app.ceph.CephPgs;
import io.rackdesk.app.ceph.CephStatus;
import io.rackdesk.app.ceph.PgStateClass;
import io.rackdesk.app.i18n.Localization;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Placement groups section: counts per class and per state from every poll (summaries only), and
 * on demand the PG list (all or stuck), counts per pool, and scrub / deep-scrub / repair on one PG.
 */
public final class CephPgViewModel {
    /** One state string and how many PGs are in it. */
    public record StateRow(String state, PgStateClass pgClass, int count) {
    }

    /** One pool's PGs per class. */
    public record PoolRow(String pool, long poolId, int clean, int busy, int warning, int critical) {
    }

    private final CephClusterViewModel cluster;
    private final Localization l10n;
    private final ReadOnlyObjectWrapper<Map<PgStateClass, Integer>> classCounts =
            new ReadOnlyObjectWrapper<>(new EnumMap<>(PgStateClass.class));
    private final ObservableList<StateRow> states = FXCollections.observableArrayList();
    private final ObservableList<PoolRow> perPool = FXCollections.observableArrayList();
    private final ObservableList<CephPgs.Pg> list = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper showingStuck = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private List<CephPgs.Pg> all = List.of();
    private boolean opened;

    CephPgViewModel(CephClusterViewModel cluster) {
        this.cluster = cluster;
        this.l10n = cluster.l10n();
        cluster.statusProperty().addListener(o -> update());
        update();
    }

    /** Clean / busy / warning / critical counts of the last poll. */
    public ReadOnlyObjectProperty<Map<PgStateClass, Integer>> classCountsProperty() {
        return classCounts.getReadOnlyProperty();
    }

    /** PG counts by state string, worst class first. */
    public ObservableList<StateRow> states() {
        return states;
    }

    /** After {@link #loadAll()}: per pool. */
    public ObservableList<PoolRow> perPool() {
        return perPool;
    }

    /** The PGs listed: all of them or the stuck ones. */
    public ObservableList<CephPgs.Pg> list() {
        return list;
    }

    public ReadOnlyBooleanProperty showingStuckProperty() {
        return showingStuck.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The page was opened: the PG list is read once (refresh reads it again). */
    public void opened() {
        if (!opened && cluster.statusProperty().get() != null) {
            opened = true;
            loadAll();
        }
    }

    /** Every PG ({@code pg dump pgs_brief}), and from it the counts per pool. */
    public void loadAll() {
        cluster.call(l10n.lang("ceph.task.pgs", cluster.name()), () -> cluster.access().allPgs(cluster.id()), pgs -> {
            all = pgs;
            showingStuck.set(false);
            list.setAll(pgs);
            updatePerPool();
            message.set(l10n.lang("ceph.pg.listed", pgs.size()));
        }, message::set);
    }

    /** PGs stuck inactive, unclean, stale, undersized or degraded ({@code pg dump_stuck}). */
    public void loadStuck() {
        cluster.call(l10n.lang("ceph.task.stuck", cluster.name()), () -> cluster.access().stuckPgs(cluster.id()), pgs -> {
            showingStuck.set(true);
            list.setAll(pgs);
            message.set(pgs.isEmpty() ? l10n.lang("ceph.pg.noStuck") : l10n.lang("ceph.pg.stuck", pgs.size()));
        }, message::set);
    }

    /** Confirms, then asks the PG's primary OSD to scrub, deep-scrub or repair it. */
    public void run(CephPgs.Pg pg, CephPgs.Action action) {
        String what = l10n.lang(switch (action) {
            case SCRUB -> "ceph.pg.action.scrub";
            case DEEP_SCRUB -> "ceph.pg.action.deep_scrub";
            case REPAIR -> "ceph.pg.action.repair";
        });
        String explain = l10n.lang(switch (action) {
            case SCRUB -> "ceph.pg.confirm.scrub";
            case DEEP_SCRUB -> "ceph.pg.confirm.deep_scrub";
            case REPAIR -> "ceph.pg.confirm.repair";
        }, pg.pgid(), pg.primary());
        if (!cluster.dialogs().confirm(l10n.lang("ceph.pg.confirm.title", what, pg.pgid()), explain,
                List.of(pg.pgid() + "  " + pg.state()), what)) {
            return;
        }
        cluster.call(l10n.lang("ceph.task.pgAction", what, pg.pgid()), () -> cluster.access().pgAction(cluster.id(), pg.pgid(), action),
                v -> message.set(l10n.lang("ceph.pg.actionDone", what, pg.pgid())), message::set);
    }

    private void update() {
        CephStatus s = cluster.statusProperty().get();
        Map<PgStateClass, Integer> counts = new EnumMap<>(PgStateClass.class);
        List<StateRow> rows = new ArrayList<>();
        if (s != null) {
            for (PgStateClass c : PgStateClass.values()) {
                counts.put(c, s.pgs().count(c));
            }
            s.pgs().byState().forEach((state, n) -> rows.add(new StateRow(state, PgStateClass.of(state), n)));
            rows.sort(java.util.Comparator.comparing((StateRow r) -> -r.pgClass().ordinal()).thenComparing(StateRow::state));
        }
        // a poll that changed nothing changes nothing here either: listeners (the PG chart, the class grid,
        // the states table) would otherwise rebuild their nodes every poll (new nodes, CSS) while idle
        if (!counts.equals(classCounts.get())) {
            classCounts.set(counts);
        }
        if (!rows.equals(states)) {
            states.setAll(rows);
        }
        if (!all.isEmpty()) {
            updatePerPool(); // pool names may have changed
        }
    }

    private void updatePerPool() {
        Map<Long, String> names = new HashMap<>();
        CephStatus s = cluster.statusProperty().get();
        if (s != null) {
            s.pools().forEach(p -> names.put(p.id(), p.name()));
        }
        List<PoolRow> rows = new ArrayList<>();
        CephPgs.perPool(all).forEach((id, m) -> rows.add(new PoolRow(names.getOrDefault(id, "#" + id), id,
                m.getOrDefault(PgStateClass.CLEAN, 0), m.getOrDefault(PgStateClass.BUSY, 0),
                m.getOrDefault(PgStateClass.WARNING, 0), m.getOrDefault(PgStateClass.CRITICAL, 0))));
        if (!rows.equals(perPool)) {
            perPool.setAll(rows);
        }
    }
}
