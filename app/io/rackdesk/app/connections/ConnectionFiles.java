package io.rackdesk.app.connections;

import io.rackdesk.app.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files Rackdesk keeps for its connections in the config folder: its own SSH known_hosts (so
 * that accepting a host key never touches ~/.ssh) and one TLS folder per connection whose
 * certificates were chosen as separate files. Every method does disk I/O: call it on a worker.
 */
public final class ConnectionFiles {
    public static final String KNOWN_HOSTS = "known_hosts";
    public static final String CA_CERT = "cacert.pem";
    public static final String CLIENT_CERT = "clientcert.pem";
    public static final String CLIENT_KEY = "clientkey.pem";

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PUBLIC_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path configDir;

    public ConnectionFiles(Path configDir) {
        this.configDir = Objects.requireNonNull(configDir).toAbsolutePath().normalize();
    }

    public Path configDir() {
        return configDir;
    }

    /** Rackdesk's known_hosts, passed to libvirt as {@code known_hosts=}; libvirt appends accepted keys. */
    public Path knownHostsFile() {
        return configDir.resolve(KNOWN_HOSTS);
    }

    /** The folder that holds the copied certificates of connection {@code connectionId}. */
    public Path tlsFolder(String connectionId) {
        if (connectionId == null || !SAFE_ID.matcher(connectionId).matches()) {
            throw new IllegalArgumentException("not a usable connection id for a folder name: " + connectionId);
        }
        return configDir.resolve("tls").resolve(connectionId);
    }

    /** The connection id when {@code folder} is one of Rackdesk's own TLS folders. */
    public Optional<String> managedTlsId(Path folder) {
        Path f = folder.toAbsolutePath().normalize();
        Path root = configDir.resolve("tls");
        if (root.equals(f.getParent()) && SAFE_ID.matcher(f.getFileName().toString()).matches()) {
            return Optional.of(f.getFileName().toString());
        }
        return Optional.empty();
    }

    /** Creates the config folder, so that libvirt can write the known_hosts file into it. */
    public void ensureConfigDir() throws IOException {
        Files.createDirectories(configDir);
    }

    /** Copies the three files into {@code connectionId}'s TLS folder under libvirt's names; returns the folder. */
    public Path installTls(String connectionId, ConnectionSpec.SeparateFiles files) throws IOException {
        Path folder = tlsFolder(connectionId);
        copyPki(files, folder);
        return folder;
    }

    /**
     * Copies {@code files} into {@code folder} as cacert.pem, clientcert.pem and clientkey.pem; the
     * folder and the key are readable by the owner only. A file that already is the target is left alone.
     */
    public static void copyPki(ConnectionSpec.SeparateFiles files, Path folder) throws IOException {
        Files.createDirectories(folder);
        restrict(folder, OWNER_ONLY_DIR);
        copy(files.caCert(), folder.resolve(CA_CERT), PUBLIC_FILE);
        copy(files.clientCert(), folder.resolve(CLIENT_CERT), PUBLIC_FILE);
        copy(files.clientKey(), folder.resolve(CLIENT_KEY), OWNER_ONLY_FILE);
    }

    /** Deletes a connection's TLS folder, if it has one. */
    public void deleteTls(String connectionId) throws IOException {
        deleteTree(tlsFolder(connectionId));
    }

    /** Deletes a folder and the files in it (no deeper levels: the PKI folders are flat). */
    public static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
        } catch (NoSuchFileException e) {
            return;
        }
        try {
            Files.deleteIfExists(folder);
        } catch (DirectoryNotEmptyException e) {
            throw new IOException(folder + " holds sub-folders; left in place", e);
        }
    }

    private static void copy(Path source, Path target, Set<PosixFilePermission> perms) throws IOException {
        if (Files.exists(target) && Files.isSameFile(source, target)) {
            restrict(target, perms);
            return;
        }
        // AtomicFiles' temporary file is created owner-only, so the key is never readable by others
        AtomicFiles.write(target, Files.readAllBytes(source));
        restrict(target, perms);
    }

    private static void restrict(Path p, Set<PosixFilePermission> perms) throws IOException {
        try {
            Files.setPosixFilePermissions(p, perms);
        } catch (UnsupportedOperationException e) {
            // Windows: the folder under %APPDATA% is already private to the user
        }
    }
}
