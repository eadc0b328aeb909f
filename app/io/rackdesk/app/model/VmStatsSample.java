package io.rackdesk.app.model;

/**
 * One VM's raw counters from one virConnectGetAllDomainStats call. Counters the host did not report
 * are -1 (inactive VMs report only their state; the test driver only states).
 */
public record VmStatsSample(String uuid, VmState state, long cpuTimeNs, int vcpus, long memoryCurrentKiB,
                            long memoryUsedKiB, long diskReadBytes, long diskWriteBytes, long netRxBytes,
                            long netTxBytes) {
}
