package io.rackdesk.app.model;

/**
 * A graphical console (VNC, SPICE). {@code port} and {@code websocket} are as declared (-1 means
 * "choose one when the VM starts"; null when absent). Only whether a password is set is kept: the
 * password itself never leaves the XML.
 */
public record VmGraphics(String type, Integer port, boolean autoport, String listen, Integer websocket,
                         boolean passwordSet) {
}
