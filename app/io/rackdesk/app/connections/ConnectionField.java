package io.rackdesk.app.connections;

/** The input fields of the connection form, so that a problem can be shown next to its field. */
public enum ConnectionField {
    USER,
    HOST,
    PORT,
    KEY_FILE,
    TLS_FOLDER,
    CA_CERT,
    CLIENT_CERT,
    CLIENT_KEY,
    TEST_FILE,
    URI
}
