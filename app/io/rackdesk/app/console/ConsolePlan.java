package io.rackdesk.app.console;

import io.rackdesk.app.vnc.VncTarget;
import java.util.Objects;

/** How to reach a VM's console: a direct connection, or why there is none (to show instead of a screen). */
public sealed interface ConsolePlan {

    /** Connect straight to {@code target} (TCP); {@code password} is null when the VM sets none. */
    record Direct(VncTarget target, String password) implements ConsolePlan {
        public Direct {
            Objects.requireNonNull(target);
        }

        @Override
        public String toString() {
            return "Direct[" + target + (password == null ? "" : ", password set") + "]";
        }
    }

    /** No console can be opened; {@code detail} fills the explanation's placeholder (may be empty). */
    record Impossible(Problem problem, String detail) implements ConsolePlan {
        public Impossible {
            Objects.requireNonNull(problem);
            detail = detail == null ? "" : detail;
        }
    }

    /** Why there is no console. Each has an explanation in the UI bundles ({@code console.problem.*}). */
    enum Problem {
        /** The VM has no graphics device. */
        NO_GRAPHICS,
        /** Only SPICE (or another protocol): Rackdesk speaks VNC. */
        NOT_VNC,
        /** No port yet (-1): the VM is not running. */
        NOT_RUNNING,
        /** VNC on a UNIX socket on the host. */
        UNIX_SOCKET,
        /** {@code <listen type='none'/>}: QEMU accepts no network clients. */
        NO_LISTENER,
        /** VNC on the host's loopback behind a qemu+ssh connection: an SSH tunnel is needed (not built yet). */
        NEEDS_SSH_TUNNEL,
        /** VNC on the host's loopback behind a remote connection that is not SSH: unreachable from here. */
        LOOPBACK_UNREACHABLE,
        /** The connection URI has no usable host name. */
        BAD_URI
    }
}
