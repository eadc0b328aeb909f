package io.rackdesk.viewmodels.ceph;

import io.rackdesk.app.ceph.CephPools;
import io.rackdesk.app.ceph.CephStatus;
import io.rackdesk.app.i18n.Localization;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Pools section: every pool with application, type, replicas, PGs, autoscale mode, usage and
 * quotas; read when the page opens, when the poll's pool list changes, and every few polls.
 */
public final class CephPoolsViewModel {
    static final int REFRESH_EVERY = 6;

    private final CephClusterViewModel cluster;
    private final Localization l10n;
    private final ObservableList<CephPools.Detail> pools = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private boolean active;
    private boolean reading;
    private List<CephStatus.Pool> lastPools;
    private int lastReadAt = -1;

    CephPoolsViewModel(CephClusterViewModel cluster) {
        this.cluster = cluster;
        this.l10n = cluster.l10n();
        cluster.pollsProperty().addListener(o -> onPoll());
    }

    public ObservableList<CephPools.Detail> pools() {
        return pools;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public void setActive(boolean shown) {
        this.active = shown;
        if (shown && cluster.statusProperty().get() != null) {
            refresh();
        }
    }

    public void refresh() {
        if (reading) {
            return;
        }
        reading = true;
        lastReadAt = cluster.pollsProperty().get();
        CephStatus s = cluster.statusProperty().get();
        lastPools = s == null ? null : s.pools();
        cluster.call(l10n.lang("ceph.task.pools", cluster.name()), () -> cluster.access().pools(cluster.id()), list -> {
            reading = false;
            message.set("");
            pools.setAll(list);
        }, why -> {
            reading = false;
            message.set(why);
        });
    }

    private void onPoll() {
        CephStatus s = cluster.statusProperty().get();
        if (!active || s == null) {
            return;
        }
        if (pools.isEmpty() || !sameLayout(s.pools(), lastPools) || cluster.pollsProperty().get() - lastReadAt >= REFRESH_EVERY) {
            refresh();
        }
    }

    /** Same pools with the same replicas and PG counts (usage may differ). */
    private static boolean sameLayout(List<CephStatus.Pool> a, List<CephStatus.Pool> b) {
        if (b == null || a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            CephStatus.Pool x = a.get(i);
            CephStatus.Pool y = b.get(i);
            if (x.id() != y.id() || !Objects.equals(x.name(), y.name()) || x.size() != y.size() || x.minSize() != y.minSize()
                    || x.pgNum() != y.pgNum()) {
                return false;
            }
        }
        return true;
    }
}
