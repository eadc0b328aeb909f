package io.rackdesk.app.connections;

import io.rackdesk.app.connections.ssh.HostKeyAuth;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import java.time.Duration;

/** The host factory the app uses: host-key checks for libssh and readable connection errors. */
public final class ConnectionHosts {
    private ConnectionHosts() {
    }

    /**
     * Saved libssh connections check host keys against Rackdesk's own known_hosts: an unknown key is
     * declined (it is accepted in the connection dialog), a changed one refused. Failures read as
     * {@link ConnectionDiagnostics} words them.
     */
    public static LibvirtHostFactory factory(LibvirtEventLoop loop, Duration timeout, ConnectionFiles files, Localization l10n) {
        ConnectionDiagnostics diagnostics = new ConnectionDiagnostics(new ConnectionUris(files), l10n);
        return new LibvirtHostFactory(loop, timeout,
                uri -> uri.contains("+libssh") ? new HostKeyAuth(null) : null,
                diagnostics::describe);
    }
}
