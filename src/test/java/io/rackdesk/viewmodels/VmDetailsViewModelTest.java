package io.rackdesk.viewmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import io.rackdesk.app.model.SnapshotInfo;
import io.rackdesk.app.model.SnapshotTree;
import io.rackdesk.app.settings.ConnectionSettings;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.testsupport.DemoHost;
import io.rackdesk.testsupport.RecordingDialogs;
import io.rackdesk.testsupport.UiQueue;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.viewmodels.vmdetails.VmDetailsViewModel;
import io.rackdesk.viewmodels.vms.VmItem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VM details on the demo host: definition, snapshot tree and snapshot actions, no toolkit. */
class VmDetailsViewModelTest {
    @TempDir
    Path root;
    private final UiQueue ui = new UiQueue();
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private final Localization l10n = new Localization(Locale.ENGLISH);
    private ConnectionViewModel conn;
    private VmDetailsViewModel details;

    @BeforeEach
    void open() {
        DefaultTaskExecutor tasks = new DefaultTaskExecutor(ui);
        conn = new ConnectionViewModel(new ConnectionSettings(null, "demo", DemoHost.uri(root), true, false),
                new LibvirtHostFactory(LibvirtEventLoop.start(), Duration.ofSeconds(10)), tasks, l10n, Duration.ofHours(1));
        conn.connect();
        ui.pumpUntil(() -> conn.vms().size() == DemoHost.VM_COUNT, "listed");
        details = new VmDetailsViewModel(l10n, tasks, dialogs);
    }

    @AfterEach
    void close() {
        conn.disconnect();
    }

    private void show(String name) {
        VmItem vm = conn.vms().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
        details.vmProperty().set(vm);
        ui.pumpUntil(() -> details.detailsProperty().get() != null && !details.busyProperty().get(), "details of " + name);
    }

    @Test
    void definitionWithBackingChainsAndNetworkDisk() {
        show("db-01");
        var disks = details.detailsProperty().get().definition().disks();
        var vda = disks.stream().filter(d -> d.target().equals("vda")).findFirst().orElseThrow();
        assertEquals(List.of("/var/lib/libvirt/images/debian-12-golden.qcow2", "/var/lib/libvirt/images/debian-12-base.qcow2"),
                vda.backingChain().stream().map(b -> b.source()).toList());
        var vdb = disks.stream().filter(d -> d.target().equals("vdb")).findFirst().orElseThrow();
        assertEquals("rbd", vdb.protocol());
        assertEquals("vms/db-01-data", vdb.source());
        assertTrue(details.overview().stream().anyMatch(f -> f.label().equals("Starts with the host")));
    }

    @Test
    void snapshotTreeFollowsParentLinksWithTheCurrentOneMarked() {
        show("dev-sandbox");
        assertEquals(1, details.snapshotRoots().size());
        SnapshotTree.Node rootNode = details.snapshotRoots().get(0);
        assertEquals("fresh-install", rootNode.snapshot().name());
        assertEquals(List.of("base-config", "hardened-baseline"), rootNode.children().stream().map(n -> n.snapshot().name()).toList());
        assertEquals(7, rootNode.withDescendants().size());
        assertEquals(List.of("docker-engine"), rootNode.withDescendants().stream().filter(SnapshotInfo::current).map(SnapshotInfo::name).toList());
    }

    @Test
    void createRevertAndDeleteSnapshots() {
        show("dev-sandbox");
        assertFalse(details.createSnapshot("bad/name", "", false));
        assertTrue(details.errorProperty().get().contains("'/'"), details.errorProperty().get());

        assertTrue(details.createSnapshot("before-upgrade", "taken by the test", false));
        ui.pumpUntil(() -> names().contains("before-upgrade") && !details.busyProperty().get(), "created");
        assertNull(details.errorProperty().get());
        SnapshotInfo created = find("before-upgrade");
        assertEquals("docker-engine", created.parent(), "a new snapshot hangs below the current one");
        assertTrue(created.current());

        details.revert(find("apparmor-enforce"));
        assertTrue(dialogs.shown.get(dialogs.shown.size() - 1).contains("is running. Reverting to apparmor-enforce throws away"),
                dialogs.shown.toString());
        ui.pumpUntil(() -> find("apparmor-enforce").current() && !details.busyProperty().get(), "reverted");

        SnapshotTree.Node hardened = details.snapshotRoots().get(0).children().get(1);
        details.delete(hardened, true);
        String confirm = dialogs.shown.get(dialogs.shown.size() - 1);
        assertTrue(confirm.contains("These 3 snapshots are deleted") && confirm.contains("[hardened-baseline, apparmor-enforce, pre-kernel-6.10]"), confirm);
        ui.pumpUntil(() -> !names().contains("hardened-baseline") && !details.busyProperty().get(), "deleted with its children");
        assertFalse(names().contains("pre-kernel-6.10"));
        assertTrue(names().contains("docker-engine"));
    }

    private List<String> names() {
        return details.snapshotRoots().stream().flatMap(n -> n.withDescendants().stream()).map(SnapshotInfo::name).toList();
    }

    private SnapshotInfo find(String name) {
        return details.snapshotRoots().stream().flatMap(n -> n.withDescendants().stream())
                .filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no snapshot " + name));
    }
}
