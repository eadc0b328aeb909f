package io.rackdesk.app.libvirt;

import io.rackdesk.app.ssh.SshTunnels;
import io.rackdesk.app.ssh.Tunnel;
import io.rackdesk.app.vnc.RfbSession;
import io.rackdesk.app.vnc.VncOptions;
import io.rackdesk.app.vnc.VncTarget;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Opens a VM's VNC console the way its {@link VncConsoles.Plan} says: a TCP connection to the
 * listen address, or an SSH tunnel (one shared session per SSH host, from the app's
 * {@link SshTunnels}) to the host's loopback. The session that comes back owns the tunnel: closing
 * it closes the tunnel's channel.
 *
 * <pre>{@code
 * VncConsoleOpener opener = new VncConsoleOpener(tunnels);           // one SshTunnels for the app
 * opener.plan(host, "web-01")                                        // the live XML, on the host's worker
 *       .thenApplyAsync(plan -> opener.open(plan, options, listener), ioExecutor)  // blocking: not the FX thread
 * }</pre>
 */
public final class VncConsoleOpener {
    private final SshTunnels tunnels;

    public VncConsoleOpener(SshTunnels tunnels) {
        this.tunnels = Objects.requireNonNull(tunnels);
    }

    /**
     * How to reach {@code domain}'s console on {@code host}, from its live XML; fails with
     * {@link VncConsoles.UnreachableException} (as the cause) when it cannot be reached.
     */
    public CompletableFuture<VncConsoles.Plan> plan(LibvirtHost host, String domain) {
        return new VncConsoles(host).liveXml(domain).thenApply(xml -> {
            try {
                return VncConsoles.plan(host.uri(), xml, domain);
            } catch (VncConsoles.UnreachableException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    /**
     * Connects to the console (blocking: call it on a worker) and runs the RFB handshake. The
     * console's password from the XML is used unless {@code options} already has one; the options'
     * connect timeout bounds the TCP connect, the SSH tunnels' own timeout the SSH login and channel,
     * the read timeout every read after that.
     */
    public RfbSession open(VncConsoles.Plan plan, VncOptions options, RfbSession.Listener listener) throws IOException {
        VncConsoles.Endpoint e = plan.endpoint();
        if (!options.hasPassword() && e.password() != null) {
            options.password(e.password());
        }
        if (!plan.viaSsh()) {
            return RfbSession.connect(new VncTarget(VncTarget.Scheme.TCP, e.host(), e.port(), null), options, listener);
        }
        Tunnel tunnel = tunnels.open(plan.tunnel(), e.host(), e.port());
        try {
            return RfbSession.open(tunnel.input(), tunnel.output(), options, listener);
        } catch (IOException | RuntimeException ex) {
            tunnel.close();
            throw ex;
        }
    }

    public SshTunnels tunnels() {
        return tunnels;
    }
}
