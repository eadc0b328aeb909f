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
