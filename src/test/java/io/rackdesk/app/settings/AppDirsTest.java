package io.rackdesk.app.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirsTest {
    private static final Path HOME = Path.of("/home/ada");

    @Test
    void linuxFollowsXdgWithFallbacks() {
        assertEquals(new AppDirs(Path.of("/home/ada/.config/rackdesk"), Path.of("/home/ada/.local/share/rackdesk")),
                AppDirs.resolve(Map.of(), "Linux", HOME));
        assertEquals(new AppDirs(Path.of("/cfg/rackdesk"), Path.of("/data/rackdesk")),
                AppDirs.resolve(Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME", "/data"), "Linux", HOME));
        assertEquals(Path.of("/home/ada/.config/rackdesk"),
                AppDirs.resolve(Map.of("XDG_CONFIG_HOME", "relative/dir"), "Linux", HOME).configDir(),
                "a relative XDG value is ignored, as the spec says");
    }

    @Test
    void macOsUsesApplicationSupport() {
        Path support = Path.of("/home/ada/Library/Application Support/Rackdesk");
        assertEquals(new AppDirs(support, support), AppDirs.resolve(Map.of(), "Mac OS X", HOME));
    }

    @Test
    void windowsUsesAppData() {
        AppDirs d = AppDirs.resolve(Map.of("APPDATA", "/home/ada/roam", "LOCALAPPDATA", "/home/ada/local"), "Windows 11", HOME);
        assertEquals(new AppDirs(Path.of("/home/ada/roam/Rackdesk"), Path.of("/home/ada/local/Rackdesk")), d);
    }

    @Test
    void theOverrideVariablePutsEverythingInOneFolder() {
        AppDirs d = AppDirs.resolve(Map.of(AppDirs.ENV_OVERRIDE, "/tmp/rd"), "Linux", HOME);
        assertEquals(new AppDirs(Path.of("/tmp/rd"), Path.of("/tmp/rd/data")), d);
        assertEquals(Path.of("/tmp/rd/settings.json"), d.settingsFile());
    }
}
