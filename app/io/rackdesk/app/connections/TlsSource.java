package io.rackdesk.app.connections;

/** Where the TLS files come from: one folder in libvirt's layout, or three files chosen one by one. */
public enum TlsSource {
    FOLDER,
    FILES
}
