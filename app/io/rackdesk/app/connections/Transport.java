package io.rackdesk.app.connections;

/** How Rackdesk reaches a libvirt daemon; each has its own form in the connection dialog. */
public enum Transport {
    /** qemu+libssh: libvirt's in-process SSH client with a private key and Rackdesk's own known_hosts. */
    SSH,
    /** qemu+tls: mutual TLS with a CA certificate and a client certificate + key. */
    TLS,
    /** qemu+tcp: unencrypted and usually unauthenticated; for labs. */
    TCP,
    /** qemu:///system on this computer. */
    LOCAL_SYSTEM,
    /** qemu:///session on this computer (the user's own VMs). */
    LOCAL_SESSION,
    /** libvirt's built-in mock driver: test:///default or a fixture file. */
    TEST,
    /** Any libvirt URI, used exactly as typed. */
    CUSTOM;

    /** Transports that name a remote host and port. */
    public boolean isRemote() {
        return this == SSH || this == TLS || this == TCP;
    }

    /** libvirt's port when the URI names none; 0 when the transport has no port. */
    public int defaultPort() {
        return switch (this) {
            case SSH -> 22;
            case TLS -> 16514;
            case TCP -> 16509;
            default -> 0;
        };
    }
}
