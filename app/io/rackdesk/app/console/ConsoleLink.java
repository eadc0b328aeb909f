package io.rackdesk.app.console;

import io.rackdesk.app.vnc.VncTarget;

/**
 * A live console connection as the UI uses it. Every method returns at once: network work happens on
 * the connection's own threads, and the listener is called there too (never on the UI thread).
 */
public interface ConsoleLink extends AutoCloseable {

    /** What a connection reports; called on its reader thread. */
    interface Listener {
        void status(ConsoleStatus status);

        /** New pixels wait in {@link ConsoleLink#frame()}; not called again until the UI presented them. */
        void frameReady();

        default void serverCutText(String text) {
        }

        default void cursor(int[] argb, int width, int height, int hotX, int hotY) {
        }

        default void bell() {
        }
    }

    /** Opens connections; the ViewModel gets one injected (tests pass a fake). */
    @FunctionalInterface
    interface Connector {
        ConsoleLink connect(VncTarget target, String password, Listener listener);
    }

    ConsoleFrame frame();

    /** Whether the server takes scan codes (QEMU Extended Key Event), so {@link KeyStroke#scancode()} is used. */
    boolean extendedKeys();

    void key(boolean down, KeyStroke key);

    /** Presses the keys in order and releases them in reverse, as one queued action. */
    void sendKeys(SendKeys combo);

    /** Buttons as an RFB mask (1 left, 2 middle, 4 right, 8/16 wheel up/down). */
    void pointer(int buttons, int x, int y);

    void clipboard(String text);

    /** Tries again at once (after a failure, or while waiting to retry). */
    void reconnectNow();

    @Override
    void close();
}
