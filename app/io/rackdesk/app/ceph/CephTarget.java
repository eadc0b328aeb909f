package io.rackdesk.app.ceph;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a cluster is and who we are there: either a ceph.conf with a keyring, or monitor addresses
 * with a client name and a key, read from a key file or from a {@link StoredKey} (the OS keyring); the
 * key is handed to librados in memory, never written out.
 * The timeout bounds connecting (client_mount_timeout) and every monitor and OSD operation
 * (rados_mon_op_timeout, rados_osd_op_timeout): librados' defaults are 300 s and "forever".
 */
public record CephTarget(Path conf, Path keyring, List<String> monitors, Path keyFile, StoredKey storedKey, String clientId,
        Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]+");

    public CephTarget {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(timeout, "timeout");
        monitors = monitors == null ? List.of() : List.copyOf(monitors);
        if (!CLIENT_ID.matcher(clientId).matches()) {
            throw new IllegalArgumentException("client name '" + clientId + "' may hold letters, digits, '.', '_' and '-' only");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive");
        }
        boolean byConf = conf != null;
        boolean byMons = !monitors.isEmpty();
        if (byConf == byMons) {
            throw new IllegalArgumentException("give either a ceph.conf or monitor addresses");
        }
        if (byMons && (keyFile == null) == (storedKey == null)) {
            throw new IllegalArgumentException("monitor addresses need a key file or a stored key");
        }
    }

    /** From a ceph.conf and a keyring (null: the keyring that ceph.conf names). */
    public static CephTarget fromConf(Path conf, Path keyring, String clientId, Duration timeout) {
        return new CephTarget(Objects.requireNonNull(conf, "conf"), keyring, List.of(), null, null, clientId, timeout);
    }

    /** From monitor addresses (HOST:PORT, or Ceph's [v2:...,v1:...] form) and a file with the key. */
    public static CephTarget fromMonitors(List<String> monitors, String clientId, Path keyFile, Duration timeout) {
        return new CephTarget(null, null, monitors, Objects.requireNonNull(keyFile, "keyFile"), null, clientId, timeout);
    }

    /** From monitor addresses and a key kept outside any file (the OS keyring, or typed in the dialog). */
    public static CephTarget fromMonitors(List<String> monitors, String clientId, StoredKey key, Duration timeout) {
        return new CephTarget(null, null, monitors, null, Objects.requireNonNull(key, "key"), clientId, timeout);
    }

    /**
     * A key read when connecting, on the cluster's worker (the OS keyring may block). Its
     * {@code toString} and messages never hold the key.
     */
    @FunctionalInterface
    public interface StoredKey {
        /** The base64 cephx key; a {@link CephException} of kind FILE saying why when there is none. */
        String read() throws CephException;

        /** A key typed in a dialog, before it is stored. */
        static StoredKey of(String key) {
            Objects.requireNonNull(key);
            return new StoredKey() {
                @Override
                public String read() {
                    return key;
                }

                @Override
                public String toString() {
                    return "(key given)";
                }
            };
        }
    }

    /** Where the key comes from, for messages: the key file, or "the OS keyring". */
    public String keySource() {
        return keyFile != null ? keyFile.toString() : "the stored key";
    }

    /** The id of a keyring's first [client.NAME] section, or "admin" (also when it cannot be read: connect says why). */
    public static String clientIdIn(Path keyring) {
        try {
            return Keyrings.firstClientId(java.nio.file.Files.readString(keyring)).orElse("admin");
        } catch (java.io.IOException | RuntimeException e) {
            return "admin";
        }
    }

    public boolean usesConf() {
        return conf != null;
    }

    /** "client.admin" */
    public String entityName() {
        return "client." + clientId;
    }

    /** "10" for 10 s; librados takes seconds (fractions allowed). */
    String timeoutSetting() {
        long ms = timeout.toMillis();
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : Double.toString(ms / 1000.0);
    }
}
