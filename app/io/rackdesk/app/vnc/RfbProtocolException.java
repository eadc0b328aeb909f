package io.rackdesk.app.vnc;

import java.io.IOException;

/**
 * The VNC server sent something this client cannot accept: a malformed or oversized message, an
 * unsupported version, a rectangle outside the framebuffer, corrupt compressed data. The connection
 * that produced it is finished; the message says what was wrong in words a user can act on.
 */
public class RfbProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public RfbProtocolException(String message) {
        super(message);
    }

    public RfbProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
