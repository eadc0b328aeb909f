package io.rackdesk.app.ceph;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads a {@link CephStatus} with three summary commands: status, osd pool ls detail and df. */
public final class CephStatusReader {
    private CephStatusReader() {
    }

    public static CephStatus read(CephClient client) throws CephException {
        JsonNode status = client.monCommand(CephClient.command("status"));
        JsonNode pools = client.monCommand(CephClient.command("osd pool ls").put("detail", "detail"));
        JsonNode df = client.monCommand(CephClient.command("df"));
        return CephStatusParser.parse(status, pools, df);
    }
}
