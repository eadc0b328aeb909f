package io.rackdesk.app.ceph.rbd;

import java.util.Objects;

/** An RBD image by pool and name; prints as {@code pool/image}. */
public record RbdImageRef(String pool, String image) implements Comparable<RbdImageRef> {
    public RbdImageRef {
        RbdNames.requireName(pool, "pool");
        RbdNames.requireName(image, "image");
    }

    /** "pool/image" (the pool is required). */
    public static RbdImageRef parse(String spec) {
        int slash = Objects.requireNonNull(spec).indexOf('/');
        if (slash <= 0 || slash == spec.length() - 1) {
            throw new IllegalArgumentException("'" + spec + "' is not POOL/IMAGE");
        }
        return new RbdImageRef(spec.substring(0, slash), spec.substring(slash + 1));
    }

    public RbdSnapRef at(String snap) {
        return new RbdSnapRef(pool, image, snap);
    }

    @Override
    public int compareTo(RbdImageRef o) {
        int c = pool.compareTo(o.pool);
        return c != 0 ? c : image.compareTo(o.image);
    }

    @Override
    public String toString() {
        return pool + "/" + image;
    }
}
