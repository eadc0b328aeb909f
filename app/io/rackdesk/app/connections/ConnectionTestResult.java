package io.rackdesk.app.connections;

import io.rackdesk.app.model.HostSummary;

/** A successful test: the URI that was opened, what the host said about itself, and how many VMs it has. */
public record ConnectionTestResult(String uri, HostSummary host, int vmCount) {
}
