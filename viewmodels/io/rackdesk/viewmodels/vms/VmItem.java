package io.rackdesk.viewmodels.vms;

import io.rackdesk.app.model.VmLiveStats;
import io.rackdesk.app.model.VmState;
import io.rackdesk.app.model.VmSummary;
import io.rackdesk.app.stats.StatsHistory;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One VM as the UI keeps it: the same object across list refreshes (keyed by UUID), so selection and
 * history survive; the latest listing and stats tick are pushed into its properties on the FX thread.
 */
public final class VmItem {
    private final ConnectionViewModel connection;
    private final String uuid;
    private final ReadOnlyObjectWrapper<VmSummary> summary;
    private final ReadOnlyObjectWrapper<VmState> state;
    private final ReadOnlyObjectWrapper<VmLive> live = new ReadOnlyObjectWrapper<>();
    private final StatsHistory history;

    /** {@code historyLength}: samples of history kept (see {@link StatsHistory#capacityFor}). */
    public VmItem(ConnectionViewModel connection, VmSummary vm, int historyLength) {
        this.connection = Objects.requireNonNull(connection);
        this.history = new StatsHistory(historyLength);
        this.uuid = vm.uuid();
        this.summary = new ReadOnlyObjectWrapper<>(vm);
        this.state = new ReadOnlyObjectWrapper<>(vm.state());
    }

    public ConnectionViewModel connection() {
        return connection;
    }

    public String uuid() {
        return uuid;
    }

    public String name() {
        return summary.get().name();
    }

    public String hostName() {
        return connection.name();
    }

    public VmSummary summary() {
        return summary.get();
    }

    public ReadOnlyObjectProperty<VmSummary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The state, from the newest of listing, event or stats tick. */
    public VmState getState() {
        return state.get();
    }

    public ReadOnlyObjectProperty<VmState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Live figures and history; null until the first stats tick. A new value per visible change. */
    public ReadOnlyObjectProperty<VmLive> liveProperty() {
        return live.getReadOnlyProperty();
    }

    /** The newest stats tick, or null before the first. */
    public VmLiveStats stats() {
        VmLive l = live.get();
        return l == null ? null : l.stats();
    }

    public List<String> tags() {
        return summary.get().tags();
    }

    /** Memory in MiB, as the table shows it. */
    public long memoryMiB() {
        return summary.get().memoryKiB() / 1024;
    }

    /** Applies a fresh listing (FX thread; called by the connection). */
    public void update(VmSummary vm) {
        summary.set(vm);
        state.set(vm.state());
    }

    /**
     * Applies a stats tick (FX thread; called by the connection). The history grows in place; listeners
     * hear of it only when the picture changed: an idle or stopped VM gives the same figures every
     * tick, and once its history is flat nothing of it needs redrawing.
     */
    public void update(VmLiveStats s) {
        boolean moved = history.push(s);
        VmLive now = live.get();
        if (moved || now == null || !now.stats().equals(s)) {
            live.set(new VmLive(s, history));
        }
        if (s.state() != VmState.NOSTATE) {
            state.set(s.state());
        }
    }

    /** Keeps {@code length} samples from now on (the tick interval changed). */
    public void resizeHistory(int length) {
        history.resize(length);
    }

    @Override
    public String toString() {
        return name() + "@" + hostName();
    }
}
