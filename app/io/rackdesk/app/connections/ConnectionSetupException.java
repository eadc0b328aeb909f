package io.rackdesk.app.connections;

/** A connection was not tried because its files are not usable; the message says why, in the user's language. */
public final class ConnectionSetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConnectionSetupException(String message) {
        super(message);
    }
}
