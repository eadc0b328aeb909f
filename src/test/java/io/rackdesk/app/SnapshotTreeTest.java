package io.rackdesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rackdesk.app.model.SnapshotInfo;
import io.rackdesk.app.model.SnapshotTree;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotTreeTest {
    private static SnapshotInfo s(String name, String parent, long t) {
        return new SnapshotInfo(name, parent, false, "shutoff", t, null);
    }

    @Test
    void buildsFromParentLinksOldestFirstAndKeepsOrphans() {
        List<SnapshotTree.Node> roots = SnapshotTree.build(List.of(
                s("c", "a", 3), s("b", "a", 2), s("a", null, 1), s("orphan", "gone", 0), s("d", "c", 4)));
        assertEquals(List.of("orphan", "a"), roots.stream().map(n -> n.snapshot().name()).toList());
        assertEquals(List.of("b", "c"), roots.get(1).children().stream().map(n -> n.snapshot().name()).toList());
        assertEquals(List.of("a", "b", "c", "d"), roots.get(1).withDescendants().stream().map(SnapshotInfo::name).toList());
    }
}
