package io.rackdesk.views.console;

import io.rackdesk.app.console.KeyStroke;
import java.util.EnumMap;
import java.util.Map;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * JavaFX key codes to what VNC sends: the X11 keysym of the unshifted key on a US layout and the XT
 * scan code of the physical key (set 1; 0xE0-prefixed keys as 0x80 | code, as QEMU's Extended Key
 * Event wants). With scan codes the guest's own layout makes the character, so every layout works;
 * servers without them get the keysym, for which the character JavaFX reports is preferred.
 * JavaFX does not tell left from right modifiers, nor the keypad's Enter: the left keys are sent.
 */
final class FxKeyMap {
    private static final Map<KeyCode, KeyStroke> KEYS = new EnumMap<>(KeyCode.class);

    private static void put(KeyCode code, int keysym, int scancode) {
        KEYS.put(code, new KeyStroke(keysym, scancode));
    }

    static {
        // letters: keysym 'a'..'z'; scan codes follow the QWERTY rows
        String rows = "QWERTYUIOP" + "ASDFGHJKL" + "ZXCVBNM";
        int[] firstCode = {0x10, 0x1E, 0x2C};
        int row = 0;
        int col = 0;
        int[] lengths = {10, 9, 7};
        for (char c : rows.toCharArray()) {
            put(KeyCode.valueOf(String.valueOf(c)), Character.toLowerCase(c), firstCode[row] + col);
            if (++col == lengths[row]) {
                row++;
                col = 0;
            }
        }
        // digits: '1'..'9' are 0x02..0x0A, '0' is 0x0B
        for (int d = 1; d <= 9; d++) {
            put(KeyCode.valueOf("DIGIT" + d), '0' + d, 0x01 + d);
        }
        put(KeyCode.DIGIT0, '0', 0x0B);
        // function keys: keysym F1 0xFFBE ..; scan codes F1-F10 0x3B-0x44, F11 0x57, F12 0x58
        for (int f = 1; f <= 12; f++) {
            put(KeyCode.valueOf("F" + f), 0xFFBE + f - 1, f <= 10 ? 0x3A + f : 0x4C + f);
        }
        // keypad digits: keysym KP_0 0xFFB0 ..
        int[] keypad = {0x52, 0x4F, 0x50, 0x51, 0x4B, 0x4C, 0x4D, 0x47, 0x48, 0x49};
        for (int d = 0; d <= 9; d++) {
            put(KeyCode.valueOf("NUMPAD" + d), 0xFFB0 + d, keypad[d]);
        }

        put(KeyCode.ESCAPE, 0xFF1B, 0x01);
        put(KeyCode.MINUS, '-', 0x0C);
        put(KeyCode.EQUALS, '=', 0x0D);
        put(KeyCode.BACK_SPACE, 0xFF08, 0x0E);
        put(KeyCode.TAB, 0xFF09, 0x0F);
        put(KeyCode.OPEN_BRACKET, '[', 0x1A);
        put(KeyCode.CLOSE_BRACKET, ']', 0x1B);
        put(KeyCode.ENTER, 0xFF0D, 0x1C);
        put(KeyCode.CONTROL, 0xFFE3, 0x1D);
        put(KeyCode.SEMICOLON, ';', 0x27);
        put(KeyCode.QUOTE, '\'', 0x28);
        put(KeyCode.BACK_QUOTE, '`', 0x29);
        put(KeyCode.SHIFT, 0xFFE1, 0x2A);
        put(KeyCode.BACK_SLASH, '\\', 0x2B);
        put(KeyCode.COMMA, ',', 0x33);
        put(KeyCode.PERIOD, '.', 0x34);
        put(KeyCode.SLASH, '/', 0x35);
        put(KeyCode.MULTIPLY, 0xFFAA, 0x37);
        put(KeyCode.ALT, 0xFFE9, 0x38);
        put(KeyCode.SPACE, ' ', 0x39);
        put(KeyCode.CAPS, 0xFFE5, 0x3A);
        put(KeyCode.NUM_LOCK, 0xFF7F, 0x45);
        put(KeyCode.SCROLL_LOCK, 0xFF14, 0x46);
        put(KeyCode.SUBTRACT, 0xFFAD, 0x4A);
        put(KeyCode.ADD, 0xFFAB, 0x4E);
        put(KeyCode.DECIMAL, 0xFFAE, 0x53);
        put(KeyCode.LESS, '<', 0x56); // the 102nd key of ISO keyboards
        // 0xE0-prefixed keys
        put(KeyCode.DIVIDE, 0xFFAF, 0xB5);
        put(KeyCode.PRINTSCREEN, 0xFF61, 0xB7);
        put(KeyCode.ALT_GRAPH, 0xFE03, 0xB8);
        put(KeyCode.PAUSE, 0xFF13, 0xC6);
        put(KeyCode.HOME, 0xFF50, 0xC7);
        put(KeyCode.UP, 0xFF52, 0xC8);
        put(KeyCode.PAGE_UP, 0xFF55, 0xC9);
        put(KeyCode.LEFT, 0xFF51, 0xCB);
        put(KeyCode.RIGHT, 0xFF53, 0xCD);
        put(KeyCode.END, 0xFF57, 0xCF);
        put(KeyCode.DOWN, 0xFF54, 0xD0);
        put(KeyCode.PAGE_DOWN, 0xFF56, 0xD1);
        put(KeyCode.INSERT, 0xFF63, 0xD2);
        put(KeyCode.DELETE, 0xFFFF, 0xD3);
        put(KeyCode.WINDOWS, 0xFFEB, 0xDB);
        put(KeyCode.META, 0xFFEB, 0xDB);
        put(KeyCode.COMMAND, 0xFFEB, 0xDB);
        put(KeyCode.CONTEXT_MENU, 0xFF67, 0xDD);
    }

    private FxKeyMap() {
    }

    /** The key for {@code code}, or null when VNC has nothing for it. */
    static KeyStroke of(KeyCode code) {
        return KEYS.get(code);
    }

    /**
     * The key for a KEY_PRESSED event: the table's scan code, with the keysym of the character the
     * local layout produced when it is one printable character (so a server without scan codes
     * gets 'A' for Shift+A, 'é' on a French layout), else the table's keysym.
     */
    static KeyStroke of(KeyEvent e) {
        KeyStroke base = KEYS.get(e.getCode());
        String text = e.getText();
        int keysym = -1;
        if (text != null && text.codePointCount(0, text.length()) == 1 && !e.isControlDown() && !e.isAltDown()) {
            int cp = text.codePointAt(0);
            if (cp >= 0x20 && cp != 0x7F) {
                keysym = cp <= 0xFF ? cp : 0x01000000 | cp; // Unicode keysyms beyond Latin-1
            }
        }
        if (base == null) {
            return keysym < 0 ? null : new KeyStroke(keysym, 0);
        }
        return keysym < 0 || !isCharacterKey(base) ? base : new KeyStroke(keysym, base.scancode());
    }

    /** Keys whose keysym is a character (not Return, Tab or a modifier). */
    private static boolean isCharacterKey(KeyStroke k) {
        return k.keysym() < 0xFF00;
    }
}
