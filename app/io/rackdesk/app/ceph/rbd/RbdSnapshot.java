package io.rackdesk.app.ceph.rbd;

import java.time.Instant;
import java.util.List;

/**
 * One snapshot of an RBD image: librbd's id, name, the image size when it was taken, whether it is
 * protected, when it was taken (null if librbd could not say), and the clones made from it
 * (in any pool).
 */
public record RbdSnapshot(long id, String name, long size, boolean isProtected, Instant timestamp,
        List<RbdImageRef> children) {
    public RbdSnapshot {
        children = List.copyOf(children);
    }
}
