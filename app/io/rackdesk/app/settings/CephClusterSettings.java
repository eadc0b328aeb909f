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
 * client id and either the PATH of a file holding the key or {@code keyStored}: the key is in the OS
 * keyring (or, without one, in memory for the session) under {@link #keyAccount()}. The key itself is
 * never stored here. {@code pollSeconds}: how often the cluster's status is read (default 5 s).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CephClusterSettings(String id, String name, String conf, String keyring, List<String> monitors, String clientId,
        String keyFile, int pollSeconds, boolean autoconnect, boolean keyStored) {
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
        if (conf != null || keyFile != null) {
            keyStored = false;
        }
    }

    /** With a ceph.conf or a key file (no stored key). */
    public CephClusterSettings(String id, String name, String conf, String keyring, List<String> monitors, String clientId,
            String keyFile, int pollSeconds, boolean autoconnect) {
        this(id, name, conf, keyring, monitors, clientId, keyFile, pollSeconds, autoconnect, false);
    }

    /** The name of this cluster's key in the OS keyring: one per saved cluster. */
    public String keyAccount() {
        return "ceph-cluster/" + id;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Where and as whom to connect; IllegalArgumentException when neither way is complete (or the key is stored: see below). */
    public CephTarget target() {
        return target(null);
    }

    /** As {@link #target()}, with {@code storedKey} reading this cluster's key when it is kept in the keyring. */
    public CephTarget target(CephTarget.StoredKey storedKey) {
        if (conf != null) {
            return CephTarget.fromConf(Path.of(conf), keyring == null ? null : Path.of(keyring), clientId, CephTarget.DEFAULT_TIMEOUT);
        }
        if (keyStored) {
            if (storedKey == null) {
                throw new IllegalArgumentException("the key of client." + clientId + " is kept in the keyring: no way to read it was given");
            }
            return CephTarget.fromMonitors(monitors, clientId, storedKey, CephTarget.DEFAULT_TIMEOUT);
        }
        return CephTarget.fromMonitors(monitors, clientId, keyFile == null ? null : Path.of(keyFile), CephTarget.DEFAULT_TIMEOUT);
    }

    /** The same settings under {@code newId} (an edit keeps the cluster's id, and so its key's account). */
    public CephClusterSettings withId(String newId) {
        return new CephClusterSettings(newId, name, conf, keyring, monitors, clientId, keyFile, pollSeconds, autoconnect, keyStored);
    }

    /** "ceph.conf /etc/ceph/ceph.conf" or "10.0.0.1:6789 as client.admin", for tooltips. */
    public String where() {
        return conf != null ? conf + " (client." + clientId + ")" : String.join(",", monitors) + " (client." + clientId + ")";
    }

    public Duration pollInterval() {
        return Duration.ofSeconds(pollSeconds);
    }
}
