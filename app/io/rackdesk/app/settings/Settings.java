package io.rackdesk.app.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything Rackdesk remembers between runs. Immutable; change it with the {@code with*} methods.
 * {@code statsIntervalSeconds}: how often each host's VM statistics are read (one bulk call per tick).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(int version, Theme theme, List<ConnectionSettings> connections, int statsIntervalSeconds) {
    public static final int CURRENT_VERSION = 1;
    public static final int DEFAULT_STATS_INTERVAL_S = 2;
    public static final int MIN_STATS_INTERVAL_S = 1;
    public static final int MAX_STATS_INTERVAL_S = 60;

    public Settings {
        version = version <= 0 ? CURRENT_VERSION : version;
        theme = theme == null ? Theme.LIGHT : theme;
        connections = connections == null ? List.of() : List.copyOf(connections);
        statsIntervalSeconds = statsIntervalSeconds <= 0 ? DEFAULT_STATS_INTERVAL_S
                : Math.max(MIN_STATS_INTERVAL_S, Math.min(MAX_STATS_INTERVAL_S, statsIntervalSeconds));
    }

    public static Settings defaults() {
        return new Settings(CURRENT_VERSION, Theme.LIGHT, List.of(), DEFAULT_STATS_INTERVAL_S);
    }

    public Settings withTheme(Theme t) {
        return new Settings(version, t, connections, statsIntervalSeconds);
    }

    public Settings withConnections(List<ConnectionSettings> list) {
        return new Settings(version, theme, list, statsIntervalSeconds);
    }

    public Settings withStatsInterval(int seconds) {
        return new Settings(version, theme, connections, seconds);
    }

    /** Replaces the connection with {@code c}'s id in place, or appends {@code c}. */
    public Settings withConnection(ConnectionSettings c) {
        List<ConnectionSettings> list = new ArrayList<>(connections);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id().equals(c.id())) {
                list.set(i, c);
                return withConnections(list);
            }
        }
        list.add(c);
        return withConnections(list);
    }
}
