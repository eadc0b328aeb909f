package io.rackdesk.viewmodels.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.rackdesk.viewmodels.connections.ConnectionState;
import io.rackdesk.viewmodels.main.MainViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Monitors + client + key: the key goes to the keyring (or memory for the session when there is none,
 * and the dialog says so), never into settings.json; editing a saved cluster (prefilled, the stored
 * key kept or replaced, its worker reconnected); removing one removes its key.
 */
class CephClusterKeyAndEditTest {
    private static final String KEY = "AQBOYF1pAAAAABAAx3rsJp0C3cDi3ao5HCrY3w==";
    private static final String OTHER_KEY = "AQCGYF1pAAAAABAAtlGLD0wVxv0VkRKFm0Bm1Q==";
    @TempDir
    Path root;
    private final UiQueue ui = new UiQueue();
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private final FakeCephClusters fake = new FakeCephClusters();
    private final Localization l10n = new Localization(Locale.ENGLISH);
    private MainViewModel main;
    private SettingsStore store;

    @AfterEach
    void shutdown() {
        if (main != null) {
            ui.drain(Duration.ofMillis(300)); // the last settings write lands before the folder goes
            main.shutdown();
        }
    }

    private MainViewModel main() {
        AppDirs dirs = AppDirs.under(root);
        store = new SettingsStore(dirs.settingsFile());
        main = new MainViewModel(StartupSettings.prepare(store, dirs), store, new SerialWorker("io-test"),
                new LibvirtHostFactory(LibvirtEventLoop.start(), Duration.ofSeconds(10)), new DefaultTaskExecutor(ui), dialogs, l10n, fake);
        return main;
    }

    private CephClusterDialogViewModel byMonitorsWithKey(CephClusterDialogViewModel d, String name, String key) {
        d.nameProperty().set(name);
        d.useConfProperty().set(false);
        d.monitorsProperty().set("127.0.0.1:6789");
        d.clientIdProperty().set("rackdesk");
        d.keyInKeyringProperty().set(true);
        d.keyProperty().set(key);
        return d;
    }

    private CephClusterSettings save(CephClusterDialogViewModel d) {
        CephClusterSettings[] saved = {null};
        d.save(s -> saved[0] = s);
        ui.pumpUntil(() -> saved[0] != null || d.messageIsErrorProperty().get(), "saved or refused");
        if (saved[0] == null) {
            throw new AssertionError("refused: " + d.messageProperty().get());
        }
        return saved[0];
    }

    @Test
    void aTypedKeyGoesToTheKeyringAndNeverIntoSettings() throws Exception {
        main();
        CephClusterDialogViewModel d = byMonitorsWithKey(main.newCephClusterDialog(), "prod", KEY);
        ui.pumpUntil(() -> !d.keyPlacementProperty().get().isEmpty(), "where the key will go");
        assertEquals("The key is kept in the OS keyring (Secret Service), never in Rackdesk's settings.", d.keyPlacementProperty().get());
        CephClusterSettings s = save(d);
        assertTrue(s.keyStored());
        assertEquals(null, s.keyFile());
        assertEquals("", d.keyProperty().get(), "the form lets go of the key");
        assertEquals(Optional.of(KEY), fake.keyring.get(s.keyAccount()), "in the OS keyring");

        CephClusterViewModel c = main.addCephCluster(s);
        ui.pumpUntil(() -> fake.calls.contains("watch " + c.id()), "watched (the key was found)");
        ui.pumpUntil(() -> store.load().settings().cephClusters().size() == 1, "saved");
        String json = Files.readString(store.file());
        assertFalse(json.contains(KEY), "no key in settings.json: " + json);
        assertTrue(json.contains("\"keyStored\" : true") || json.contains("\"keyStored\":true"), json);
        assertEquals(s, store.load().settings().cephClusters().get(0), "read back the same");
    }

    @Test
    void withoutAKeyringTheDialogSaysSoAndTheNextSessionAsksAgain() throws Exception {
        fake.noKeyring = "no OS keyring: Cannot resolve session bus address";
        main();
        CephClusterDialogViewModel d = byMonitorsWithKey(main.newCephClusterDialog(), "prod", KEY);
        ui.pumpUntil(() -> !d.keyPlacementProperty().get().isEmpty(), "where the key will go");
        assertEquals("No OS keyring can be used here (no OS keyring: Cannot resolve session bus address). The key is kept in memory "
                + "for this session only and asked for again next time; or choose a key file that only you can read (chmod 600).",
                d.keyPlacementProperty().get());
        CephClusterSettings s = save(d);
        assertEquals(Optional.of(KEY), fake.vault.get(s.keyAccount()), "kept for this session");
        assertFalse(Files.exists(store.file()) && Files.readString(store.file()).contains(KEY));

        // the next session: the memory is gone; connecting asks for the key; a cancel fails with what to do
        fake.vault.delete(s.keyAccount());
        CephClusterViewModel c = new CephClusterViewModel(s, fake, new DefaultTaskExecutor(ui), l10n, dialogs);
        c.connect();
        ui.pumpUntil(() -> c.getState() == ConnectionState.FAILED, "no key, none typed");
        assertEquals("No key for client.rackdesk: enter it with Edit cluster…, or use a key file.", c.errorProperty().get());
        assertTrue(dialogs.shown.contains("askSecret: Key for prod: The key of client.rackdesk for prod is not stored (there is no OS "
                + "keyring here, so it was kept for one session only). Enter it for this session:"), dialogs.shown.toString());
        assertFalse(fake.calls.contains("watch " + c.id()));

        dialogs.secretAnswers.add(Optional.of(KEY));
        c.connect();
        ui.pumpUntil(() -> fake.calls.contains("watch " + c.id()), "watched with the key typed");
        assertEquals(Optional.of(KEY), fake.vault.get(s.keyAccount()));
        assertFalse(dialogs.shown.stream().anyMatch(x -> x.contains(KEY)), "the key is never recorded");
    }

    @Test
    void keyModeNeedsAKeyAndAKeyFileMustBePrivate() throws Exception {
        main();
        CephClusterDialogViewModel d = byMonitorsWithKey(main.newCephClusterDialog(), "prod", "");
        assertTrue(d.form().isEmpty());
        assertEquals("Paste the key (ceph auth print-key client.NAME).", d.messageProperty().get());
        // the core's check (which the dialog runs before saving) refuses a malformed typed key by itself
        io.rackdesk.app.ceph.CephException bad = org.junit.jupiter.api.Assertions.assertThrows(io.rackdesk.app.ceph.CephException.class,
                () -> io.rackdesk.app.ceph.CephClient.precheck(io.rackdesk.app.ceph.CephTarget.fromMonitors(List.of("127.0.0.1:6789"),
                        "rackdesk", io.rackdesk.app.ceph.CephTarget.StoredKey.of("not a key"), Duration.ofSeconds(3))));
        assertEquals("malformed key for client.rackdesk: not a base64 cephx key as 'ceph auth print-key' prints it", bad.getMessage());
        assertFalse(String.valueOf(io.rackdesk.app.ceph.CephTarget.StoredKey.of(KEY)).contains(KEY), "a key's toString hides it");

        Path keyFile = Files.writeString(root.resolve("k"), KEY);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        io.rackdesk.app.ceph.CephException e = org.junit.jupiter.api.Assertions.assertThrows(io.rackdesk.app.ceph.CephException.class,
                () -> io.rackdesk.app.ceph.KeyFiles.requirePrivate(keyFile));
        assertEquals("key file " + keyFile + " can be read by other users (rw-r--r--): make it private with chmod 600 " + keyFile,
                e.getMessage());
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        io.rackdesk.app.ceph.KeyFiles.requirePrivate(keyFile);
    }

    @Test
    void editPrefillsKeepsTheStoredKeyOrReplacesItAndReconnects() throws Exception {
        main();
        CephClusterSettings s = save(byMonitorsWithKey(main.newCephClusterDialog(), "prod", KEY));
        CephClusterViewModel c = main.addCephCluster(s);
        ui.pumpUntil(() -> fake.calls.contains("watch " + c.id()), "watched");
        main.addCephCluster(new CephClusterSettings(null, "other", "/etc/ceph/ceph.conf", null, List.of(), "admin", null, 5, false));

        CephClusterDialogViewModel edit = main.editCephClusterDialog(c);
        assertTrue(edit.isEdit());
        assertEquals("prod", edit.nameProperty().get());
        assertFalse(edit.useConfProperty().get());
        assertEquals("127.0.0.1:6789", edit.monitorsProperty().get());
        assertEquals("rackdesk", edit.clientIdProperty().get());
        assertTrue(edit.keyInKeyringProperty().get());
        assertTrue(edit.hasStoredKey());
        assertEquals("", edit.keyProperty().get(), "the stored key is never shown");
        assertFalse(edit.replaceKeyProperty().get(), "kept unless replaced");

        edit.nameProperty().set("other");
        assertTrue(edit.form().isEmpty(), "another cluster's name");
        assertEquals("There is already a cluster named other.", edit.messageProperty().get());
        edit.nameProperty().set("prod-eu");
        edit.pollSecondsProperty().set(10);
        int stores = (int) fake.calls.stream().filter(x -> x.startsWith("storeKey")).count();
        CephClusterSettings kept = save(edit);
        assertEquals(s.id(), kept.id(), "same cluster, same key account");
        assertEquals(stores, fake.calls.stream().filter(x -> x.startsWith("storeKey")).count(), "the stored key is kept as is");

        CephClusterViewModel replaced = main.replaceCephCluster(kept);
        assertNotSame(c, replaced);
        assertEquals("prod-eu", main.cephClusters().get(0).name());
        assertEquals(2, main.cephClusters().size());
        assertTrue(fake.calls.contains("unwatch " + c.id()), "the old worker stops");
        ui.pumpUntil(() -> fake.calls.stream().filter(x -> x.equals("watch " + c.id())).count() == 2, "and a new one starts");
        ui.pumpUntil(() -> store.load().settings().cephClusters().stream().anyMatch(x -> x.name().equals("prod-eu") && x.pollSeconds() == 10),
                "saved");

        CephClusterDialogViewModel again = main.editCephClusterDialog(replaced);
        again.replaceKeyProperty().set(true);
        assertTrue(again.form().isEmpty(), "replacing needs a key");
        again.keyProperty().set(OTHER_KEY);
        main.replaceCephCluster(save(again));
        assertEquals(Optional.of(OTHER_KEY), fake.keyring.get(s.keyAccount()), "replaced in the keyring");
        assertFalse(Files.readString(store.file()).contains(OTHER_KEY));

        // to a key file: the stored key is removed
        CephClusterDialogViewModel toFile = main.editCephClusterDialog(main.cephClusters().get(0));
        Path keyFile = Files.writeString(root.resolve("k"), KEY);
        Files.setPosixFilePermissions(keyFile, Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE));
        toFile.keyInKeyringProperty().set(false);
        toFile.keyFileProperty().set(keyFile.toString());
        main.replaceCephCluster(save(toFile));
        ui.pumpUntil(() -> fake.keyring.get(s.keyAccount()).isEmpty(), "the key left the keyring");
        ui.pumpUntil(() -> !store.load().settings().cephClusters().get(0).keyStored(), "saved with the key file");
    }

    @Test
    void removingAClusterAsksAndRemovesItsKey() throws Exception {
        main();
        CephClusterSettings s = save(byMonitorsWithKey(main.newCephClusterDialog(), "prod", KEY));
        CephClusterViewModel c = main.addCephCluster(s);
        dialogs.confirmAnswer = false;
        main.removeCephCluster(c);
        assertEquals(1, main.cephClusters().size(), "not confirmed: kept");
        assertEquals(Optional.of(KEY), fake.keyring.get(s.keyAccount()));
        assertTrue(dialogs.shown.get(dialogs.shown.size() - 1).contains("The key of client.rackdesk is removed from the keyring."),
                dialogs.shown.toString());
        dialogs.confirmAnswer = true;
        main.removeCephCluster(c);
        assertEquals(List.of(), main.cephClusters());
        ui.pumpUntil(() -> fake.keyring.get(s.keyAccount()).isEmpty(), "the key is removed");
        ui.pumpUntil(() -> store.load().settings().cephClusters().isEmpty(), "forgotten in settings");
    }

    @Test
    void aFullRateHistoryDropsTheOldestBeforeAddingSoChartsDrawOncePerPoll() {
        CephClusterSettings s = new CephClusterSettings("h", "h", "/etc/ceph/ceph.conf", null, List.of(), "admin", null, 5, true);
        CephClusterViewModel c = new CephClusterViewModel(s, fake, DefaultTaskExecutor.sameThread(), l10n, dialogs);
        c.connect();
        int[] additions = {0};
        List<String> order = new java.util.ArrayList<>();
        c.history().addListener((javafx.collections.ListChangeListener<CephClusterViewModel.RatePoint>) ch -> {
            while (ch.next()) {
                order.add(ch.wasAdded() ? "add" : "remove");
                additions[0] += ch.wasAdded() ? 1 : 0;
            }
        });
        for (int i = 0; i < CephClusterViewModel.HISTORY + 5; i++) {
            fake.publish("h", io.rackdesk.app.ceph.CephClusterState.Phase.CONNECTED, FakeCephClusters.healthy(),
                    io.rackdesk.app.ceph.CephRates.UNKNOWN, null, null);
        }
        assertEquals(CephClusterViewModel.HISTORY, c.history().size());
        assertEquals(CephClusterViewModel.HISTORY + 5, additions[0], "one addition per poll");
        assertEquals(List.of("remove", "add"), order.subList(order.size() - 2, order.size()), "the oldest leaves first");
        c.disconnect();
    }
}
