package io.rackdesk.viewmodels.vms;

import io.rackdesk.app.model.VmSummary;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;

/** A row of the VM table: one VM and the connection it lives on. */
public record VmRow(ConnectionViewModel connection, VmSummary vm) {
    public String hostName() {
        return connection.name();
    }

    /** Memory in MiB, as the table shows it. */
    public long memoryMiB() {
        return vm.memoryKiB() / 1024;
    }
}
