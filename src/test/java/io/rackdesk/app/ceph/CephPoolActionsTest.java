package io.rackdesk.app.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The PG calculator (rule of thumb in the brief) and what a pool spec accepts. */
class CephPoolActionsTest {
    @Test
    void pgCountRuleOfThumb() {
        assertEquals(128, CephPoolActions.suggestPgNum(3, 2), "the brief's example: 150 -> 128");
        assertEquals(128, CephPoolActions.suggestPgNum(3, 3), "100: 100 - 64 >= 25 -> 128");
        assertEquals(1024, CephPoolActions.suggestPgNum(30, 3), "1000 -> 1024");
        assertEquals(4096, CephPoolActions.suggestPgNum(100, 3), "3333: 3333 - 2048 >= 833 -> 4096");
        assertEquals(32, CephPoolActions.suggestPgNum(1, 3), "33: 33 - 32 < 8 -> 32");
        assertEquals(64, CephPoolActions.suggestPgNum(3, 5), "EC 3+2: 60 -> 64");
    }

    @Test
    void specChecksNamePgsAndWidth() {
        var ec = new CephPoolActions.Spec("vms-ec", true, 0, 2, 1, "osd", 32, "off", "rbd");
        assertEquals(3, ec.width());
        assertEquals("rackdesk-k2-m1-osd", ec.profileName());
        assertEquals("host", new CephPoolActions.Spec("vms", false, 3, 0, 0, " ", 64, "on", null).failureDomain());
        assertThrows(IllegalArgumentException.class, () -> new CephPoolActions.Spec("bad name", false, 3, 0, 0, "host", 64, "on", ""));
        assertThrows(IllegalArgumentException.class, () -> new CephPoolActions.Spec("vms", false, 3, 0, 0, "host", 100, "on", ""));
        assertThrows(IllegalArgumentException.class, () -> new CephPoolActions.Spec("vms", true, 0, 0, 1, "host", 64, "on", ""));
        assertThrows(IllegalArgumentException.class, () -> new CephPoolActions.Spec("vms", false, 3, 0, 0, "host", 64, "maybe", ""));
    }
}
