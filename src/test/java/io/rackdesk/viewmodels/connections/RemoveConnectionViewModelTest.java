package io.rackdesk.viewmodels.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.connections.ConnectionFiles;
import io.rackdesk.app.connections.ConnectionService;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import io.rackdesk.app.settings.AppDirs;
import io.rackdesk.app.settings.ConnectionSettings;
import io.rackdesk.app.settings.Settings;
import io.rackdesk.app.settings.SettingsLoad;
import io.rackdesk.app.settings.SettingsStore;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.testsupport.RecordingDialogs;
import io.rackdesk.testsupport.UiQueue;
import io.rackdesk.viewmodels.main.MainViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoveConnectionViewModelTest {
    @TempDir
    Path root;
    private final UiQueue ui = new UiQueue();
    private MainViewModel main;

    @AfterEach
    void shutdown() {
        if (main != null) {
            main.shutdown();
        }
    }

    @Test
    void onlyTheTypedNameRemovesAndTheCopiedCertificatesGoToo() throws Exception {
        Localization l10n = new Localization(Locale.ENGLISH);
        AppDirs dirs = AppDirs.under(root);
        ConnectionFiles files = new ConnectionFiles(dirs.configDir());
        Path tls = Files.createDirectories(files.tlsFolder("kvm"));
        Files.writeString(tls.resolve("clientkey.pem"), "key");
        LibvirtHostFactory hosts = new LibvirtHostFactory(LibvirtEventLoop.start(), Duration.ofSeconds(10));
        DefaultTaskExecutor tasks = new DefaultTaskExecutor(ui);
        Settings settings = Settings.defaults().withConnections(List.of(
                new ConnectionSettings("kvm", "kvm-01", "qemu+tls://kvm-01/system?pkipath=" + tls, false, false),
                new ConnectionSettings("other", "kvm-02", "test:///default", false, false)));
        main = new MainViewModel(new SettingsLoad(settings, false, Optional.empty(), Optional.empty()), new SettingsStore(dirs.settingsFile()),
                new SerialWorker("remove-io"), hosts, tasks, new RecordingDialogs(), l10n);
        ConnectionService service = new ConnectionService(files, hosts, new SerialWorker("remove-files"), l10n, Clock.systemUTC());
        RemoveConnectionViewModel remove = new RemoveConnectionViewModel(main.connections().get(0), main, service, tasks, l10n);

        assertEquals("Remove connection “kvm-01”", remove.title());
        assertEquals("Type the name “kvm-01” to confirm:", l10n.lang("connection.remove.typeName", remove.connectionName()));
        remove.typedNameProperty().set("kvm-0");
        assertFalse(remove.confirmedProperty().get());
        assertFalse(remove.remove());
        assertEquals(2, main.connections().size());

        remove.typedNameProperty().set(" kvm-01 ");
        assertTrue(remove.confirmedProperty().get());
        assertTrue(remove.remove());
        assertEquals(List.of("kvm-02"), main.connections().stream().map(c -> c.name()).toList());
        ui.pumpUntil(() -> !Files.exists(tls) && main.runningTasksProperty().get() == 0, "files deleted and settings saved");
        assertEquals(List.of("other"), new SettingsStore(dirs.settingsFile()).load().settings().connections().stream()
                .map(ConnectionSettings::id).toList());
    }
}
