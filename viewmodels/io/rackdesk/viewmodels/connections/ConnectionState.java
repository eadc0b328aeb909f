package io.rackdesk.viewmodels.connections;

/** Where a connection stands, as shown in the tree and the status bar. */
public enum ConnectionState {
    DISCONNECTED,
    CONNECTING,
    CONNECTED,
    /** Lost after it had been connected; a reconnect is scheduled. */
    RETRYING,
    FAILED
}
