package io.rackdesk.app.ceph;

/** "Test connection" for a cluster not yet added: connect, read the status once, disconnect. */
public final class CephProbe {
    private CephProbe() {
    }

    /** The cluster's fsid and health; a {@link CephException} with the core's message when it cannot connect. Blocks. */
    public static CephStatus probe(CephTarget target) throws CephException {
        try (CephClient client = CephClient.connect(target)) {
            return CephStatusReader.read(client);
        }
    }
}
