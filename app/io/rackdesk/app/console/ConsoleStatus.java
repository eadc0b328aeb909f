package io.rackdesk.app.console;

/**
 * Where a console connection stands. {@code reason} says why it is not connected (null otherwise);
 * {@code retryInSeconds} is the wait before the next attempt while {@link State#DISCONNECTED_RETRYING}.
 */
public record ConsoleStatus(State state, String reason, int retryInSeconds) {

    public enum State {
        CONNECTING,
        /** The server asked for a password or certificate and the client is answering. */
        AUTHENTICATING,
        CONNECTED,
        /** The connection broke; another attempt follows by itself. */
        DISCONNECTED_RETRYING,
        /** Wrong password, untrusted certificate, refused: retrying would not help. */
        FAILED,
        /** Closed by the user or the app. */
        CLOSED
    }

    public static ConsoleStatus of(State s) {
        return new ConsoleStatus(s, null, 0);
    }
}
