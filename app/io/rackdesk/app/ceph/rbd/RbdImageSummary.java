package io.rackdesk.app.ceph.rbd;

import java.util.List;

/**
 * An RBD image as listed: its size, the bytes allocated at its head ({@code usedBytes}, null when
 * not asked for), librbd's feature bits and their names, its clone parent (null for none) with the
 * overlap still shared with it, the object size, the pool its data lives in when that is another one
 * (an erasure-coded pool; null otherwise) and its snapshots, oldest first.
 */
public record RbdImageSummary(RbdImageRef ref, long size, Long usedBytes, long features, List<String> featureNames,
        RbdSnapRef parent, long parentOverlap, long objectSize, String dataPool, List<RbdSnapshot> snapshots) {
    public RbdImageSummary {
        featureNames = List.copyOf(featureNames);
        snapshots = List.copyOf(snapshots);
    }

    public String pool() {
        return ref.pool();
    }

    public String name() {
        return ref.image();
    }

    /** Every clone of every snapshot. */
    public List<RbdImageRef> allChildren() {
        return snapshots.stream().flatMap(s -> s.children().stream()).toList();
    }
}
