package io.rackdesk.app.console;

import io.rackdesk.app.connections.ssh.HostKey;

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

        /** The server takes SetDesktopSize ("resize guest to window" can work); once per connection. */
        default void desktopResizable() {
        }

        /**
         * The server's answer to this client's {@link ConsoleLink#resizeDesktop}: 0 done, 1 prohibited,
         * 2 out of resources, 3 invalid screen layout, 4 forwarded to the guest (QEMU; rfbproto's ExtendedDesktopSize status).
         */
        default void desktopResizeResult(int status) {
        }
    }

    /**
     * Opens connections as a plan says (direct or through an SSH tunnel); the ViewModel gets one
     * injected (the app's uses its one {@code SshTunnels}; tests pass a fake).
     */
    @FunctionalInterface
    interface Connector {
        ConsoleLink connect(ConsolePlan.Reachable plan, Listener listener);

        /**
         * The user trusts {@code key}, which the SSH host of {@code plan} presented and its known_hosts
         * does not list: the next connection adds it there if the host presents exactly this key.
         * Connectors without SSH tunnels refuse.
         */
        default void trustHostKey(ConsolePlan.Reachable plan, HostKey key) {
            throw new UnsupportedOperationException("this console connector makes no SSH tunnels");
        }
    }

    ConsoleFrame frame();

    /** Whether the server takes scan codes (QEMU Extended Key Event), so {@link KeyStroke#scancode()} is used. */
    boolean extendedKeys();

    void key(boolean down, KeyStroke key);

    /** Presses the keys in order and releases them in reverse, as one queued action. */
    void sendKeys(SendKeys combo);

    /** Buttons as an RFB mask (1 left, 2 middle, 4 right, 8/16 wheel up/down). */
    void pointer(int buttons, int x, int y);

    /** Local clipboard text for the guest (Extended Clipboard as UTF-8 where the server offers it). */
    void clipboard(String text);

    /** Whether the guest's clipboard text is wanted (off: the Extended Clipboard does not even fetch it). */
    default void receiveClipboard(boolean on) {
    }

    /** Whether the server takes {@link #resizeDesktop} (it speaks ExtendedDesktopSize). */
    default boolean desktopResizable() {
        return false;
    }

    /** Asks the server to make the guest's screen w x h (SetDesktopSize); ignored when it cannot. */
    default void resizeDesktop(int width, int height) {
    }

    /** Tries again at once (after a failure, or while waiting to retry). */
    void reconnectNow();

    @Override
    void close();
}
