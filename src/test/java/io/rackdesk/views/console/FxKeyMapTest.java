package io.rackdesk.views.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.rackdesk.app.console.KeyStroke;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.Test;

/** The key table against the XT scan codes QEMU's Extended Key Event expects (no toolkit needed). */
class FxKeyMapTest {
    private static KeyEvent pressed(KeyCode code, String text, boolean shift, boolean ctrl) {
        return new KeyEvent(KeyEvent.KEY_PRESSED, "", text, code, shift, ctrl, false, false);
    }

    @Test
    void lettersDigitsAndFunctionKeysHaveTheirScanCodes() {
        assertEquals(new KeyStroke('a', 0x1E), FxKeyMap.of(KeyCode.A));
        assertEquals(new KeyStroke('q', 0x10), FxKeyMap.of(KeyCode.Q));
        assertEquals(new KeyStroke('p', 0x19), FxKeyMap.of(KeyCode.P));
        assertEquals(new KeyStroke('l', 0x26), FxKeyMap.of(KeyCode.L));
        assertEquals(new KeyStroke('z', 0x2C), FxKeyMap.of(KeyCode.Z));
        assertEquals(new KeyStroke('m', 0x32), FxKeyMap.of(KeyCode.M));
        assertEquals(new KeyStroke('1', 0x02), FxKeyMap.of(KeyCode.DIGIT1));
        assertEquals(new KeyStroke('0', 0x0B), FxKeyMap.of(KeyCode.DIGIT0));
        assertEquals(KeyStroke.function(1), FxKeyMap.of(KeyCode.F1));
        assertEquals(new KeyStroke(0xFFC9, 0x58), FxKeyMap.of(KeyCode.F12));
        assertEquals(new KeyStroke(0xFFB7, 0x47), FxKeyMap.of(KeyCode.NUMPAD7));
    }

    @Test
    void extendedKeysCarryTheE0PrefixAsTheHighBit() {
        assertEquals(new KeyStroke(0xFF52, 0xC8), FxKeyMap.of(KeyCode.UP));
        assertEquals(KeyStroke.DELETE, FxKeyMap.of(KeyCode.DELETE));
        assertEquals(KeyStroke.PRINT, FxKeyMap.of(KeyCode.PRINTSCREEN));
        assertEquals(new KeyStroke(0xFE03, 0xB8), FxKeyMap.of(KeyCode.ALT_GRAPH));
    }

    @Test
    void theTypedCharacterBecomesTheKeysymButNotForControlKeysOrShortcuts() {
        assertEquals(new KeyStroke('A', 0x1E), FxKeyMap.of(pressed(KeyCode.A, "A", true, false)));
        assertEquals(new KeyStroke('!', 0x02), FxKeyMap.of(pressed(KeyCode.DIGIT1, "!", true, false)));
        assertEquals(new KeyStroke(0xE9, 0x03), FxKeyMap.of(pressed(KeyCode.DIGIT2, "é", false, false)), "a French layout's 2 key");
        assertEquals(new KeyStroke('c', 0x2E), FxKeyMap.of(pressed(KeyCode.C, "\u0003", false, true)), "Ctrl+C: the letter");
        assertEquals(new KeyStroke(0xFF0D, 0x1C), FxKeyMap.of(pressed(KeyCode.ENTER, "\r", false, false)));
        assertEquals(new KeyStroke(0x010020AC, 0), FxKeyMap.of(pressed(KeyCode.UNDEFINED, "€", false, false)), "beyond Latin-1");
        assertNull(FxKeyMap.of(pressed(KeyCode.UNDEFINED, "", false, false)));
    }
}
