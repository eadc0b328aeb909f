package io.rackdesk.app.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.rackdesk.app.ceph.CephTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A saved Ceph cluster: either a ceph.conf (and optionally a keyring) or monitor addresses with a
 * client id and the PATH of a file holding the key. The key itself is never stored here.
 * {@code pollSeconds}: how often the cluster's status is read (default 5 s).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CephClusterSettings(String id, String name, String conf, String keyring, List<String> monitors, String clientId,
        String keyFile, int pollSeconds, boolean autoconnect) {
    public static final int DEFAULT_POLL_S = 5;

    public CephClusterSettings {
        id = id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
        Objects.requireNonNull(name, "name");
        monitors = monitors == null ? List.of() : List.copyOf(monitors);
        clientId = clientId == null || clientId.isBlank() ? "admin" : clientId;
        conf = blankToNull(conf);
        keyring = blankToNull(keyring);
        keyFile = blankToNull(keyFile);
        pollSeconds = pollSeconds <= 0 ? DEFAULT_POLL_S : Math.max(1, Math.min(300, pollSeconds));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Where and as whom to connect; IllegalArgumentException when neither way is complete. */
    public CephTarget target() {
        return conf != null
                ? CephTarget.fromConf(Path.of(conf), keyring == null ? null : Path.of(keyring), clientId, CephTarget.DEFAULT_TIMEOUT)
                : CephTarget.fromMonitors(monitors, clientId, keyFile == null ? null : Path.of(keyFile), CephTarget.DEFAULT_TIMEOUT);
    }

    /** "ceph.conf /etc/ceph/ceph.conf" or "10.0.0.1:6789 as client.admin", for tooltips. */
    public String where() {
        return conf != null ? conf + " (client." + clientId + ")" : String.join(",", monitors) + " (client." + clientId + ")";
    }

    public Duration pollInterval() {
        return Duration.ofSeconds(pollSeconds);
    }
}
