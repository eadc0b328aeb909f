package io.rackdesk.app.settings;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where Rackdesk keeps its settings and data, following each OS's convention:
 * Linux $XDG_CONFIG_HOME/rackdesk and $XDG_DATA_HOME/rackdesk, macOS ~/Library/Application Support/Rackdesk,
 * Windows %APPDATA%\Rackdesk and %LOCALAPPDATA%\Rackdesk. {@code RACKDESK_CONFIG_DIR} (or --config-dir)
 * puts both under one folder.
 */
public record AppDirs(Path configDir, Path dataDir) {
    public static final String ENV_OVERRIDE = "RACKDESK_CONFIG_DIR";

    public AppDirs {
        Objects.requireNonNull(configDir);
        Objects.requireNonNull(dataDir);
    }

    /** Both folders under {@code root} (tests, portable installs, --config-dir). */
    public static AppDirs under(Path root) {
        Path abs = root.toAbsolutePath().normalize();
        return new AppDirs(abs, abs.resolve("data"));
    }

    public static AppDirs forCurrentUser() {
        return resolve(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    static AppDirs resolve(Map<String, String> env, String osName, Path home) {
        String override = env.get(ENV_OVERRIDE);
        if (override != null && !override.isBlank()) {
            return under(Path.of(override));
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            Path roaming = envPath(env, "APPDATA", home.resolve("AppData").resolve("Roaming"));
            Path local = envPath(env, "LOCALAPPDATA", home.resolve("AppData").resolve("Local"));
            return new AppDirs(roaming.resolve("Rackdesk"), local.resolve("Rackdesk"));
        }
        if (os.startsWith("mac")) {
            Path support = home.resolve("Library").resolve("Application Support").resolve("Rackdesk");
            return new AppDirs(support, support);
        }
        Path config = envPath(env, "XDG_CONFIG_HOME", home.resolve(".config"));
        Path data = envPath(env, "XDG_DATA_HOME", home.resolve(".local").resolve("share"));
        return new AppDirs(config.resolve("rackdesk"), data.resolve("rackdesk"));
    }

    private static Path envPath(Map<String, String> env, String name, Path fallback) {
        String v = env.get(name);
        // XDG says relative values are invalid and must be ignored
        return v != null && !v.isBlank() && Path.of(v).isAbsolute() ? Path.of(v) : fallback;
    }

    public Path settingsFile() {
        return configDir.resolve("settings.json");
    }
}
