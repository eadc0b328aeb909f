package io.rackdesk.app.console;

import io.rackdesk.app.connections.ssh.HostKeyException;

/**
 * Where a console connection stands. {@code reason} says why it is not connected (null otherwise);
 * {@code retryInSeconds} is the wait before the next attempt while {@link State#DISCONNECTED_RETRYING};
 * {@code hostKeyProblem} is set when the SSH tunnel stopped at the host key check (an unknown key the
 * user may trust, or a changed one that is only explained).
 */
public record ConsoleStatus(State state, String reason, int retryInSeconds, HostKeyException hostKeyProblem) {

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

    public ConsoleStatus(State state, String reason, int retryInSeconds) {
        this(state, reason, retryInSeconds, null);
    }

    public static ConsoleStatus of(State s) {
        return new ConsoleStatus(s, null, 0);
    }
}
