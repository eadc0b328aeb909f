package io.rackdesk.app.console;

import io.rackdesk.app.ssh.SshTunnels;
import io.rackdesk.app.ssh.Tunnel;
import io.rackdesk.app.vnc.RfbSession;
import io.rackdesk.app.vnc.VncOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Opens a VM's VNC console the way its {@link ConsolePlan} says: a TCP connection to the listen
 * address, or an SSH tunnel (one shared session per SSH host, from the app's {@link SshTunnels}) to
 * the host's loopback. The session that comes back owns the tunnel: closing it closes the tunnel's
 * channel. The console view ({@link VncConsoleConnection#connector(VncConsoleOpener)}) and
 * {@code vnc-screenshot --connect} both use it.
 *
 * <pre>{@code
 * VncConsoleOpener opener = new VncConsoleOpener(tunnels);              // one SshTunnels for the app
 * ConsoleXml.planLive(host, uuid, "web-01")                             // the live XML, on the host's worker
 *       .thenApplyAsync(plan -> opener.open((ConsolePlan.Reachable) plan, options, listener), io)  // blocking: not the FX thread
 * }</pre>
 */
public final class VncConsoleOpener {
    private final SshTunnels tunnels;

    public VncConsoleOpener(SshTunnels tunnels) {
        this.tunnels = Objects.requireNonNull(tunnels);
    }

    private VncConsoleOpener() {
        this.tunnels = null;
    }

    /** An opener without SSH tunnels (tests, tools): a {@link ConsolePlan.ViaSsh} plan fails to open. */
    public static VncConsoleOpener directOnly() {
        return new VncConsoleOpener();
    }

    /**
     * Connects to the console (blocking: call it on a worker) and runs the RFB handshake. The
     * console's password from the XML is used unless {@code options} already has one; the options'
     * connect timeout bounds the TCP connect, the SSH tunnels' own timeout the SSH login and channel,
     * the read timeout every read after that. SSH failures: {@code UnknownHostKeyException} /
     * {@code ChangedHostKeyException} (unchecked), {@link io.rackdesk.app.ssh.SshLoginException}
     * (the key was refused or cannot be used), other {@link IOException}s (the host cannot be reached).
     */
    public RfbSession open(ConsolePlan.Reachable plan, VncOptions options, RfbSession.Listener listener) throws IOException {
        if (!options.hasPassword() && plan.password() != null) {
            options.password(plan.password().getBytes(StandardCharsets.UTF_8));
        }
        if (plan instanceof ConsolePlan.Direct d) {
            return RfbSession.connect(d.target(), options, listener);
        }
        ConsolePlan.ViaSsh ssh = (ConsolePlan.ViaSsh) plan;
        if (tunnels == null) {
            throw new IOException("the console " + ssh.where() + " needs an SSH tunnel, and this opener has none");
        }
        Tunnel tunnel = tunnels.open(ssh.ssh(), ssh.host(), ssh.port());
        try {
            return RfbSession.open(tunnel.input(), tunnel.output(), options, listener);
        } catch (IOException | RuntimeException ex) {
            tunnel.close();
            throw ex;
        }
    }

    /** The tunnels this opener uses, or null for {@link #directOnly()}. */
    public SshTunnels tunnels() {
        return tunnels;
    }
}
