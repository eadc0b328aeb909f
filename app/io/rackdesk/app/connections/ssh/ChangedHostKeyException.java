package io.rackdesk.app.connections.ssh;

import java.nio.file.Path;
import java.util.List;

/**
 * The server presented another key than the one stored in known_hosts: a man-in-the-middle, or a
 * reinstalled host. Never accepted automatically; the user has to remove the old entry by hand.
 */
public final class ChangedHostKeyException extends HostKeyException {
    private static final long serialVersionUID = 1L;
    private final transient Path knownHostsFile;
    private final List<Integer> lines;

    public ChangedHostKeyException(HostKey presented, Path knownHostsFile, List<Integer> lines) {
        super("the SSH host key of " + presented.address() + " differs from the one stored in " + knownHostsFile
                + (lines.isEmpty() ? "" : " line " + lines) + "; the server now presents "
                + (presented.displayType() != null ? presented.displayType() + " key " : "") + presented.fingerprint(), presented);
        this.knownHostsFile = knownHostsFile;
        this.lines = List.copyOf(lines);
    }

    public Path knownHostsFile() {
        return knownHostsFile;
    }

    /** 1-based line numbers of the stored entries for this host; empty when none could be matched. */
    public List<Integer> lines() {
        return lines;
    }
}
