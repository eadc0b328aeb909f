package io.rackdesk.app.model;

/** A virtual network: forward mode (nat, route, bridge, or isolated) and its IPv4 range. */
public record NetworkSummary(String name, String uuid, boolean active, boolean autostart, boolean persistent,
                             String bridge, String forwardMode, String ipAddress, String netmask,
                             String dhcpStart, String dhcpEnd) {
}
