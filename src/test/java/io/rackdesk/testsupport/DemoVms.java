package io.rackdesk.testsupport;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHost;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import io.rackdesk.app.model.VmSummary;
import io.rackdesk.app.settings.ConnectionSettings;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.app.task.TaskExecutor;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.viewmodels.vms.VmItem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The demo host opened directly as a {@link LibvirtHost}, and {@link VmItem}s of its VMs for
 * ViewModels that take one. The items' connection is never opened: it only names the host.
 */
public final class DemoVms {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private DemoVms() {
    }

    /** A connection to a fresh demo host under {@code dir}, open. */
    public static LibvirtHost openHost(Path dir) throws Exception {
        LibvirtHost host = new LibvirtHost(DemoHost.uri(dir), new SerialWorker("demo"), TIMEOUT, LibvirtEventLoop.start());
        host.open().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return host;
    }

    public static VmSummary summary(LibvirtHost host, String name) throws Exception {
        return host.listVms().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).stream()
                .filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no VM " + name + " on " + host.uri()));
    }

    /** The connection "demo" that VmItems belong to; not connected. */
    public static ConnectionViewModel owner(LibvirtHost host, TaskExecutor tasks, Localization l10n) {
        return new ConnectionViewModel(new ConnectionSettings(null, "demo", host.uri(), true, false),
                new LibvirtHostFactory(LibvirtEventLoop.start(), TIMEOUT), tasks, l10n, Duration.ofSeconds(1));
    }

    public static VmItem item(ConnectionViewModel owner, LibvirtHost host, String name) throws Exception {
        return new VmItem(owner, summary(host, name), owner.historyLength());
    }
}
