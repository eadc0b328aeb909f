package io.rackdesk.app.model;

import java.util.List;
import java.util.Objects;

/** Everything Rackdesk reads about one VM: its summary, autostart flag, definition and snapshots. */
public record VmDetails(VmSummary summary, boolean autostart, VmDefinition definition, List<SnapshotInfo> snapshots) {
    public VmDetails {
        Objects.requireNonNull(summary);
        Objects.requireNonNull(definition);
        snapshots = List.copyOf(snapshots);
    }
}
