package io.rackdesk.app.connections.ssh;

/** A connection stopped at the SSH host key check; the user has to decide or act. */
public abstract class HostKeyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient HostKey hostKey;

    protected HostKeyException(String message, HostKey hostKey) {
        super(message);
        this.hostKey = hostKey;
    }

    /** The key the server presented. */
    public HostKey hostKey() {
        return hostKey;
    }

    public String host() {
        return hostKey.host();
    }

    public int port() {
        return hostKey.port();
    }

    /** The key type (e.g. ssh-ed25519), or null when it could not be learned. */
    public String keyType() {
        return hostKey.keyType();
    }

    /** SHA256:base64, as ssh-keygen -lf prints it. */
    public String fingerprint() {
        return hostKey.fingerprint();
    }
}
