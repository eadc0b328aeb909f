package io.rackdesk.app.model;

import java.util.Objects;

/**
 * One snapshot of a VM. {@code parent} is null for a root of the snapshot tree; {@code state} is the
 * VM's state when the snapshot was taken (running, shutoff, ...); {@code description} may be null.
 */
public record SnapshotInfo(String name, String parent, boolean current, String state, long creationTimeEpochSeconds,
                           String description) {
    public SnapshotInfo {
        Objects.requireNonNull(name);
    }
}
