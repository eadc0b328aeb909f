package io.rackdesk.viewmodels.main;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rackdesk.app.ceph.rbd.RbdImageRef;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import io.rackdesk.app.settings.ConnectionSettings;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.testsupport.DemoHost;
import io.rackdesk.testsupport.UiQueue;
import io.rackdesk.viewmodels.connections.ConnectionState;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which running VM of an open connection has an RBD image as a disk, read from the demo host's live XML. */
class RunningVmRbdUsageTest {
    @TempDir
    Path dir;

    @Test
    void findsTheRunningVmWithTheImageAndNobodyForOtherImages() throws Exception {
        UiQueue ui = new UiQueue();
        Localization l10n = new Localization(Locale.ENGLISH);
        ConnectionViewModel demo = new ConnectionViewModel(new ConnectionSettings(null, "demo", DemoHost.uri(dir), true, false),
                new LibvirtHostFactory(LibvirtEventLoop.start(), Duration.ofSeconds(10)), new DefaultTaskExecutor(ui), l10n,
                Duration.ofSeconds(60));
        ConnectionViewModel closed = new ConnectionViewModel(new ConnectionSettings(null, "off", DemoHost.uri(dir.resolve("b")), true,
                false), new LibvirtHostFactory(LibvirtEventLoop.start(), Duration.ofSeconds(10)), new DefaultTaskExecutor(ui), l10n,
                Duration.ofSeconds(60));
        try {
            demo.connect();
            ui.pumpUntil(() -> demo.getState() == ConnectionState.CONNECTED && demo.vms().size() == DemoHost.VM_COUNT, "the demo VMs");
            RunningVmRbdUsage usage = new RunningVmRbdUsage(List.of(closed, demo), l10n);
            // db-01 runs with <source protocol='rbd' name='vms/db-01-data'>
            assertEquals(Optional.of("running VM db-01 on host demo"),
                    usage.runningVmUsing(RbdImageRef.parse("vms/db-01-data")).get(20, TimeUnit.SECONDS));
            assertEquals(Optional.empty(), usage.runningVmUsing(RbdImageRef.parse("vms/db-01")).get(20, TimeUnit.SECONDS));
            assertEquals(Optional.empty(), usage.runningVmUsing(RbdImageRef.parse("rbd/db-01-data")).get(20, TimeUnit.SECONDS));
        } finally {
            demo.disconnect();
        }
    }
}
