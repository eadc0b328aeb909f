package io.rackdesk.app.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.demo.DemoFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupSettingsTest {
    @TempDir
    Path root;

    @Test
    void firstRunAddsTheDemoHostAndSavesIt() {
        AppDirs dirs = AppDirs.under(root);
        SettingsStore store = new SettingsStore(dirs.settingsFile());
        SettingsLoad load = StartupSettings.prepare(store, dirs);

        assertTrue(load.firstRun());
        List<ConnectionSettings> conns = load.settings().connections();
        assertEquals(1, conns.size());
        ConnectionSettings demo = conns.get(0);
        assertTrue(demo.demo() && demo.autoconnect());
        assertEquals("test://" + dirs.dataDir().resolve("demo/demo-host.xml"), demo.uri());
        assertTrue(Files.isRegularFile(dirs.dataDir().resolve("demo/demo-host.xml")));
        assertEquals(load.settings(), store.load().settings(), "saved, so the next start is not a first run");
    }

    @Test
    void laterRunsKeepTheUsersChoicesAndRepairTheDemoPath() throws IOException {
        AppDirs dirs = AppDirs.under(root);
        SettingsStore store = new SettingsStore(dirs.settingsFile());
        ConnectionSettings mine = new ConnectionSettings("k1", "kvm-01", "qemu+tls://kvm-01/system", false, false);
        ConnectionSettings staleDemo = new ConnectionSettings("d", DemoFixture.CONNECTION_NAME, "test:///old/place/demo-host.xml", true, true);
        store.save(Settings.defaults().withTheme(Theme.DARK).withConnections(List.of(mine, staleDemo)));

        SettingsLoad load = StartupSettings.prepare(store, dirs);

        assertFalse(load.firstRun());
        assertEquals(Theme.DARK, load.settings().theme());
        assertEquals(mine, load.settings().connections().get(0));
        assertEquals(DemoFixture.uriFor(dirs.dataDir().resolve("demo/demo-host.xml")), load.settings().connections().get(1).uri());
    }

    @Test
    void aRemovedDemoHostIsNotAddedBack() throws IOException {
        AppDirs dirs = AppDirs.under(root);
        SettingsStore store = new SettingsStore(dirs.settingsFile());
        store.save(Settings.defaults());
        assertEquals(List.of(), StartupSettings.prepare(store, dirs).settings().connections());
    }
}
