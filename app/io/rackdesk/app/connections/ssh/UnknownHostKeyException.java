package io.rackdesk.app.connections.ssh;

/**
 * The server's host key is not in Rackdesk's known_hosts yet. Nothing was written; the user may
 * compare the fingerprint and accept it, and the next attempt answers libvirt's prompt for exactly
 * this key.
 */
public final class UnknownHostKeyException extends HostKeyException {
    private static final long serialVersionUID = 1L;

    public UnknownHostKeyException(HostKey key) {
        super("unknown SSH host key for " + key.address() + ": "
                + (key.keyType() != null ? key.keyType() + " " : "") + key.fingerprint(), key);
    }
}
