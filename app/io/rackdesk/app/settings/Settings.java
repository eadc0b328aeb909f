package io.rackdesk.app.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything Rackdesk remembers between runs. Immutable; change it with the {@code with*} methods.
 * {@code statsIntervalSeconds}: how often each host's VM statistics are read (one bulk call per tick).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(int version, Theme theme, List<ConnectionSettings> connections, int statsIntervalSeconds,
        List<CephClusterSettings> cephClusters) {
    public static final int CURRENT_VERSION = 1;
    public static final int DEFAULT_STATS_INTERVAL_S = 2;
    public static final int MIN_STATS_INTERVAL_S = 1;
    public static final int MAX_STATS_INTERVAL_S = 60;

    @com.fasterxml.jackson.annotation.JsonCreator
    public Settings {
        cephClusters = cephClusters == null ? List.of() : List.copyOf(cephClusters);
        version = version <= 0 ? CURRENT_VERSION : version;
        theme = theme == null ? Theme.LIGHT : theme;
        connections = connections == null ? List.of() : List.copyOf(connections);
        statsIntervalSeconds = statsIntervalSeconds <= 0 ? DEFAULT_STATS_INTERVAL_S
                : Math.max(MIN_STATS_INTERVAL_S, Math.min(MAX_STATS_INTERVAL_S, statsIntervalSeconds));
    }

    /** Without Ceph clusters. */
    public Settings(int version, Theme theme, List<ConnectionSettings> connections, int statsIntervalSeconds) {
        this(version, theme, connections, statsIntervalSeconds, List.of());
    }

    public static Settings defaults() {
        return new Settings(CURRENT_VERSION, Theme.LIGHT, List.of(), DEFAULT_STATS_INTERVAL_S);
    }

    public Settings withTheme(Theme t) {
        return new Settings(version, t, connections, statsIntervalSeconds, cephClusters);
    }

    public Settings withConnections(List<ConnectionSettings> list) {
        return new Settings(version, theme, list, statsIntervalSeconds, cephClusters);
    }

    public Settings withStatsInterval(int seconds) {
        return new Settings(version, theme, connections, seconds, cephClusters);
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

    public Settings withCephClusters(List<CephClusterSettings> list) {
        return new Settings(version, theme, connections, statsIntervalSeconds, list);
    }

    /** Replaces the Ceph cluster with {@code c}'s id in place, or appends {@code c}. */
    public Settings withCephCluster(CephClusterSettings c) {
        List<CephClusterSettings> list = new ArrayList<>(cephClusters);
        list.removeIf(x -> x.id().equals(c.id()));
        int at = -1;
        for (int i = 0; i < cephClusters.size(); i++) {
            if (cephClusters.get(i).id().equals(c.id())) {
                at = i;
            }
        }
        list.add(at < 0 ? list.size() : at, c);
        return withCephClusters(list);
    }

    public Settings withoutCephCluster(String id) {
        List<CephClusterSettings> list = new ArrayList<>(cephClusters);
        list.removeIf(x -> x.id().equals(id));
        return withCephClusters(list);
    }
}
