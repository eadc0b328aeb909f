package io.rackdesk.viewmodels.ceph;

import io.rackdesk.app.ceph.CephPools;
import io.rackdesk.app.ceph.CephStatus;
import io.rackdesk.app.i18n.Localization;
import java.util.List;
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
    private final OnDemandRead<List<CephPools.Detail>> read;
    private String readError = "";

    CephPoolsViewModel(CephClusterViewModel cluster) {
        this.cluster = cluster;
        this.l10n = cluster.l10n();
        // the poll's pools with their replicas and PG counts (usage changes all the time)
        this.read = new OnDemandRead<>(cluster, () -> l10n.lang("ceph.task.pools", cluster.name()),
                s -> s.pools().stream().map(p -> List.of(p.id(), p.name(), p.size(), p.minSize(), p.pgNum())).toList(),
                () -> cluster.access().pools(cluster.id()), list -> {
                    if (message.get().equals(readError)) {
                        message.set(""); // the read works again; an action's outcome stays
                    }
                    if (!list.equals(pools)) {
                        pools.setAll(list);
                    }
                }, why -> {
                    readError = why;
                    message.set(why);
                }, REFRESH_EVERY);
    }

    public ObservableList<CephPools.Detail> pools() {
        return pools;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public void setActive(boolean shown) {
        read.setActive(shown);
    }

    public void refresh() {
        read.refresh();
    }

    /** A form for a new pool, with the PG calculator fed by the cluster's OSD count. */
    public CephPoolFormViewModel newPoolForm() {
        CephStatus s = cluster.statusProperty().get();
        return new CephPoolFormViewModel(l10n, s == null ? 0 : s.osds().total());
    }

    /** A form to change {@code pool}. */
    public CephPoolFormViewModel editForm(CephPools.Detail pool) {
        CephStatus s = cluster.statusProperty().get();
        return new CephPoolFormViewModel(l10n, s == null ? 0 : s.osds().total(), pool);
    }

    /**
     * Creates the form's pool, or applies the changes of an edit form after saying what they do;
     * {@code done} runs when the cluster has them (the dialog closes then). False when the form is not valid.
     */
    public boolean save(CephPoolFormViewModel form, Runnable done) {
        if (!form.isEdit()) {
            var spec = form.spec();
            if (spec.isEmpty()) {
                return false;
            }
            cluster.call(l10n.lang("ceph.task.createPool", spec.get().name()), () -> cluster.access().createPool(cluster.id(), spec.get()),
                    v -> {
                        message.set(l10n.lang("ceph.pool.created", spec.get().name()));
                        refresh();
                        done.run();
                    }, why -> {
                        form.fail(why);
                        refresh(); // a pool may exist half-configured: show what the cluster has
                    });
            return true;
        }
        CephPools.Detail old = form.existing();
        long quotaBytes = form.parseQuota(form.quotaBytesProperty().get(), true);
        long quotaObjects = form.parseQuota(form.quotaObjectsProperty().get(), false);
        if (quotaBytes < 0 || quotaObjects < 0) {
            return false;
        }
        if (form.minSizeProperty().get() > form.sizeProperty().get() || form.minSizeProperty().get() < 1) {
            form.fail(l10n.lang("ceph.poolform.badMinSize"));
            return false;
        }
        java.util.List<String> changes = new java.util.ArrayList<>();
        java.util.List<java.util.function.Supplier<java.util.concurrent.CompletableFuture<Void>>> steps = new java.util.ArrayList<>();
        String pool = old.name();
        if (!form.erasureProperty().get() && form.sizeProperty().get() != old.size()) {
            changes.add(l10n.lang("ceph.pool.change.size", old.size(), form.sizeProperty().get()));
            steps.add(() -> cluster.access().setPool(cluster.id(), pool, "size", Integer.toString(form.sizeProperty().get())));
        }
        if (form.minSizeProperty().get() != old.minSize()) {
            changes.add(l10n.lang("ceph.pool.change.minSize", old.minSize(), form.minSizeProperty().get()));
            steps.add(() -> cluster.access().setPool(cluster.id(), pool, "min_size", Integer.toString(form.minSizeProperty().get())));
        }
        if (form.pgNumProperty().get() != old.pgNum()) {
            changes.add(l10n.lang("ceph.pool.change.pgNum", old.pgNum(), form.pgNumProperty().get()));
            steps.add(() -> cluster.access().setPool(cluster.id(), pool, "pg_num", Integer.toString(form.pgNumProperty().get())));
        }
        if (!form.autoscaleProperty().get().equals(old.autoscaleMode())) {
            changes.add(l10n.lang("ceph.pool.change.autoscale", old.autoscaleMode(), form.autoscaleProperty().get()));
            steps.add(() -> cluster.access().setPool(cluster.id(), pool, "pg_autoscale_mode", form.autoscaleProperty().get()));
        }
        String app = form.applicationProperty().get().strip();
        if (!app.isEmpty() && !old.applications().contains(app)) {
            changes.add(l10n.lang("ceph.pool.change.application", app));
            steps.add(() -> cluster.access().enablePoolApplication(cluster.id(), pool, app));
        }
        if (quotaBytes != old.quotaBytes() || quotaObjects != old.quotaObjects()) {
            changes.add(l10n.lang("ceph.pool.change.quota", quotaBytes == 0 ? l10n.lang("ceph.pools.noQuota")
                    : io.rackdesk.app.model.Sizes.bytes(quotaBytes), quotaObjects == 0 ? l10n.lang("ceph.pools.noQuota")
                    : Long.toString(quotaObjects)));
            steps.add(() -> cluster.access().setPoolQuota(cluster.id(), pool, quotaBytes, quotaObjects));
        }
        if (changes.isEmpty()) {
            done.run();
            return true;
        }
        if (!cluster.dialogs().confirm(l10n.lang("ceph.pool.edit.title", pool), l10n.lang("ceph.pool.edit.confirm", pool), changes,
                l10n.lang("ceph.pool.edit.action"))) {
            return false;
        }
        java.util.concurrent.CompletableFuture<Void> chain = java.util.concurrent.CompletableFuture.completedFuture(null);
        cluster.call(l10n.lang("ceph.task.editPool", pool), () -> {
            java.util.concurrent.CompletableFuture<Void> f = chain;
            for (var step : steps) {
                f = f.thenCompose(v -> step.get());
            }
            return f;
        }, v -> {
            message.set(l10n.lang("ceph.pool.edited", pool));
            refresh();
            done.run();
        }, why -> {
            form.fail(why);
            refresh();
        });
        return true;
    }

    /** Deletes a pool after the user typed its name; the cluster's refusal is explained. */
    public void delete(CephPools.Detail pool) {
        var typed = cluster.dialogs().askText(l10n.lang("ceph.pool.delete.title", pool.name()),
                l10n.lang("ceph.pool.delete.ask", pool.name(), pool.objects(), io.rackdesk.app.model.Sizes.bytes(pool.storedBytes())), "");
        if (typed.isEmpty()) {
            return;
        }
        if (!typed.get().strip().equals(pool.name())) {
            cluster.dialogs().showError(l10n.lang("ceph.pool.delete.title", pool.name()), l10n.lang("ceph.pool.delete.mismatch", pool.name()));
            return;
        }
        cluster.call(l10n.lang("ceph.task.deletePool", pool.name()), () -> cluster.access().deletePool(cluster.id(), pool.name()), v -> {
            message.set(l10n.lang("ceph.pool.deleted", pool.name()));
            refresh();
        }, why -> cluster.dialogs().showError(l10n.lang("ceph.pool.delete.title", pool.name()), why));
    }
}
