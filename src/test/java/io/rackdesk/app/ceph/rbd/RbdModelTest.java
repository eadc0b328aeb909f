package io.rackdesk.app.ceph.rbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rackdesk.app.ceph.CephException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parts of the RBD core that need no cluster: names, features, caps, the mon map, the tree. */
class RbdModelTest {
    @Test
    void refsParseAndPrint() {
        assertEquals(new RbdImageRef("rbd", "img1"), RbdImageRef.parse("rbd/img1"));
        assertEquals("rbd/img1@snap1", RbdSnapRef.parse("rbd/img1@snap1").toString());
        assertThrows(IllegalArgumentException.class, () -> RbdImageRef.parse("img1"));
        assertThrows(IllegalArgumentException.class, () -> RbdSnapRef.parse("rbd/img1"));
        assertThrows(IllegalArgumentException.class, () -> new RbdImageRef("rbd", "a@b"));
        assertThrows(IllegalArgumentException.class, () -> new RbdImageRef("", "a"));
    }

    @Test
    void featureNamesAsRbdInfoPrintsThem() {
        assertEquals(List.of("layering", "exclusive-lock", "object-map", "fast-diff", "deep-flatten"),
                RbdFeatures.names(RbdFeatures.DEFAULT));
        assertEquals(0x3d, RbdFeatures.DEFAULT);
        assertEquals(List.of("layering", "data-pool", "0x1000"), RbdFeatures.names(1 | 128 | 0x1000));
    }

    @Test
    void osdCapsCoverAPool() {
        assertTrue(RbdClientAccess.covers("profile rbd pool=rbd", "rbd"));
        assertTrue(RbdClientAccess.covers("profile rbd pool=vms, profile rbd pool=rbd", "rbd"));
        assertTrue(RbdClientAccess.covers("allow *", "rbd"));
        assertTrue(RbdClientAccess.covers("profile rbd", "rbd"));
        assertFalse(RbdClientAccess.covers("profile rbd pool=rbd2", "rbd"));
        assertFalse(RbdClientAccess.covers("profile rbd-read-only pool=rbd", "rbd"));
        assertFalse(RbdClientAccess.covers("", "rbd"));
    }

    @Test
    void monitorsFromTheMonMapPreferMsgr1() throws Exception {
        var dump = new ObjectMapper().readTree("""
                {"epoch":1,"mons":[
                  {"rank":0,"name":"a","public_addrs":{"addrvec":[{"type":"v2","addr":"127.0.0.1:13300","nonce":0},
                                                                 {"type":"v1","addr":"127.0.0.1:16789","nonce":0}]},
                   "addr":"127.0.0.1:16789/0"},
                  {"rank":1,"name":"b","public_addrs":{"addrvec":[{"type":"v2","addr":"10.0.0.2:3300","nonce":0}]}},
                  {"rank":2,"name":"c","addr":"10.0.0.3:6789/0"}]}
                """);
        assertEquals(List.of("127.0.0.1:16789", "10.0.0.2:3300", "10.0.0.3:6789"), RbdClientAccess.monitorsOf(dump));
        assertThrows(CephException.class, () -> RbdClientAccess.monitorsOf(new ObjectMapper().readTree("{\"mons\":[]}")));
    }

    @Test
    void treeAcrossPools() {
        RbdImageRef img1 = new RbdImageRef("rbd", "img1");
        RbdImageRef clone1 = new RbdImageRef("rbd", "clone1");
        RbdImageRef clone2 = new RbdImageRef("vms", "clone2");
        RbdImageRef grand = new RbdImageRef("vms", "grand");
        RbdImageRef elsewhere = new RbdImageRef("other", "x");
        RbdImageSummary i1 = image(img1, null, List.of(snap("snap1", true, clone1, clone2, elsewhere), snap("snap2", false)));
        RbdImageSummary c1 = image(clone1, img1.at("snap1"), List.of());
        RbdImageSummary c2 = image(clone2, img1.at("snap1"), List.of(snap("s", true, grand)));
        RbdImageSummary g = image(grand, clone2.at("s"), List.of());
        RbdImageSummary orphan = image(new RbdImageRef("vms", "orphan"), RbdSnapRef.parse("gone/p@s"), List.of());
        RbdTree tree = RbdTree.of(List.of(g, orphan, c2, c1, i1));
        assertEquals("""
                rbd/img1
                  @snap1 (protected)
                    rbd/clone1
                    vms/clone2
                      @s (protected)
                        vms/grand
                    other/x (not listed)
                  @snap2
                vms/orphan (parent gone/p@s not listed)
                """, tree.text());
        assertEquals(2, tree.roots().size());
        assertEquals(RbdTree.Kind.SNAPSHOT, tree.roots().get(0).children().get(0).kind());
        assertEquals("rbd/img1@snap1", tree.roots().get(0).children().get(0).label());
    }

    @Test
    void countsNameWhatBlocks() {
        assertEquals("1 clone (rbd/c)", RbdNames.count(1, "clone", "clones", List.of("rbd/c")));
        assertEquals("7 clones (a, b, c, d, e, and 2 more)", RbdNames.count(7, "clone", "clones",
                List.of("a", "b", "c", "d", "e", "f", "g")));
    }

    private static RbdSnapshot snap(String name, boolean prot, RbdImageRef... children) {
        return new RbdSnapshot(1, name, 1 << 20, prot, Instant.EPOCH, List.of(children));
    }

    private static RbdImageSummary image(RbdImageRef ref, RbdSnapRef parent, List<RbdSnapshot> snaps) {
        return new RbdImageSummary(ref, 1 << 20, null, RbdFeatures.DEFAULT, RbdFeatures.names(RbdFeatures.DEFAULT), parent,
                parent == null ? 0 : 1 << 20, 4 << 20, null, snaps);
    }
}
