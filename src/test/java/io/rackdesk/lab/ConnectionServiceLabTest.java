package io.rackdesk.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.connections.ConnectionFiles;
import io.rackdesk.app.connections.ConnectionService;
import io.rackdesk.app.connections.ConnectionSetupException;
import io.rackdesk.app.connections.ConnectionSpec;
import io.rackdesk.app.connections.ConnectionTestResult;
import io.rackdesk.app.connections.ssh.ChangedHostKeyException;
import io.rackdesk.app.connections.ssh.HostKey;
import io.rackdesk.app.connections.ssh.SshHostKeyProbe;
import io.rackdesk.app.connections.ssh.UnknownHostKeyException;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.testsupport.Lab;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection service against the real lab: every transport, and every host-key and certificate case. */
class ConnectionServiceLabTest {
    @TempDir
    Path config;
    private ConnectionService service;

    @BeforeEach
    void setUp() {
        Lab.require();
        service = new ConnectionService(new ConnectionFiles(config), new LibvirtHostFactory(LibvirtEventLoop.start(), Duration.ofSeconds(20)),
                new SerialWorker("lab-io"), new Localization(Locale.ENGLISH), Clock.systemUTC());
    }

    /** The lab sshd's host key as libvirt reports it: SHA-256 of the key blob, as colon-separated hex. */
    static String labHostKeyHex() throws Exception {
        String pub = Files.readString(Path.of(Lab.get("RACKDESK_LAB_DIR"), "ssh", "host_ed25519.pub")).split("\\s+")[1];
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(pub));
        return HexFormat.ofDelimiter(":").formatHex(hash);
    }

    static ConnectionSpec.Ssh labSsh() {
        return new ConnectionSpec.Ssh("root", "127.0.0.1", Integer.valueOf(Lab.get("RACKDESK_LAB_SSH_PORT")), Path.of(Lab.get("RACKDESK_LAB_SSH_KEY")));
    }

    private ConnectionTestResult test(ConnectionSpec spec, HostKey accepted) throws Exception {
        return service.test(spec, "lab", accepted).get(60, TimeUnit.SECONDS);
    }

    private Throwable failure(ConnectionSpec spec, HostKey accepted) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> test(spec, accepted));
        return e.getCause();
    }

    @Test
    void tcpAndTlsConnectAndCountTheLabVm() throws Exception {
        ConnectionTestResult tcp = test(new ConnectionSpec.Tcp("127.0.0.1", Integer.valueOf(Lab.get("RACKDESK_LAB_TCP_PORT"))), null);
        assertTrue(tcp.vmCount() >= 1, tcp.toString());
        assertEquals("QEMU", tcp.host().driver());
        assertTrue(tcp.host().libvirtVersion().matches("\\d+\\.\\d+\\.\\d+"));

        Path pki = Path.of(Lab.get("RACKDESK_LAB_PKI_CLIENT"));
        int tlsPort = Integer.parseInt(Lab.get("RACKDESK_LAB_TLS_PORT"));
        assertTrue(test(new ConnectionSpec.Tls("127.0.0.1", tlsPort, new ConnectionSpec.PkiFolder(pki)), null).vmCount() >= 1);
        ConnectionTestResult files = test(new ConnectionSpec.Tls("localhost", tlsPort, new ConnectionSpec.SeparateFiles(
                pki.resolve("cacert.pem"), pki.resolve("clientcert.pem"), pki.resolve("clientkey.pem"))), null);
        assertTrue(files.uri().contains("rackdesk-tls-test"), "separate files are tested from a temporary copy: " + files.uri());
        Path temp = Path.of(files.uri().substring(files.uri().indexOf("pkipath=") + 8));
        waitUntil(() -> !Files.exists(temp), "the temporary copy is deleted");
    }

    @Test
    void tlsWithoutAClientCertificateIsStoppedBeforeConnectingAndExplainedWhenTriedAnyway() throws Exception {
        Path pki = Files.createDirectories(config.resolve("only-ca"));
        Files.copy(Path.of(Lab.get("RACKDESK_LAB_PKI_CLIENT"), "cacert.pem"), pki.resolve("cacert.pem"));
        int tlsPort = Integer.parseInt(Lab.get("RACKDESK_LAB_TLS_PORT"));

        Throwable e = failure(new ConnectionSpec.Tls("127.0.0.1", tlsPort, new ConnectionSpec.PkiFolder(pki)), null);
        assertInstanceOf(ConnectionSetupException.class, e);
        assertTrue(e.getMessage().contains(pki + " has no clientcert.pem: the server will refuse the connection without a client certificate."),
                e.getMessage());

        // a raw URI is not checked beforehand: libvirt fails, and the message says why
        ConnectionSpec raw = new ConnectionSpec.Custom("qemu+tls://127.0.0.1:" + tlsPort + "/system?pkipath=" + pki);
        String msg = service.diagnostics().describe(raw, failure(raw, null));
        assertEquals("The server refused the connection because no client certificate was sent: " + pki + " has no clientcert.pem. "
                + "Add the client certificate and its key (clientkey.pem) to that folder.\n"
                + "libvirt: Unable to read TLS confirmation: Input/output error", msg);
    }

    @Test
    void anUnknownHostKeyIsDeclinedShownAndAcceptedOnlyAsShown() throws Exception {
        Path knownHosts = config.resolve("known_hosts");
        Throwable e = failure(labSsh(), null);
        UnknownHostKeyException unknown = assertInstanceOf(UnknownHostKeyException.class, e);
        assertEquals("127.0.0.1", unknown.host());
        assertEquals(Integer.parseInt(Lab.get("RACKDESK_LAB_SSH_PORT")), unknown.port());
        assertEquals("ssh-ed25519", unknown.keyType(), "read from the server; libvirt's prompt does not say");
        assertEquals(labHostKeyHex(), unknown.hostKey().sha256Hex());
        assertTrue(unknown.fingerprint().startsWith("SHA256:"));
        assertTrue(!Files.exists(knownHosts) || Files.readString(knownHosts).isBlank(), "declining stores nothing");

        HostKey other = new HostKey(unknown.host(), unknown.port(), null, labHostKeyHex().replaceFirst("^..", "00"));
        assertInstanceOf(UnknownHostKeyException.class, failure(labSsh(), other), "yes only for the very key shown");

        ConnectionTestResult ok = test(labSsh(), unknown.hostKey());
        assertTrue(ok.vmCount() >= 1);
        List<String> lines = Files.readAllLines(knownHosts);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("[127.0.0.1]:" + unknown.port() + " ssh-ed25519 "), lines.get(0));
        assertTrue(test(labSsh(), null).vmCount() >= 1, "known now: no question");
        // libvirt free()s the answers; were they JNA's, the collector would free them again and abort the JVM
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        assertTrue(test(labSsh(), null).vmCount() >= 1, "still alive after the collector ran");
    }

    @Test
    void aChangedHostKeyIsRefusedAndExplained() throws Exception {
        Path knownHosts = config.resolve("known_hosts");
        Files.copy(Path.of(Lab.get("RACKDESK_LAB_SSH_KNOWN_HOSTS_WRONG")), knownHosts);
        String before = Files.readString(knownHosts);

        ChangedHostKeyException changed = assertInstanceOf(ChangedHostKeyException.class, failure(labSsh(), null));
        assertEquals(knownHosts, changed.knownHostsFile());
        assertEquals(List.of(1), changed.lines());
        assertEquals(labHostKeyHex(), changed.hostKey().sha256Hex(), "the key the server presents now");
        assertEquals(before, Files.readString(knownHosts), "never accepted automatically");
        String msg = service.diagnostics().describe(labSsh(), changed);
        assertTrue(msg.contains("man-in-the-middle") && msg.contains("reinstalled") && msg.contains(knownHosts + " (line 1)"), msg);
    }

    @Test
    void theProbeReadsTheSameKeyLibvirtSees() throws Exception {
        int port = Integer.parseInt(Lab.get("RACKDESK_LAB_SSH_PORT"));
        assertEquals("ssh-ed25519", SshHostKeyProbe.keyType("127.0.0.1", port, labHostKeyHex(), Duration.ofSeconds(5)));
        assertEquals(null, SshHostKeyProbe.keyType("127.0.0.1", port, labHostKeyHex().replaceFirst("^..", "00"), Duration.ofSeconds(5)));
    }

    @Test
    void aClosedPortIsExplained() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ConnectionSpec tcp = new ConnectionSpec.Tcp("127.0.0.1", port);
        String msg = service.diagnostics().describe(tcp, failure(tcp, null));
        assertTrue(msg.startsWith("127.0.0.1:" + port + " refused the connection."), msg);
    }

    private static void waitUntil(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }
}
