package io.rackdesk.app.console;

import io.rackdesk.app.ssh.SshTarget;
import io.rackdesk.app.vnc.VncTarget;
import java.util.Objects;

/**
 * How to reach a VM's VNC console, as {@link ConsoleResolver} decides from the live XML and the
 * connection URI: straight to an address ({@link Direct}), through an SSH tunnel to the host's
 * loopback ({@link ViaSsh}), or not at all ({@link Impossible}, with a kind the UI localizes and an
 * English message for the command line and logs). {@link VncConsoleOpener} opens the reachable ones.
 */
public sealed interface ConsolePlan {

    /** A plan that {@link VncConsoleOpener#open} can connect. */
    sealed interface Reachable extends ConsolePlan {
        /** The VNC password from the secure XML, or null when the VM sets none (or the XML was read without secrets). */
        String password();

        /** Where the console is, for status lines: "kvm-01:5900", "127.0.0.1:5900 via SSH root@kvm-01:22". */
        String where();
    }

    /**
     * Connect straight to {@code target} (TCP). {@code websocket} is the VM's WebSocket port, or
     * null when it has none.
     */
    record Direct(VncTarget target, String password, Integer websocket) implements Reachable {
        public Direct {
            Objects.requireNonNull(target);
        }

        public Direct(VncTarget target, String password) {
            this(target, password, null);
        }

        @Override
        public String where() {
            return target.toString();
        }

        @Override
        public String toString() {
            return "Direct[" + target + (password == null ? "" : ", password set") + "]";
        }
    }

    /**
     * Log in to {@code ssh} (the libvirt URI's SSH host, user, port, keyfile=, known_hosts=) and open
     * a direct-tcpip channel from there to {@code host}:{@code port} (the console's loopback
     * address as that host sees it).
     */
    record ViaSsh(SshTarget ssh, String host, int port, String password) implements Reachable {
        public ViaSsh {
            Objects.requireNonNull(ssh);
            Objects.requireNonNull(host);
        }

        @Override
        public String where() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port) + " via SSH " + ssh;
        }

        @Override
        public String toString() {
            return "ViaSsh[" + where() + (password == null ? "" : ", password set") + "]";
        }
    }

    /**
     * No console can be opened. {@code detail} fills the localized explanation's placeholder (may be
     * empty); {@code message} says the same in English for the command line and logs.
     */
    record Impossible(Problem problem, String detail, String message) implements ConsolePlan {
        public Impossible {
            Objects.requireNonNull(problem);
            detail = detail == null ? "" : detail;
            message = message == null || message.isBlank() ? problem.name() : message;
        }

        public Impossible(Problem problem, String detail) {
            this(problem, detail, null);
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
        /** VNC on the host's loopback behind an SSH connection whose URI does not make a usable SSH login. */
        SSH_TARGET_INVALID,
        /** VNC on the host's loopback behind a remote connection that is not SSH: unreachable from here. */
        LOOPBACK_UNREACHABLE,
        /** The connection URI has no usable host name. */
        BAD_URI
    }
}
