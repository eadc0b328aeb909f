package io.rackdesk.app.cli;

import io.rackdesk.app.ceph.CephClient;
import io.rackdesk.app.ceph.CephException;
import io.rackdesk.app.ceph.rbd.RbdClientAccess;
import io.rackdesk.app.ceph.rbd.RbdImageRef;
import io.rackdesk.app.ceph.rbd.RbdVmDisk;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtErrors;
import io.rackdesk.app.libvirt.LibvirtHost;
import io.rackdesk.app.libvirt.RbdDisks;
import io.rackdesk.app.task.SerialWorker;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rackdesk rbd-attach}: an RBD image as a disk of a libvirt VM, in one step. */
@Command(name = "rbd-attach",
        mixinStandardHelpOptions = true,
        description = {
            "Attaches a Ceph RBD image to a libvirt VM: creates or reuses the cephx client (--client, with caps "
                + "mon 'profile rbd' osd 'profile rbd pool=POOL'), defines the libvirt ceph secret on the host and sets "
                + "its value, attaches a raw rbd network disk on the first free virtio target (live and in the config "
                + "when the VM runs; in the config only if the live attach fails or --config-only), and checks the VM's "
                + "XML for it.",
            "The key goes from the cluster to libvirt in memory; it is never printed or written."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the disk is in the VM's XML (stdout says where)",
            "1:something failed (one line on stderr says why)",
            "2:invalid arguments"})
public final class RbdAttachCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    CephStatusCommand.Target target;

    @Option(names = "--pool", required = true, paramLabel = "POOL", description = "The image's pool.")
    String pool;

    @Option(names = "--image", required = true, paramLabel = "IMAGE", description = "The RBD image.")
    String image;

    @Option(names = "--connect", required = true, paramLabel = "URI", converter = InventoryCommand.LibvirtUri.class,
            description = "The VM's libvirt host, e.g. qemu+ssh://root@kvm-01/system.")
    String uri;

    @Option(names = "--domain", required = true, paramLabel = "NAME", description = "The VM's name.")
    String domain;

    @Option(names = "--client", paramLabel = "ID", defaultValue = RbdClientAccess.DEFAULT_CLIENT,
            description = "The cephx client the hypervisor uses, without 'client.' (default: ${DEFAULT-VALUE}).")
    String client;

    @Option(names = "--config-only", description = "Change only the VM's persistent config (takes effect at its next start).")
    boolean configOnly;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "" + CephStatusCommand.DEFAULT_TIMEOUT_SECONDS,
            converter = InventoryCommand.PositiveSeconds.class,
            description = "Give up on each Ceph operation and each libvirt call after SECONDS (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        CliLogging.quietForScripts();
        LibvirtHost host = null;
        try {
            RbdImageRef ref = new RbdImageRef(pool, image);
            RbdClientAccess access;
            try (CephClient ceph = CephClient.connect(CephStatusCommand.target(target, timeout))) {
                access = RbdClientAccess.prepare(ceph, ref, client);
            }
            host = new LibvirtHost(uri, new SerialWorker("rbd-attach"), timeout, LibvirtEventLoop.startOrExplain());
            host.open().get(timeout.toSeconds() + 5, TimeUnit.SECONDS);
            RbdDisks.Attached a = RbdVmDisk.attach(access, host, domain,
                    configOnly ? RbdDisks.Mode.CONFIG_ONLY : RbdDisks.Mode.AUTO).get(3 * timeout.toSeconds() + 5, TimeUnit.SECONDS);
            String where = a.live() && a.config() ? "the running VM and its config" : a.live() ? "the running VM"
                    : "its config (takes effect at the next start)";
            if (a.alreadyThere()) {
                out.println(ref + " is already attached to " + domain + " as " + a.disk().targetDev() + " (" + where + ")");
            } else {
                out.println("attached " + ref + " to " + domain + " as " + a.disk().targetDev() + " in " + where
                        + (a.liveError() != null ? "; the live attach failed: " + a.liveError() : ""));
            }
            out.flush();
            return 0;
        } catch (CephException | IllegalArgumentException | IllegalStateException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
        } catch (ExecutionException e) {
            err.println(spec.qualifiedName() + ": " + LibvirtErrors.describe(e.getCause()));
        } catch (TimeoutException e) {
            err.println(spec.qualifiedName() + ": " + uri + " did not answer in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(spec.qualifiedName() + ": interrupted");
        } finally {
            if (host != null) {
                try {
                    host.disconnect().get(timeout.toSeconds() + 5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // the answer is already printed
                }
            }
        }
        err.flush();
        return 1;
    }
}
