package io.rackdesk.app.model;

/** A VM's state, numbered as libvirt's virDomainState. */
public enum VmState {
    NOSTATE(0, "nostate"),
    RUNNING(1, "running"),
    BLOCKED(2, "blocked"),
    PAUSED(3, "paused"),
    SHUTDOWN(4, "shutdown"),
    SHUTOFF(5, "shutoff"),
    CRASHED(6, "crashed"),
    PMSUSPENDED(7, "pmsuspended");

    private final int code;
    private final String id;

    VmState(int code, String id) {
        this.code = code;
        this.id = id;
    }

    /** libvirt's number for the state. */
    public int code() {
        return code;
    }

    /** Stable lower-case name, as used in JSON output and by virsh. */
    public String id() {
        return id;
    }

    /** True when the VM has a running QEMU process (running, blocked, paused, shutting down, suspended). */
    public boolean isActive() {
        return this != SHUTOFF && this != CRASHED && this != NOSTATE;
    }

    /** values() copies its array on every call; the stats tick asks once per VM. */
    private static final VmState[] ALL = values();

    public static VmState fromCode(int code) {
        for (VmState s : ALL) {
            if (s.code == code) {
                return s;
            }
        }
        return NOSTATE;
    }
}
