package io.rackdesk.app.connections;

import io.rackdesk.app.connections.ssh.ChangedHostKeyException;
import io.rackdesk.app.connections.ssh.HostKey;
import io.rackdesk.app.connections.ssh.HostKeyAuth;
import io.rackdesk.app.connections.ssh.SshHostKeyProbe;
import io.rackdesk.app.connections.ssh.SshKnownHosts;
import io.rackdesk.app.connections.ssh.UnknownHostKeyException;
import io.rackdesk.app.connections.tls.TlsCertificates;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtErrors;
import io.rackdesk.app.libvirt.LibvirtHost;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.app.task.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the connection dialog needs from the core, off the UI thread: check the files, test a
 * connection (with the SSH host-key decision), install the TLS files of a saved connection, and forget
 * them again. Results come back as futures; blocking work runs on workers with timeouts.
 */
public final class ConnectionService {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionService.class);
    private static final Duration IO_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    /** The probe closes its socket after PROBE_TIMEOUT; reading known_hosts needs little more. */
    private static final Duration EXPLAIN_TIMEOUT = PROBE_TIMEOUT.plusSeconds(10);
    /** libssh: "Identity of host 'H:P' differs from stored identity. Please verify the new host key 'HEX' ..." */
    private static final Pattern CHANGED_KEY = Pattern.compile(
            "Identity of host '(.+):(\\d+)' differs from stored identity\\. Please verify the new host key '([0-9A-Fa-f:]+)'");
    private static final Pattern STORED_IN = Pattern.compile("The key is stored in '([^']+)'");
    private static final AtomicInteger TESTS = new AtomicInteger();

    private final ConnectionFiles files;
    private final ConnectionUris uris;
    private final ConnectionValidator validator;
    private final ConnectionInspector inspector;
    private final ConnectionDiagnostics diagnostics;
    private final LibvirtHostFactory hosts;
    private final Worker io;

    /** {@code io} runs the file work (checks, copies); tests get a worker of their own. */
    public ConnectionService(ConnectionFiles files, LibvirtHostFactory hosts, Worker io, Localization l10n, Clock clock) {
        this.files = Objects.requireNonNull(files);
        this.hosts = Objects.requireNonNull(hosts);
        this.io = Objects.requireNonNull(io);
        Objects.requireNonNull(l10n);
        this.uris = new ConnectionUris(files);
        this.validator = new ConnectionValidator(l10n);
        this.inspector = new ConnectionInspector(l10n, new TlsCertificates(l10n, clock));
        this.diagnostics = new ConnectionDiagnostics(uris, l10n);
    }

    public ConnectionFiles files() {
        return files;
    }

    public ConnectionUris uris() {
        return uris;
    }

    public ConnectionValidator validator() {
        return validator;
    }

    public ConnectionDiagnostics diagnostics() {
        return diagnostics;
    }

    /** Checks the given files and reads the certificates among them, on the io worker. */
    public CompletableFuture<ConnectionInspector.Report> inspect(ConnectionInspector.Paths paths) {
        return io.submit("check the files of a connection", () -> inspector.inspect(paths), IO_TIMEOUT);
    }

    /**
     * Opens {@code spec}, counts its VMs and closes it again. Fails with {@link ConnectionSetupException}
     * (files not usable; nothing tried), {@link UnknownHostKeyException} (ask the user, then call again
     * with {@code acceptedKey}), {@link ChangedHostKeyException}, or libvirt's error.
     */
    public CompletableFuture<ConnectionTestResult> test(ConnectionSpec spec, String connectionId, HostKey acceptedKey) {
        // a worker per test: a probe of a dead host must not hold up the next file check
        SerialWorker worker = new SerialWorker("connection-test-" + TESTS.incrementAndGet());
        HostKeyAuth auth = new HostKeyAuth(acceptedKey);
        CompletableFuture<ConnectionTestResult> result = new CompletableFuture<>();
        worker.submit("prepare the connection test", () -> stage(spec, connectionId), IO_TIMEOUT).whenComplete((staged, prepFailed) -> {
            if (prepFailed != null) {
                worker.close();
                result.completeExceptionally(DefaultTaskExecutor.unwrap(prepFailed));
                return;
            }
            LibvirtHost host = hosts.create("test-" + connectionId, staged.uri(), auth);
            host.open()
                    .thenCompose(summary -> host.listVms().thenApply(vms -> new ConnectionTestResult(staged.uri(), summary, vms.size())))
                    .whenComplete((ok, failed) -> {
                        host.disconnect().whenComplete((v, e) -> worker.submit("clean up the connection test", () -> {
                            staged.cleanUp();
                            return null;
                        }, IO_TIMEOUT).whenComplete((x, y) -> worker.close()));
                        if (failed == null) {
                            result.complete(ok);
                            return;
                        }
                        worker.submit("check the SSH host key", () -> explain(auth, DefaultTaskExecutor.unwrap(failed)), EXPLAIN_TIMEOUT)
                                .whenComplete((explained, e) -> result.completeExceptionally(
                                        explained != null ? explained : DefaultTaskExecutor.unwrap(failed)));
                    });
        });
        return result;
    }

    /**
     * Makes a connection ready to be saved: copies separately chosen TLS files into the connection's
     * own folder and creates the config folder for known_hosts. Returns the URI to store.
     */
    public CompletableFuture<String> install(ConnectionSpec spec, String connectionId) {
        return io.submit("save the files of a connection", () -> {
            files.ensureConfigDir();
            if (spec instanceof ConnectionSpec.Tls t && t.credentials() instanceof ConnectionSpec.SeparateFiles f) {
                files.installTls(connectionId, f);
            }
            return uris.build(spec, connectionId);
        }, IO_TIMEOUT);
    }

    /** Deletes what Rackdesk keeps for a removed connection (its TLS folder). */
    public CompletableFuture<Void> forget(String connectionId) {
        return io.submit("delete the files of a connection", () -> {
            files.deleteTls(connectionId);
            return null;
        }, IO_TIMEOUT);
    }

    /** The URI to test and, for separately chosen TLS files, a temporary folder holding copies. */
    private record Staged(String uri, Path tempFolder) {
        void cleanUp() throws IOException {
            if (tempFolder != null) {
                ConnectionFiles.deleteTree(tempFolder);
            }
        }
    }

    private Staged stage(ConnectionSpec spec, String connectionId) throws IOException {
        ConnectionInspector.Report report = inspector.inspect(spec);
        if (!report.problems().isEmpty()) {
            throw new ConnectionSetupException(String.join("\n", report.problems().values()));
        }
        files.ensureConfigDir();
        if (spec instanceof ConnectionSpec.Tls t && t.credentials() instanceof ConnectionSpec.SeparateFiles f) {
            // libvirt takes only a folder; the connection's own folder is written when it is saved
            Path temp = Files.createTempDirectory("rackdesk-tls-test");
            ConnectionFiles.copyPki(f, temp);
            ConnectionSpec staged = new ConnectionSpec.Tls(t.host(), t.port(), new ConnectionSpec.PkiFolder(temp));
            return new Staged(uris.build(staged, connectionId), temp);
        }
        return new Staged(uris.build(spec, connectionId), null);
    }

    /** Replaces libvirt's host-key errors by typed ones, with the key type read from the server. */
    private Throwable explain(HostKeyAuth auth, Throwable failure) throws IOException {
        if (auth.declinedKey().isPresent()) {
            HostKey key = auth.declinedKey().get();
            return new UnknownHostKeyException(key.withKeyType(probeType(key)));
        }
        String raw = LibvirtErrors.describe(failure);
        Matcher m = CHANGED_KEY.matcher(raw);
        if (m.find()) {
            HostKey key = new HostKey(m.group(1), Integer.parseInt(m.group(2)), null, m.group(3));
            Matcher stored = STORED_IN.matcher(raw);
            Path knownHosts = stored.find() ? Path.of(stored.group(1)) : files.knownHostsFile();
            List<Integer> lines = SshKnownHosts.linesFor(knownHosts, key.host(), key.port());
            return new ChangedHostKeyException(key.withKeyType(probeType(key)), knownHosts, lines);
        }
        return failure;
    }

    /** The key's type as the server shows it, or null (the probe is a courtesy; the hash is what counts). */
    private static String probeType(HostKey key) {
        try {
            return SshHostKeyProbe.keyType(key.host(), key.port(), key.sha256Hex(), PROBE_TIMEOUT);
        } catch (IOException | RuntimeException e) {
            LOG.info("could not read the host key type of {}: {}", key.address(), e.toString());
            return null;
        }
    }
}
