package io.rackdesk.app.ssh;

import java.io.IOException;

/**
 * The SSH server was reached but the login cannot succeed as things are: the key was refused, or
 * the key files are missing, unreadable or of a kind not supported. Trying again without a change
 * repeats it, so a console does not retry it by itself (unlike an unreachable host).
 */
public final class SshLoginException extends IOException {
    private static final long serialVersionUID = 1L;

    public SshLoginException(String message) {
        super(message);
    }

    public SshLoginException(String message, Throwable cause) {
        super(message, cause);
    }
}
