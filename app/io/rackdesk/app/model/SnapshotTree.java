package io.rackdesk.app.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A VM's snapshots as the tree their parent links make (virsh snapshot-list --tree). */
public final class SnapshotTree {
    /** One snapshot with the snapshots taken from it, oldest first. */
    public record Node(SnapshotInfo snapshot, List<Node> children) {
        public Node {
            children = List.copyOf(children);
        }

        /** This snapshot and everything below it, depth first. */
        public List<SnapshotInfo> withDescendants() {
            List<SnapshotInfo> out = new ArrayList<>();
            collect(this, out);
            return out;
        }

        private static void collect(Node n, List<SnapshotInfo> out) {
            out.add(n.snapshot());
            for (Node c : n.children()) {
                collect(c, out);
            }
        }
    }

    private SnapshotTree() {
    }

    /**
     * The roots, oldest first. A snapshot whose parent is missing from the list (deleted behind our
     * back) becomes a root rather than disappearing.
     */
    public static List<Node> build(List<SnapshotInfo> snapshots) {
        Map<String, List<SnapshotInfo>> byParent = new HashMap<>();
        Map<String, SnapshotInfo> byName = new HashMap<>();
        for (SnapshotInfo s : snapshots) {
            byName.put(s.name(), s);
        }
        List<SnapshotInfo> roots = new ArrayList<>();
        for (SnapshotInfo s : snapshots) {
            if (s.parent() == null || !byName.containsKey(s.parent())) {
                roots.add(s);
            } else {
                byParent.computeIfAbsent(s.parent(), k -> new ArrayList<>()).add(s);
            }
        }
        return nodes(roots, byParent);
    }

    private static List<Node> nodes(List<SnapshotInfo> level, Map<String, List<SnapshotInfo>> byParent) {
        List<SnapshotInfo> sorted = new ArrayList<>(level);
        sorted.sort(Comparator.comparingLong(SnapshotInfo::creationTimeEpochSeconds).thenComparing(SnapshotInfo::name));
        List<Node> out = new ArrayList<>();
        for (SnapshotInfo s : sorted) {
            out.add(new Node(s, nodes(byParent.getOrDefault(s.name(), List.of()), byParent)));
        }
        return out;
    }
}
