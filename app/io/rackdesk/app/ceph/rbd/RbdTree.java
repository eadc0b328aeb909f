package io.rackdesk.app.ceph.rbd;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RBD images as a forest across pools: each image's children are its snapshots, each snapshot's
 * children the images cloned from it (in whatever pool). Roots are the images without a parent, and
 * clones whose parent is not among the listed images ({@link Node#parentMissing()}). A clone a
 * snapshot names but that was not listed (a pool not asked for) appears as an {@link Kind#UNLISTED}
 * leaf under that snapshot.
 */
public record RbdTree(List<Node> roots) {
    public enum Kind { IMAGE, SNAPSHOT, UNLISTED }

    /**
     * One node: an image (with {@code image}), a snapshot (with {@code snapshot} and {@code snapRef}),
     * or an unlisted clone (only {@code ref}).
     */
    public record Node(Kind kind, RbdImageRef ref, RbdImageSummary image, RbdSnapRef snapRef, RbdSnapshot snapshot,
            boolean parentMissing, List<Node> children) {
        public Node {
            children = List.copyOf(children);
        }

        /** "rbd/img1", "rbd/img1@snap1" */
        public String label() {
            return kind == Kind.SNAPSHOT ? snapRef.toString() : ref.toString();
        }
    }

    public RbdTree {
        roots = List.copyOf(roots);
    }

    public static RbdTree of(Collection<RbdImageSummary> images) {
        Map<RbdImageRef, RbdImageSummary> byRef = new LinkedHashMap<>();
        images.stream().sorted(Comparator.comparing(RbdImageSummary::ref)).forEach(i -> byRef.put(i.ref(), i));
        Map<RbdSnapRef, List<RbdImageSummary>> clonesOf = new HashMap<>();
        for (RbdImageSummary i : byRef.values()) {
            if (i.parent() != null) {
                clonesOf.computeIfAbsent(i.parent(), k -> new ArrayList<>()).add(i);
            }
        }
        List<Node> roots = new ArrayList<>();
        Set<RbdImageRef> placed = new HashSet<>();
        for (RbdImageSummary i : byRef.values()) {
            boolean missing = i.parent() != null && !byRef.containsKey(i.parent().imageRef());
            if (i.parent() == null || missing) {
                roots.add(node(i, missing, clonesOf, placed));
            }
        }
        // a parent cycle cannot happen in Ceph, but never lose an image: whatever was not reached becomes a root
        for (RbdImageSummary i : byRef.values()) {
            if (!placed.contains(i.ref())) {
                roots.add(node(i, true, clonesOf, placed));
            }
        }
        return new RbdTree(roots);
    }

    private static Node node(RbdImageSummary i, boolean parentMissing, Map<RbdSnapRef, List<RbdImageSummary>> clonesOf,
            Set<RbdImageRef> placed) {
        placed.add(i.ref());
        List<Node> snaps = new ArrayList<>();
        for (RbdSnapshot s : i.snapshots()) {
            RbdSnapRef sr = i.ref().at(s.name());
            List<Node> clones = new ArrayList<>();
            Set<RbdImageRef> seen = new HashSet<>();
            for (RbdImageSummary c : clonesOf.getOrDefault(sr, List.of())) {
                if (!placed.contains(c.ref())) {
                    clones.add(node(c, false, clonesOf, placed));
                }
                seen.add(c.ref());
            }
            for (RbdImageRef c : s.children()) {
                if (!seen.contains(c)) {
                    clones.add(new Node(Kind.UNLISTED, c, null, null, null, false, List.of()));
                }
            }
            snaps.add(new Node(Kind.SNAPSHOT, i.ref(), null, sr, s, false, clones));
        }
        return new Node(Kind.IMAGE, i.ref(), i, null, null, parentMissing, snaps);
    }

    /** An indented text picture, one node a line (for the CLI and tests). */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Node n : roots) {
            text(sb, n, 0);
        }
        return sb.toString();
    }

    private static void text(StringBuilder sb, Node n, int depth) {
        sb.append("  ".repeat(depth));
        switch (n.kind()) {
            case IMAGE -> {
                sb.append(n.ref());
                if (n.parentMissing()) {
                    sb.append(" (parent ").append(n.image().parent()).append(" not listed)");
                }
            }
            case SNAPSHOT -> sb.append('@').append(n.snapshot().name()).append(n.snapshot().isProtected() ? " (protected)" : "");
            case UNLISTED -> sb.append(n.ref()).append(" (not listed)");
        }
        sb.append('\n');
        for (Node c : n.children()) {
            text(sb, c, depth + 1);
        }
    }
}
