package io.rackdesk.viewmodels.vms;

import io.rackdesk.app.model.VmLiveStats;
import io.rackdesk.app.model.VmState;
import io.rackdesk.app.model.VmSummary;
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
    private final ReadOnlyObjectWrapper<VmLiveStats> stats = new ReadOnlyObjectWrapper<>();

    public VmItem(ConnectionViewModel connection, VmSummary vm) {
        this.connection = Objects.requireNonNull(connection);
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

    /** Live rates and history; null until the first stats tick. */
    public ReadOnlyObjectProperty<VmLiveStats> statsProperty() {
        return stats.getReadOnlyProperty();
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

    /** Applies a stats tick (FX thread; called by the connection). */
    public void update(VmLiveStats s) {
        // an idle or stopped VM gives the same figures every tick: skip the redraw of its cells
        if (!sameFigures(stats.get(), s)) {
            stats.set(s);
        }
        if (s.state() != VmState.NOSTATE) {
            state.set(s.state());
        }
    }

    private static boolean sameFigures(VmLiveStats a, VmLiveStats b) {
        return a != null && a.state() == b.state()
                && Double.compare(a.cpuPercent(), b.cpuPercent()) == 0
                && a.memoryUsedKiB() == b.memoryUsedKiB()
                && Double.compare(a.memoryPercent(), b.memoryPercent()) == 0
                && Double.compare(a.diskBps(), b.diskBps()) == 0
                && Double.compare(a.netBps(), b.netBps()) == 0
                && java.util.Arrays.equals(a.cpuHistory(), b.cpuHistory())
                && java.util.Arrays.equals(a.memoryHistory(), b.memoryHistory())
                && java.util.Arrays.equals(a.diskHistory(), b.diskHistory())
                && java.util.Arrays.equals(a.netHistory(), b.netHistory());
    }

    @Override
    public String toString() {
        return name() + "@" + hostName();
    }
}
