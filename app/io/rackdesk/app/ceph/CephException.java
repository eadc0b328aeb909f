package io.rackdesk.app.ceph;

/**
 * A Ceph call failed. The message is one sentence for a person ("authentication failed: wrong key
 * for client.admin ..."), never holding a key; {@link #errno()} is librados' negative error code
 * (0 when the failure was found before librados was asked), and {@link #kind()} what went wrong.
 */
public class CephException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for code that reacts (reconnect with backoff, ask for another key, ...). */
    public enum Kind {
        /** librados (librados2) is not installed. */
        UNAVAILABLE,
        /** No monitor answered within the timeout, or a command timed out. */
        TIMEOUT,
        /** The monitor refused the client's name or key. */
        AUTHENTICATION,
        /** A file we were given (ceph.conf, keyring, key file) does not exist or cannot be read. */
        FILE,
        /** A malformed key or monitor address, or a setting librados refused. */
        INVALID,
        /** The cluster answered a command with an error. */
        COMMAND,
        /** The cluster's answer could not be understood. */
        PROTOCOL,
        /** Anything else (the error code is in the message). */
        OTHER
    }

    private final Kind kind;
    private final int errno;

    public CephException(Kind kind, int errno, String message) {
        super(message);
        this.kind = kind;
        this.errno = errno;
    }

    public CephException(Kind kind, int errno, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.errno = errno;
    }

    public Kind kind() {
        return kind;
    }

    /** librados' return code (negative errno), or 0. */
    public int errno() {
        return errno;
    }
}
