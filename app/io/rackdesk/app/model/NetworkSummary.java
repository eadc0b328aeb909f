package io.rackdesk.app.model;

/** A virtual network: forward mode (nat, route, bridge, or isolated) and its IPv4 range. */
public record NetworkSummary(String name, String uuid, boolean active, boolean autostart, boolean persistent,
                             String bridge, String forwardMode, String ipAddress, String netmask,
                             String dhcpStart, String dhcpEnd) {

    /** The address in CIDR form ("192.168.122.1/24"), or null when the network has no IPv4 address. */
    public String cidr() {
        if (ipAddress == null) {
            return null;
        }
        if (netmask == null) {
            return ipAddress;
        }
        if (netmask.startsWith("/")) {
            return ipAddress + netmask;
        }
        String[] octets = netmask.split("\\.");
        if (octets.length != 4) {
            return ipAddress + " / " + netmask;
        }
        long bits = 0;
        for (String o : octets) {
            try {
                bits = bits << 8 | (Integer.parseInt(o) & 0xff);
            } catch (NumberFormatException e) {
                return ipAddress + " / " + netmask;
            }
        }
        return ipAddress + "/" + Long.bitCount(bits);
    }
}
