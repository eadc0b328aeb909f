package io.rackdesk.viewmodels.vms;

import io.rackdesk.app.model.VmLiveStats;
import io.rackdesk.app.stats.StatsHistory;
import java.util.Objects;

/**
 * What the VM table and the details charts draw for one VM: the newest figures and the VM's recent
 * history. A new instance is published whenever the picture changes (and only then), so listeners
 * fire per visible change; the history is the VM item's own ring, read on the FX thread only.
 */
public final class VmLive {
    private final VmLiveStats stats;
    private final StatsHistory history;

    VmLive(VmLiveStats stats, StatsHistory history) {
        this.stats = Objects.requireNonNull(stats);
        this.history = Objects.requireNonNull(history);
    }

    public VmLiveStats stats() {
        return stats;
    }

    /** The VM's history up to and including {@link #stats()}; FX thread only. */
    public StatsHistory history() {
        return history;
    }
}
