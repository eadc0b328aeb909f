package io.rackdesk.app.console;

/**
 * One key as VNC sends it: an X11 keysym (what plain RFB key events carry) and the XT scan code in
 * the form QEMU's Extended Key Event takes (keys with the 0xE0 prefix as 0x80 | code, e.g. Delete
 * 0xD3), so the guest's own keyboard layout decides the character. Scan code 0 means "none".
 */
public record KeyStroke(int keysym, int scancode) {
    public static final KeyStroke CONTROL_L = new KeyStroke(0xFFE3, 0x1D);
    public static final KeyStroke ALT_L = new KeyStroke(0xFFE9, 0x38);
    public static final KeyStroke DELETE = new KeyStroke(0xFFFF, 0xD3);
    public static final KeyStroke BACKSPACE = new KeyStroke(0xFF08, 0x0E);
    public static final KeyStroke PRINT = new KeyStroke(0xFF61, 0xB7);

    /** F1 .. F12. */
    public static KeyStroke function(int n) {
        if (n < 1 || n > 12) {
            throw new IllegalArgumentException("F" + n);
        }
        // F1-F10 are 0x3B-0x44, F11 and F12 0x57 and 0x58
        return new KeyStroke(0xFFBE + n - 1, n <= 10 ? 0x3B + n - 1 : 0x57 + n - 11);
    }
}
