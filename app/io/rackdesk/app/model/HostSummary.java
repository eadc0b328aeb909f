package io.rackdesk.app.model;

/** What a host says about itself once connected. */
public record HostSummary(String uri, String hostname, String driver, String libvirtVersion,
                          String cpuModel, int cpus, long memoryKiB) {
}
