package io.rackdesk.viewmodels.vmdetails;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.DomainDefinitions;
import io.rackdesk.app.libvirt.LibvirtHost;
import io.rackdesk.viewmodels.vms.VmItem;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@link DomainXmlAccess} on the {@link LibvirtHost} of each VM's connection. {@code hostOf} gives
 * that host, or null while the connection is not open.
 */
public final class LibvirtDomainXmlAccess implements DomainXmlAccess {
    private final Function<VmItem, LibvirtHost> hostOf;
    private final Localization l10n;

    public LibvirtDomainXmlAccess(Function<VmItem, LibvirtHost> hostOf, Localization l10n) {
        this.hostOf = Objects.requireNonNull(hostOf);
        this.l10n = Objects.requireNonNull(l10n);
    }

    @Override
    public CompletableFuture<String> load(VmItem vm) {
        LibvirtHost host = hostOf.apply(vm);
        return host == null ? notConnected(vm) : new DomainDefinitions(host).read(vm.uuid(), vm.name(), false);
    }

    @Override
    public CompletableFuture<Void> save(VmItem vm, String xml) {
        LibvirtHost host = hostOf.apply(vm);
        return host == null ? notConnected(vm) : new DomainDefinitions(host).define(vm.uuid(), vm.name(), xml);
    }

    private <T> CompletableFuture<T> notConnected(VmItem vm) {
        return CompletableFuture.failedFuture(new IllegalStateException(l10n.lang("xml.notConnected", vm.hostName())));
    }
}
