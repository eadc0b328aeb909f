package io.rackdesk.viewmodels.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.ceph.CephClusterState.Phase;
import io.rackdesk.app.ceph.CephRates;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import io.rackdesk.app.settings.AppDirs;
import io.rackdesk.app.settings.CephClusterSettings;
import io.rackdesk.app.settings.SettingsStore;
import io.rackdesk.app.settings.StartupSettings;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.testsupport.FakeCephClusters;
import io.rackdesk.testsupport.RecordingDialogs;
import io.rackdesk.testsupport.UiQueue;
import io.rackdesk.viewmodels.main.MainViewModel;
import io.rackdesk.viewmodels.main.NavigationTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ceph clusters in the main window's ViewModel: saved, watched, counted in the status bar, removed. */
class CephMainViewModelTest {
    @TempDir
    Path root;
    private final UiQueue ui = new UiQueue();
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private final FakeCephClusters fake = new FakeCephClusters();
    private MainViewModel main;

    @AfterEach
    void shutdown() {
        if (main != null) {
            main.shutdown();
        }
    }

    @Test
    void addedClusterIsSavedWatchedCountedAndRemoved() {
        AppDirs dirs = AppDirs.under(root);
        SettingsStore store = new SettingsStore(dirs.settingsFile());
        main = new MainViewModel(StartupSettings.prepare(store, dirs), store, new SerialWorker("io-test"),
                new LibvirtHostFactory(LibvirtEventLoop.start(), Duration.ofSeconds(10)), new DefaultTaskExecutor(ui), dialogs,
                new Localization(Locale.ENGLISH), fake);
        assertEquals(List.of(), main.cephClusters(), "a first run has no Ceph cluster");
        assertTrue(!main.connectionSummaryProperty().get().contains("Ceph"), main.connectionSummaryProperty().get());

        CephClusterViewModel c = main.addCephCluster(new CephClusterSettings(null, "lab", "/tmp/ceph.conf", null, List.of(), "admin",
                null, 5, true));
        assertTrue(fake.calls.contains("watch " + c.id()));
        ui.pumpUntil(() -> store.load().settings().cephClusters().size() == 1, "saved");
        assertTrue(main.connectionSummaryProperty().get().endsWith("Ceph: 0 of 1 clusters connected"), main.connectionSummaryProperty().get());

        fake.publish(c.id(), Phase.CONNECTED, FakeCephClusters.degraded(), CephRates.UNKNOWN, null, null);
        ui.pumpUntil(() -> main.connectionSummaryProperty().get().endsWith("Ceph: 1 of 1 clusters connected, 1 not healthy"),
                main.connectionSummaryProperty().get());

        main.selectionProperty().set(new NavigationTarget.CephCluster(c));
        main.removeCephCluster(c);
        assertTrue(fake.calls.contains("unwatch " + c.id()));
        assertEquals(List.of(), main.cephClusters());
        assertTrue(main.selectionProperty().get() instanceof NavigationTarget.AllVms, "the removed page is left");
        ui.pumpUntil(() -> store.load().settings().cephClusters().isEmpty(), "forgotten");

        main.shutdown();
        main = null;
        assertTrue(fake.calls.contains("close"));
    }
}
