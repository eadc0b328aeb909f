package io.rackdesk.views.main;

import io.rackdesk.viewmodels.ceph.CephClusterViewModel;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.viewmodels.main.NavigationTarget;

/** A node of the navigation tree: what it shows and for which connection or Ceph cluster. */
record NavNode(Kind kind, ConnectionViewModel connection, CephClusterViewModel ceph) {
    enum Kind { ALL_VMS, HOST, VMS, STORAGE, NETWORKS, CEPH }

    NavNode(Kind kind, ConnectionViewModel connection) {
        this(kind, connection, null);
    }

    NavNode(CephClusterViewModel ceph) {
        this(Kind.CEPH, null, ceph);
    }

    NavigationTarget target() {
        return switch (kind) {
            case ALL_VMS -> new NavigationTarget.AllVms();
            case HOST -> new NavigationTarget.Host(connection);
            case VMS -> new NavigationTarget.HostVms(connection);
            case STORAGE -> new NavigationTarget.HostStorage(connection);
            case NETWORKS -> new NavigationTarget.HostNetworks(connection);
            case CEPH -> new NavigationTarget.CephCluster(ceph);
        };
    }
}
