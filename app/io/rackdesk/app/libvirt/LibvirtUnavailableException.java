package io.rackdesk.app.libvirt;

/** libvirt's client library is not installed; the message says what to install on this OS. */
public final class LibvirtUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public LibvirtUnavailableException(String message) {
        super(message);
    }
}
