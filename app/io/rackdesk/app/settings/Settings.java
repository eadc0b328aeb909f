package io.rackdesk.app.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;

/** Everything Rackdesk remembers between runs. Immutable; change it with the {@code with*} methods. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(int version, Theme theme, List<ConnectionSettings> connections) {
    public static final int CURRENT_VERSION = 1;

    public Settings {
        version = version <= 0 ? CURRENT_VERSION : version;
        theme = theme == null ? Theme.LIGHT : theme;
        connections = connections == null ? List.of() : List.copyOf(connections);
    }

    public static Settings defaults() {
        return new Settings(CURRENT_VERSION, Theme.LIGHT, List.of());
    }

    public Settings withTheme(Theme t) {
        return new Settings(version, t, connections);
    }

    public Settings withConnections(List<ConnectionSettings> list) {
        return new Settings(version, theme, list);
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
