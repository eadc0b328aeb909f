package io.rackdesk.app.model;

/**
 * What a host says about itself once connected: name, driver and versions, CPUs and memory.
 * {@code freeMemoryKiB} is -1 where the driver does not report it.
 */
public record HostSummary(String uri, String hostname, String driver, String hypervisorVersion, String libvirtVersion,
                          String cpuModel, int cpus, int sockets, int cores, int threads, int mhz,
                          long memoryKiB, long freeMemoryKiB) {
}
