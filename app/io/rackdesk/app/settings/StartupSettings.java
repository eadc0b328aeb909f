package io.rackdesk.app.settings;

import io.rackdesk.app.demo.DemoFixture;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up: read the settings, add the demo host on the first run, and point demo connections at
 * the fixture written out for this build. Does disk I/O: call it before the UI thread starts.
 */
public final class StartupSettings {
    private static final Logger LOG = LoggerFactory.getLogger(StartupSettings.class);

    private StartupSettings() {
    }

    public static SettingsLoad prepare(SettingsStore store, AppDirs dirs) {
        SettingsLoad load = store.load();
        Settings settings = load.settings();
        boolean changed = false;
        if (load.firstRun()) {
            settings = settings.withConnection(DemoFixture.connection(dirs.dataDir()));
            changed = true;
            LOG.info("first run: added the demo host");
        } else if (settings.connections().stream().anyMatch(ConnectionSettings::demo)) {
            String uri = DemoFixture.uriFor(DemoFixture.install(dirs.dataDir()));
            List<ConnectionSettings> list = new ArrayList<>();
            for (ConnectionSettings c : settings.connections()) {
                if (c.demo() && !c.uri().equals(uri)) {
                    c = c.withUri(uri);
                    changed = true;
                }
                list.add(c);
            }
            settings = settings.withConnections(list);
        }
        Optional<String> problem = load.problem();
        if (changed) {
            try {
                store.save(settings);
            } catch (IOException e) {
                String why = "Settings could not be saved to " + store.file() + ": " + e.getMessage();
                LOG.warn(why);
                problem = Optional.of(problem.map(p -> p + "\n" + why).orElse(why));
            }
        }
        return new SettingsLoad(settings, load.firstRun(), problem, load.keptAs());
    }
}
