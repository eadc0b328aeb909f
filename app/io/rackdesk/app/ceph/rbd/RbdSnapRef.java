package io.rackdesk.app.ceph.rbd;

import java.util.Objects;

/** An RBD snapshot by pool, image and name; prints as {@code pool/image@snap}. */
public record RbdSnapRef(String pool, String image, String snap) {
    public RbdSnapRef {
        RbdNames.requireName(pool, "pool");
        RbdNames.requireName(image, "image");
        RbdNames.requireName(snap, "snapshot");
    }

    /** "pool/image@snap". */
    public static RbdSnapRef parse(String spec) {
        int at = Objects.requireNonNull(spec).lastIndexOf('@');
        if (at <= 0 || at == spec.length() - 1) {
            throw new IllegalArgumentException("'" + spec + "' is not POOL/IMAGE@SNAPSHOT");
        }
        return RbdImageRef.parse(spec.substring(0, at)).at(spec.substring(at + 1));
    }

    public RbdImageRef imageRef() {
        return new RbdImageRef(pool, image);
    }

    @Override
    public String toString() {
        return pool + "/" + image + "@" + snap;
    }
}
