package io.rackdesk.app.ceph;

import java.util.Map;

/** librados' (and librbd's) negative error codes, named and explained. */
public final class CephErrors {
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "EPERM: operation not permitted"),
            Map.entry(2, "ENOENT: no such file or entry"),
            Map.entry(4, "EINTR: interrupted"),
            Map.entry(5, "EIO: input/output error"),
            Map.entry(11, "EAGAIN: try again"),
            Map.entry(12, "ENOMEM: out of memory"),
            Map.entry(13, "EACCES: permission denied"),
            Map.entry(16, "EBUSY: busy"),
            Map.entry(17, "EEXIST: already exists"),
            Map.entry(22, "EINVAL: invalid argument"),
            Map.entry(18, "EXDEV: cross-device link"),
            Map.entry(28, "ENOSPC: no space left"),
            Map.entry(30, "EROFS: read-only"),
            Map.entry(34, "ERANGE: out of range"),
            Map.entry(39, "ENOTEMPTY: not empty"),
            Map.entry(85, "ERESTART: interrupted, restart"),
            Map.entry(95, "EOPNOTSUPP: not supported"),
            Map.entry(107, "ENOTCONN: not connected"),
            Map.entry(108, "ESHUTDOWN: shut down"),
            Map.entry(110, "ETIMEDOUT: timed out"),
            Map.entry(111, "ECONNREFUSED: connection refused"),
            Map.entry(113, "EHOSTUNREACH: no route to host"),
            Map.entry(125, "ECANCELED: canceled"));

    private CephErrors() {
    }

    /** -110 -> "ETIMEDOUT: timed out (-110)" */
    public static String name(int rc) {
        String n = NAMES.get(Math.abs(rc));
        return (n != null ? n : "error") + " (" + rc + ")";
    }

    public static CephException.Kind kindOf(int rc) {
        return switch (-rc) {
            case 110 -> CephException.Kind.TIMEOUT;
            case 13, 1 -> CephException.Kind.AUTHENTICATION;
            case 22 -> CephException.Kind.INVALID;
            default -> CephException.Kind.OTHER;
        };
    }
}
