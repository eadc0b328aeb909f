package io.rackdesk.app.ceph.rbd;

/** Checks on pool, image and snapshot names before they reach librbd. */
final class RbdNames {
    private RbdNames() {
    }

    static void requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the " + what + " name is empty");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('@') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the " + what + " name '" + name + "' may not contain '/', '@' or NUL");
        }
    }

    /** "1 clone (rbd/clone1)", "2 clones (rbd/a, rbd/b)" */
    static String count(int n, String singular, String plural, java.util.List<?> names) {
        StringBuilder sb = new StringBuilder().append(n).append(' ').append(n == 1 ? singular : plural);
        if (!names.isEmpty()) {
            sb.append(" (");
            int shown = Math.min(names.size(), 5);
            for (int i = 0; i < shown; i++) {
                sb.append(i > 0 ? ", " : "").append(names.get(i));
            }
            if (names.size() > shown) {
                sb.append(", and ").append(names.size() - shown).append(" more");
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
