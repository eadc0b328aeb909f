package io.rackdesk.app.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void noFileMeansFirstRunWithDefaults() {
        SettingsLoad load = new SettingsStore(dir.resolve("settings.json")).load();
        assertTrue(load.firstRun());
        assertEquals(Settings.defaults(), load.settings());
        assertTrue(load.problem().isEmpty());
    }

    @Test
    void savedSettingsReadBackTheSameAndLeaveNoTemporaryFiles() throws IOException {
        SettingsStore store = new SettingsStore(dir.resolve("sub").resolve("settings.json"));
        Settings s = Settings.defaults().withTheme(Theme.DARK)
                .withConnection(new ConnectionSettings("id-1", "kvm-01", "qemu+ssh://root@kvm-01/system", false, false));
        store.save(s);
        SettingsLoad load = store.load();
        assertFalse(load.firstRun());
        assertEquals(s, load.settings());
        try (Stream<Path> files = Files.list(dir.resolve("sub"))) {
            assertEquals(List.of("settings.json"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void cephClustersRoundTripAsPathsAndOlderFilesWithoutThemStillLoad() throws IOException {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        CephClusterSettings byConf = new CephClusterSettings("c1", "prod", "/etc/ceph/ceph.conf", "/etc/ceph/ceph.client.admin.keyring",
                List.of(), "admin", null, 0, true);
        CephClusterSettings byMons = new CephClusterSettings("c2", "lab", null, null, List.of("10.0.0.1:6789", "[v2:10.0.0.2:3300,v1:10.0.0.2:6789]"),
                "rackdesk", "/home/admin/rackdesk.key", 10, false);
        Settings s = Settings.defaults().withCephCluster(byConf).withCephCluster(byMons);
        store.save(s);
        assertEquals(s, store.load().settings());
        assertEquals(5, store.load().settings().cephClusters().get(0).pollSeconds(), "0 means the default interval");
        String json = Files.readString(dir.resolve("settings.json"));
        assertTrue(json.contains("\"keyFile\" : \"/home/admin/rackdesk.key\""), json);
        assertFalse(json.toLowerCase(java.util.Locale.ROOT).contains("\"key\""), "only the key file's path is stored: " + json);
        assertEquals(List.of("lab"), s.withoutCephCluster("c1").cephClusters().stream().map(CephClusterSettings::name).toList());
        assertEquals(List.of("prod", "lab"), s.withCephCluster(byConf).cephClusters().stream().map(CephClusterSettings::name).toList(),
                "replaced in place");

        Files.writeString(dir.resolve("settings.json"), "{\"version\":1,\"theme\":\"DARK\",\"connections\":[],\"statsIntervalSeconds\":2}");
        assertEquals(List.of(), store.load().settings().cephClusters(), "a file from before Ceph support");
        assertEquals(Theme.DARK, store.load().settings().theme());
    }

    @Test
    void saveReplacesTheWholeFile() throws IOException {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        store.save(Settings.defaults().withConnection(new ConnectionSettings("a", "a very long name ".repeat(50), "test:///default", true, false)));
        store.save(Settings.defaults());
        assertEquals(Settings.defaults(), store.load().settings(), "a shorter file leaves no tail of the older one");
    }

    @Test
    void aDamagedFileIsKeptAsideAndReportedNeverDropped() throws IOException {
        Path file = dir.resolve("settings.json");
        String damaged = "{\"version\":1,\"theme\":\"DARK\",\"connections\":[{\"name\":\"kvm\",";
        Files.writeString(file, damaged);

        SettingsLoad load = new SettingsStore(file).load();

        assertEquals(Settings.defaults(), load.settings());
        assertTrue(load.problem().isPresent());
        Path kept = load.keptAs().orElseThrow();
        assertTrue(kept.getFileName().toString().startsWith("settings.json.corrupt-"), kept.toString());
        assertEquals(damaged, Files.readString(kept), "the user's file is kept byte for byte");
        assertFalse(Files.exists(file));
        String problem = load.problem().get();
        assertTrue(problem.contains("is damaged") && problem.contains(kept.toString()) && problem.contains("line 1"), problem);
    }

    @Test
    void aFileFromAnOlderVersionGetsDefaultsForNewFields() throws IOException {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"version\":1,\"theme\":\"DARK\",\"connections\":[]}");
        SettingsLoad load = new SettingsStore(file).load();
        assertTrue(load.problem().isEmpty(), load.problem().toString());
        assertEquals(Settings.DEFAULT_STATS_INTERVAL_S, load.settings().statsIntervalSeconds());
    }

    @Test
    void unknownFieldsFromANewerVersionAreIgnored() throws IOException {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"version\":1,\"theme\":\"DARK\",\"futureThing\":42,\"connections\":[]}");
        SettingsLoad load = new SettingsStore(file).load();
        assertEquals(Theme.DARK, load.settings().theme());
        assertTrue(load.problem().isEmpty());
    }
}
