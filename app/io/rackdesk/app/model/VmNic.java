package io.rackdesk.app.model;

/**
 * A network interface: {@code type} network, bridge, direct, user, ...; {@code source} is what that
 * type connects to (the network's name, the host bridge, the host device), or null.
 */
public record VmNic(String type, String source, String mac, String model) {
}
