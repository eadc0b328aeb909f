package io.rackdesk.app.settings;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The outcome of reading the settings file: the settings to use, whether this is the first run, and
 * for a file that could not be read, why and where it was kept.
 */
public record SettingsLoad(Settings settings, boolean firstRun, Optional<String> problem, Optional<Path> keptAs) {
    public static SettingsLoad ok(Settings s) {
        return new SettingsLoad(s, false, Optional.empty(), Optional.empty());
    }
}
