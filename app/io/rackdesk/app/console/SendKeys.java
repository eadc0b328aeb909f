package io.rackdesk.app.console;

import java.util.ArrayList;
import java.util.List;

/**
 * The key combinations a console's "Send keys" menu offers: the ones the local desktop would catch
 * itself (Ctrl+Alt+Del, Ctrl+Alt+F1..F12 to switch virtual terminals, Ctrl+Alt+Backspace, Print Screen).
 * Keys are pressed in order and released in reverse order.
 */
public record SendKeys(String label, List<KeyStroke> keys) {
    public SendKeys {
        keys = List.copyOf(keys);
    }

    public static final SendKeys CTRL_ALT_DEL = new SendKeys("Ctrl+Alt+Del", List.of(KeyStroke.CONTROL_L, KeyStroke.ALT_L, KeyStroke.DELETE));

    /** Every combination, in menu order. */
    public static List<SendKeys> all() {
        List<SendKeys> all = new ArrayList<>();
        all.add(CTRL_ALT_DEL);
        all.add(new SendKeys("Ctrl+Alt+Backspace", List.of(KeyStroke.CONTROL_L, KeyStroke.ALT_L, KeyStroke.BACKSPACE)));
        for (int n = 1; n <= 12; n++) {
            all.add(new SendKeys("Ctrl+Alt+F" + n, List.of(KeyStroke.CONTROL_L, KeyStroke.ALT_L, KeyStroke.function(n))));
        }
        all.add(new SendKeys("PrintScreen", List.of(KeyStroke.PRINT)));
        return List.copyOf(all);
    }
}
