package io.rackdesk.app.model;

/** What an admin can do to a VM, with the virsh command each one replaces. */
public enum VmAction {
    /** virsh start (also restores a managed save). */
    START,
    /** virsh shutdown: asks the guest (ACPI or agent). */
    SHUTDOWN,
    /** virsh reboot: asks the guest. */
    REBOOT,
    /** virsh reset: hard reset, like the reset button. */
    RESET,
    /** virsh destroy: pulls the plug. */
    FORCE_OFF,
    /** virsh suspend. */
    PAUSE,
    /** virsh resume. */
    RESUME,
    /** virsh managedsave: memory to disk, restored by the next start. */
    SAVE,
    /** virsh autostart. */
    AUTOSTART_ON,
    /** virsh autostart --disable. */
    AUTOSTART_OFF;

    /** Whether the action makes sense for a VM in {@code state}. */
    public boolean appliesTo(VmState state, boolean persistent) {
        return switch (this) {
            case START -> state == VmState.SHUTOFF || state == VmState.CRASHED;
            case SHUTDOWN, REBOOT, RESET -> state == VmState.RUNNING || state == VmState.BLOCKED;
            case FORCE_OFF -> state.isActive() || state == VmState.CRASHED;
            case PAUSE -> state == VmState.RUNNING || state == VmState.BLOCKED;
            case RESUME -> state == VmState.PAUSED;
            case SAVE -> persistent && (state == VmState.RUNNING || state == VmState.PAUSED || state == VmState.BLOCKED);
            case AUTOSTART_ON, AUTOSTART_OFF -> persistent;
        };
    }

    /** Actions that can lose guest data or interrupt work: bulk use needs a confirmation that says so. */
    public boolean isDisruptive() {
        return this == RESET || this == FORCE_OFF || this == SHUTDOWN || this == REBOOT;
    }
}
