package io.rackdesk.app.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rackdesk.app.connections.ssh.ChangedHostKeyException;
import io.rackdesk.app.connections.ssh.HostKey;
import io.rackdesk.app.connections.ssh.UnknownHostKeyException;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.task.CallTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libvirt's own error texts (recorded on the lab, scripts/lab/README.md) become specific messages. The
 * errors are plain exceptions here; ConnectionServiceLabTest gets the real ones.
 */
class ConnectionDiagnosticsTest {
    private static final String HEX = "48:82:3c:e7:33:e6:5e:ed:19:12:1c:2c:c2:32:d6:ff:4c:97:aa:0d:b0:a5:56:31:b5:c0:a1:9b:2b:34:74:0b";

    @TempDir
    Path dir;
    private final ConnectionFiles files = new ConnectionFiles(Path.of("/home/ana/.config/rackdesk"));
    private final ConnectionDiagnostics diag = new ConnectionDiagnostics(new ConnectionUris(files), new Localization(Locale.ENGLISH));

    private static RuntimeException libvirt(String message) {
        return new RuntimeException(message);
    }

    @Test
    void tlsWithoutClientCertificate() {
        ConnectionSpec tls = new ConnectionSpec.Tls("kvm-01", null, new ConnectionSpec.PkiFolder(dir));
        assertEquals("The server refused the connection because no client certificate was sent: " + dir + " has no clientcert.pem. "
                + "Add the client certificate and its key (clientkey.pem) to that folder.\n"
                + "libvirt: Unable to read TLS confirmation: Input/output error",
                diag.describe(tls, libvirt("Unable to read TLS confirmation: Input/output error")));
    }

    @Test
    void tlsWithAClientCertificateTheServerDoesNotLike() throws Exception {
        Files.writeString(dir.resolve("clientcert.pem"), "x");
        String uri = "qemu+tls://kvm-01/system?pkipath=" + dir;
        assertEquals("kvm-01:16514 closed the TLS connection during the handshake: it rejected the client certificate "
                + dir.resolve("clientcert.pem") + " (issued by a CA the server does not trust, or not allowed there).\n"
                + "libvirt: Unable to read TLS confirmation: Input/output error",
                diag.describe(uri, libvirt("Unable to read TLS confirmation: Input/output error")));
    }

    @Test
    void tlsCertificateProblemsFoundBeforeConnecting() {
        ConnectionSpec tls = new ConnectionSpec.Tls("kvm-01", null, new ConnectionSpec.PkiFolder(Path.of("/p")));
        assertEquals("The client certificate /p/clientcert.pem was not issued by the CA certificate /p/cacert.pem. "
                + "Choose the CA that signed it, or a client certificate issued by this CA.",
                firstLine(diag.describe(tls, libvirt("Our own certificate /p/clientcert.pem failed validation against /p/cacert.pem: "
                        + "The certificate hasn't got a known issuer."))));
        assertEquals("Client certificate /p/clientcert.pem has expired. Issue a new certificate.",
                firstLine(diag.describe(tls, libvirt("The client certificate /p/clientcert.pem has expired"))));
        assertEquals("libvirt cannot read /p/cacert.pem.",
                firstLine(diag.describe(tls, libvirt("Cannot read CA certificate '/p/cacert.pem': No such file or directory"))));
        assertEquals("The certificate of kvm-01:16514 could not be verified with the CA certificate /p/cacert.pem: it was issued by another CA, "
                + "has expired, or does not name “kvm-01”.",
                firstLine(diag.describe(tls, libvirt("authentication failed: Failed to verify peer's certificate"))));
        assertEquals("The TLS handshake with kvm-01:16514 failed. Is that libvirtd’s TLS port (16514)? 16509 is its plain TCP port.",
                firstLine(diag.describe(tls, libvirt("authentication failed: TLS handshake failed Error in the pull function."))));
        assertEquals("The server’s certificate does not name “kvm-01”. Connect with a host name or IP address listed in its alternative names.",
                firstLine(diag.describe(tls, libvirt("Certificate [session] owner does not match the hostname kvm-01"))));
    }

    @Test
    void sshKeyProblems() {
        ConnectionSpec ssh = new ConnectionSpec.Ssh("root", "kvm-01", null, Path.of("/home/ana/.ssh/id_ed25519"));
        assertEquals("The SSH private key /nonexist could not be read: it is missing, unreadable or not a private key.",
                firstLine(diag.describe(ssh, libvirt("authentication failed: error while reading private key '/nonexist'"))));
        assertEquals("The SSH key /k is protected by a passphrase, and Rackdesk stores no secrets. Use a key without a passphrase.",
                firstLine(diag.describe(ssh, libvirt("authentication failed: error while opening private key '/k', wrong passphrase?"))));
        assertEquals("kvm-01:22 refused the key /home/ana/.ssh/id_ed25519 for user “root”. Add the matching public key (.pub) to that user’s "
                + "~/.ssh/authorized_keys on the host.",
                firstLine(diag.describe(ssh, libvirt("libssh transport error: failed to authenticate: Access denied for 'publickey'. "
                        + "Authentication that can continue: publickey"))));
    }

    @Test
    void changedHostKeyNamesTheRiskTheFileAndTheLine() {
        HostKey presented = new HostKey("127.0.0.1", 2222, "ssh-ed25519", HEX);
        String msg = diag.describe("qemu+libssh://root@127.0.0.1:2222/system",
                new CompletionException(new ChangedHostKeyException(presented, Path.of("/home/ana/.config/rackdesk/known_hosts"), List.of(1))));
        assertEquals("WARNING: the SSH host key of 127.0.0.1:2222 has CHANGED; it now presents ED25519 SHA256:SII85zPmXu0ZEhwswjLW/0yXqg2wpVYxtcChmys0dAs. "
                + "Someone may be intercepting the connection (man-in-the-middle attack), or the host was reinstalled and got a new key. "
                + "Rackdesk will not connect. Check the new key with the host’s administrator; only if it is right, remove the old key from "
                + "/home/ana/.config/rackdesk/known_hosts (line 1) and test again.", msg);
    }

    @Test
    void unknownHostKeyOutsideTheDialog() {
        assertEquals("The SSH host key of 127.0.0.1:2222 is not known yet (key SHA256:SII85zPmXu0ZEhwswjLW/0yXqg2wpVYxtcChmys0dAs). "
                + "Test the connection in its settings to check and accept it.",
                diag.describe("qemu+libssh://127.0.0.1:2222/system", new UnknownHostKeyException(new HostKey("127.0.0.1", 2222, null, HEX))));
    }

    @Test
    void aSavedConnectionMeetingANewHostKeyIsToldWhereToAcceptIt() {
        assertEquals("The SSH host key of 127.0.0.1:2222 is not known yet (key SHA256:SII85zPmXu0ZEhwswjLW/0yXqg2wpVYxtcChmys0dAs). "
                + "Test the connection in its settings to check and accept it.",
                firstLine(diag.describe("qemu+libssh://root@127.0.0.1:2222/system?keyfile=/k",
                        libvirt("libssh transport error: SSH host key for '127.0.0.1' (" + HEX + ") was not accepted"))));
    }

    @Test
    void networkProblems() {
        ConnectionSpec tcp = new ConnectionSpec.Tcp("kvm-01", null);
        assertEquals("127.0.0.1:16599 refused the connection. Is libvirtd (or sshd) running and listening on that port, and does the firewall let it through?",
                firstLine(diag.describe(tcp, libvirt("unable to connect to server at '127.0.0.1:16599': Connection refused"))));
        assertEquals("The host name “no-such-host.invalid” could not be resolved. Check the spelling and the DNS.",
                firstLine(diag.describe(tcp, libvirt("Unable to resolve address 'no-such-host.invalid' service '16509': Name or service not known"))));
        assertEquals("kvm-01:16509 did not answer in time (15 s). The host may be down, or a firewall drops the packets.",
                diag.describe(tcp, new CallTimeoutException("connect to qemu+tcp://kvm-01/system", Duration.ofSeconds(15))));
        assertEquals("libvirt is not running on this computer (no socket /run/libvirt/libvirt-sock). Start libvirtd or virtqemud.",
                firstLine(diag.describe("qemu:///system",
                        libvirt("Failed to connect socket to '/run/libvirt/libvirt-sock': No such file or directory"))));
    }

    @Test
    void anythingElseIsLibvirtsOwnText() {
        assertEquals("internal error: something new", diag.describe("qemu:///system", libvirt("internal error: something new")));
        assertEquals("Some files are wrong", diag.describe("qemu:///system", new ConnectionSetupException("Some files are wrong")));
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }
}
