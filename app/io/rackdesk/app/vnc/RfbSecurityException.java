package io.rackdesk.app.vnc;

/**
 * The connection failed during security negotiation: wrong password, no security type both sides
 * support, the server's certificate not trusted, or the server refused with a reason.
 */
public final class RfbSecurityException extends RfbProtocolException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for callers that react differently (e.g. ask for the password again). */
    public enum Kind { AUTHENTICATION_FAILED, UNSUPPORTED, CERTIFICATE, REFUSED, MISSING_CREDENTIALS }

    private final Kind kind;

    public RfbSecurityException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public RfbSecurityException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
