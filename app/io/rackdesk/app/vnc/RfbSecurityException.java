package io.rackdesk.app.vnc;

/**
 * The connection failed during security negotiation: wrong password, no security type both sides
 * support, the server's certificate not trusted, or the server refused with a reason.
 */
public final class RfbSecurityException extends RfbProtocolException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for callers that react differently (e.g. ask for the password again). */
    public enum Kind { AUTHENTICATION_FAILED, UNSUPPORTED, CERTIFICATE, REFUSED, MISSING_CREDENTIALS }

    /**
     * What the client lacks when {@link Kind#MISSING_CREDENTIALS} (or a {@link Kind#CERTIFICATE}
     * problem that a client certificate would solve), so a caller can tell its user where to give it
     * (the core's messages name no command-line option or dialog).
     */
    public enum Credential { PASSWORD, USER_NAME, CA_CERTIFICATE, CLIENT_CERTIFICATE }

    private final Kind kind;
    private final Credential missing;

    public RfbSecurityException(Kind kind, String message) {
        this(kind, null, message, null);
    }

    public RfbSecurityException(Kind kind, String message, Throwable cause) {
        this(kind, null, message, cause);
    }

    public RfbSecurityException(Kind kind, Credential missing, String message) {
        this(kind, missing, message, null);
    }

    public RfbSecurityException(Kind kind, Credential missing, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.missing = missing;
    }

    public Kind kind() {
        return kind;
    }

    /** What would help, or null when nothing the client could give would. */
    public Credential missing() {
        return missing;
    }
}
