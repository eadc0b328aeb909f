package io.rackdesk.app.ceph.rbd;

import java.util.ArrayList;
import java.util.List;

/** librbd's feature bits (include/rbd/features.h) and the names {@code rbd info} prints. */
public final class RbdFeatures {
    public static final long LAYERING = 1L;
    public static final long STRIPINGV2 = 1L << 1;
    public static final long EXCLUSIVE_LOCK = 1L << 2;
    public static final long OBJECT_MAP = 1L << 3;
    public static final long FAST_DIFF = 1L << 4;
    public static final long DEEP_FLATTEN = 1L << 5;
    public static final long JOURNALING = 1L << 6;
    public static final long DATA_POOL = 1L << 7;
    public static final long OPERATIONS = 1L << 8;
    public static final long MIGRATING = 1L << 9;
    public static final long NON_PRIMARY = 1L << 10;
    public static final long DIRTY_CACHE = 1L << 11;
    /** Ceph's default for new images: layering, exclusive-lock, object-map, fast-diff, deep-flatten (0x3d). */
    public static final long DEFAULT = LAYERING | EXCLUSIVE_LOCK | OBJECT_MAP | FAST_DIFF | DEEP_FLATTEN;

    private static final String[] NAMES = {"layering", "striping", "exclusive-lock", "object-map", "fast-diff",
        "deep-flatten", "journaling", "data-pool", "operations", "migrating", "non-primary", "dirty-cache"};

    private RbdFeatures() {
    }

    /** 0x3d -> [layering, exclusive-lock, object-map, fast-diff, deep-flatten]; unknown bits as "0x...". */
    public static List<String> names(long features) {
        List<String> out = new ArrayList<>();
        for (int bit = 0; bit < 64; bit++) {
            long mask = 1L << bit;
            if ((features & mask) != 0) {
                out.add(bit < NAMES.length ? NAMES[bit] : "0x" + Long.toHexString(mask));
            }
        }
        return out;
    }
}
