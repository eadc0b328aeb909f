package io.rackdesk.viewmodels.ceph;

import io.rackdesk.app.ceph.CephOsdActions;
import io.rackdesk.app.ceph.CephOsdTree;
import io.rackdesk.app.ceph.CephStatus;
import io.rackdesk.app.i18n.Localization;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The OSDs section: the CRUSH tree with each OSD's figures, read when the page opens and again when
 * the OSD counts change or every few polls (not every poll); OSD actions guarded by Ceph's own
 * safety checks, and the cluster flags.
 */
public final class CephOsdViewModel {
    /** While the page is shown, the tree is re-read every this many polls even when nothing seems to change. */
    static final int REFRESH_EVERY = 6;

    private final CephClusterViewModel cluster;
    private final Localization l10n;
    private final ReadOnlyObjectWrapper<CephOsdTree> tree = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final OnDemandRead<CephOsdTree> read;

    CephOsdViewModel(CephClusterViewModel cluster) {
        this.cluster = cluster;
        this.l10n = cluster.l10n();
        this.read = new OnDemandRead<>(cluster, () -> l10n.lang("ceph.task.osdTree", cluster.name()), CephStatus::osds,
                () -> cluster.access().osdTree(cluster.id()), tree::set, message::set, REFRESH_EVERY);
    }

    /** The last tree read, or null. */
    public ReadOnlyObjectProperty<CephOsdTree> treeProperty() {
        return tree.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The cluster flags set now (noout, ...), from the last read. */
    public Set<String> flags() {
        return tree.get() == null ? Set.of() : tree.get().flags();
    }

    /** The page is shown (true) or hidden: only a shown page keeps its tree fresh. */
    public void setActive(boolean shown) {
        read.setActive(shown);
    }

    /** Re-reads osd tree, osd df, osd perf and the flags. */
    public void refresh() {
        read.refresh();
    }

    /** Marks an out OSD in: it takes PGs again and data moves to it. */
    public void markIn(CephOsdTree.Node osd) {
        if (confirm(CephClusterAccess.OsdAction.IN, osd, List.of())) {
            act(CephClusterAccess.OsdAction.IN, osd, 0);
        }
    }

    /** Checks ok-to-stop and safe-to-destroy, says what marking out does, then marks the OSD out. */
    public void markOut(CephOsdTree.Node osd) {
        cluster.call(l10n.lang("ceph.task.okToStop", osd.name()), () -> cluster.access().okToStop(cluster.id(), osd.id()),
                stop -> cluster.call(l10n.lang("ceph.task.safeToDestroy", osd.name()),
                        () -> cluster.access().safeToDestroy(cluster.id(), osd.id()), destroy -> {
                            if (confirm(CephClusterAccess.OsdAction.OUT, osd, List.of(okToStop(stop), safeToDestroy(destroy)))) {
                                act(CephClusterAccess.OsdAction.OUT, osd, 0);
                            }
                        }, message::set), message::set);
    }

    /** Checks ok-to-stop, says what marking down does, then marks the OSD down. */
    public void markDown(CephOsdTree.Node osd) {
        cluster.call(l10n.lang("ceph.task.okToStop", osd.name()), () -> cluster.access().okToStop(cluster.id(), osd.id()), stop -> {
            if (confirm(CephClusterAccess.OsdAction.DOWN, osd, List.of(okToStop(stop)))) {
                act(CephClusterAccess.OsdAction.DOWN, osd, 0);
            }
        }, message::set);
    }

    /** Asks for the new override weight (0..1), says how much data moves, then reweights. */
    public void reweight(CephOsdTree.Node osd) {
        var answer = cluster.dialogs().askText(l10n.lang("ceph.osd.reweight.title", osd.name()),
                l10n.lang("ceph.osd.reweight.ask", String.format(Locale.ROOT, "%.2f", osd.reweight())),
                String.format(Locale.ROOT, "%.2f", osd.reweight()));
        if (answer.isEmpty()) {
            return;
        }
        double w;
        try {
            w = Double.parseDouble(answer.get().strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            w = -1;
        }
        if (!(w >= 0 && w <= 1)) {
            cluster.dialogs().showError(l10n.lang("ceph.osd.reweight.title", osd.name()), l10n.lang("ceph.osd.reweight.bad", answer.get()));
            return;
        }
        double weight = w;
        String from = String.format(Locale.ROOT, "%.2f", osd.reweight());
        String to = String.format(Locale.ROOT, "%.2f", weight);
        if (cluster.dialogs().confirm(l10n.lang("ceph.osd.reweight.title", osd.name()),
                l10n.lang("ceph.osd.reweight.confirm", osd.name(), from, to), List.of(), l10n.lang("ceph.osd.reweight.action"))) {
            act(CephClusterAccess.OsdAction.REWEIGHT, osd, weight);
        }
    }

    /** Sets or clears a cluster flag after saying what it does. */
    public void setFlag(String flag, boolean on) {
        String verb = l10n.lang(on ? "ceph.flag.set" : "ceph.flag.unset", flag);
        String explain = l10n.lang(switch (flag) {
            case "noout" -> on ? "ceph.flag.noout.on" : "ceph.flag.noout.off";
            case "norebalance" -> on ? "ceph.flag.norebalance.on" : "ceph.flag.norebalance.off";
            case "nobackfill" -> on ? "ceph.flag.nobackfill.on" : "ceph.flag.nobackfill.off";
            case "norecover" -> on ? "ceph.flag.norecover.on" : "ceph.flag.norecover.off";
            default -> throw new IllegalArgumentException("not a flag Rackdesk toggles: " + flag);
        });
        if (!cluster.dialogs().confirm(verb, explain, List.of(), verb)) {
            return;
        }
        cluster.call(verb, () -> cluster.access().setFlag(cluster.id(), flag, on), v -> {
            message.set(l10n.lang(on ? "ceph.flag.setDone" : "ceph.flag.unsetDone", flag));
            refresh();
        }, why -> {
            message.set(why);
            refresh(); // the toggle shows what the cluster really has
        });
    }

    private String okToStop(CephOsdActions.Verdict v) {
        return l10n.lang("ceph.osd.okToStop", v.message());
    }

    private String safeToDestroy(CephOsdActions.Verdict v) {
        return l10n.lang("ceph.osd.safeToDestroy", v.message());
    }

    /** The button text of an action. */
    private String actionLabel(CephClusterAccess.OsdAction action) {
        return l10n.lang(switch (action) {
            case IN -> "ceph.osd.in.action";
            case OUT -> "ceph.osd.out.action";
            case DOWN -> "ceph.osd.down.action";
            case REWEIGHT -> "ceph.osd.reweight.action";
        });
    }

    private boolean confirm(CephClusterAccess.OsdAction action, CephOsdTree.Node osd, List<String> checks) {
        String title = l10n.lang(switch (action) {
            case IN -> "ceph.osd.in.title";
            case OUT -> "ceph.osd.out.title";
            default -> "ceph.osd.down.title";
        }, osd.name());
        String what = l10n.lang(switch (action) {
            case IN -> "ceph.osd.in.confirm";
            case OUT -> "ceph.osd.out.confirm";
            default -> "ceph.osd.down.confirm";
        }, osd.name());
        return cluster.dialogs().confirm(title, what, checks, actionLabel(action));
    }

    private void act(CephClusterAccess.OsdAction action, CephOsdTree.Node osd, double weight) {
        String what = actionLabel(action);
        cluster.call(l10n.lang("ceph.task.osdAction", what, osd.name()),
                () -> cluster.access().osdAction(cluster.id(), action, osd.id(), weight), v -> {
                    message.set(l10n.lang("ceph.osd.done", what, osd.name()));
                    refresh();
                }, message::set);
    }
}
