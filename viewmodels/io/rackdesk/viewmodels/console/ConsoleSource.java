package io.rackdesk.viewmodels.console;

import io.rackdesk.app.console.ConsolePlan;
import io.rackdesk.viewmodels.vms.VmItem;
import java.util.concurrent.CompletableFuture;

/** Finds out how to reach a VM's console; returns at once, the work runs on the host's worker. */
@FunctionalInterface
public interface ConsoleSource {
    CompletableFuture<ConsolePlan> resolve(VmItem vm);
}
