package io.rackdesk.viewmodels.main;

import io.rackdesk.viewmodels.connections.ConnectionViewModel;

/** What the content area shows, chosen in the navigation tree. */
public sealed interface NavigationTarget {

    /** Every VM of every connected host. */
    record AllVms() implements NavigationTarget {
    }

    /** The host's own page: versions, CPUs, memory, VMs by state. */
    record Host(ConnectionViewModel connection) implements NavigationTarget {
    }

    record HostVms(ConnectionViewModel connection) implements NavigationTarget {
    }

    record HostStorage(ConnectionViewModel connection) implements NavigationTarget {
    }

    record HostNetworks(ConnectionViewModel connection) implements NavigationTarget {
    }

    /** A Ceph cluster's page: health, placement groups, OSDs, pools. */
    record CephCluster(io.rackdesk.viewmodels.ceph.CephClusterViewModel cluster) implements NavigationTarget {
    }
}
