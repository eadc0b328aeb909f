package io.rackdesk.viewmodels.vmdetails;

import io.rackdesk.viewmodels.vms.VmItem;
import java.util.concurrent.CompletableFuture;

/**
 * Reads and saves a VM's persistent definition (domain XML) on its host. Both return at once; the
 * work runs on the host's worker. A refused save fails with
 * {@link io.rackdesk.app.libvirt.DefinitionRefusedException}.
 */
public interface DomainXmlAccess {
    CompletableFuture<String> load(VmItem vm);

    CompletableFuture<Void> save(VmItem vm, String xml);
}
