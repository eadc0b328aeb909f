package io.rackdesk.app.secrets;

/** A secret store cannot be used or refused a call; the message says why and never holds a secret. */
public final class SecretStoreException extends Exception {
    public SecretStoreException(String message) {
        super(message);
    }

    public SecretStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
