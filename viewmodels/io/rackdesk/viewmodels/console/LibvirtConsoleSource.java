package io.rackdesk.viewmodels.console;

import io.rackdesk.app.console.ConsolePlan;
import io.rackdesk.app.console.ConsoleResolver;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.ConsoleXml;
import io.rackdesk.app.libvirt.LibvirtHost;
import io.rackdesk.viewmodels.vms.VmItem;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@link ConsoleSource} from the VM's live domain XML on its host. {@code hostOf} gives that host,
 * or null while the connection is not open.
 */
public final class LibvirtConsoleSource implements ConsoleSource {
    private final Function<VmItem, LibvirtHost> hostOf;
    private final Localization l10n;

    public LibvirtConsoleSource(Function<VmItem, LibvirtHost> hostOf, Localization l10n) {
        this.hostOf = Objects.requireNonNull(hostOf);
        this.l10n = Objects.requireNonNull(l10n);
    }

    @Override
    public CompletableFuture<ConsolePlan> resolve(VmItem vm) {
        LibvirtHost host = hostOf.apply(vm);
        if (host == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(l10n.lang("xml.notConnected", vm.hostName())));
        }
        return ConsoleXml.readLive(host, vm.uuid(), vm.name()).thenApply(g -> ConsoleResolver.plan(g, host.uri()));
    }
}
