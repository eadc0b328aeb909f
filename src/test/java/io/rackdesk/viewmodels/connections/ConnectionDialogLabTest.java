package io.rackdesk.viewmodels.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.connections.ConnectionField;
import io.rackdesk.app.connections.ConnectionFiles;
import io.rackdesk.app.connections.ConnectionService;
import io.rackdesk.app.connections.ssh.HostKey;
import io.rackdesk.app.connections.Transport;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.testsupport.Lab;
import io.rackdesk.testsupport.UiQueue;
import io.rackdesk.viewmodels.connections.ConnectionDialogViewModel.TestState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dialog's connection test against the real lab: what the user sees for each transport and each failure. */
class ConnectionDialogLabTest {
    @TempDir
    Path config;
    private final UiQueue ui = new UiQueue();
    private ConnectionDialogViewModel vm;

    @BeforeEach
    void setUp() {
        Lab.require();
        Localization l10n = new Localization(Locale.ENGLISH);
        ConnectionService service = new ConnectionService(new ConnectionFiles(config),
                new LibvirtHostFactory(LibvirtEventLoop.start(), Duration.ofSeconds(20)), new SerialWorker("lab-dialog-io"), l10n, Clock.systemUTC());
        vm = ConnectionDialogViewModel.forNew(service, new DefaultTaskExecutor(ui), l10n);
    }

    private void fillSsh() {
        vm.transportProperty().set(Transport.SSH);
        vm.userProperty().set("root");
        vm.hostProperty().set("127.0.0.1");
        vm.portProperty().set(Lab.get("RACKDESK_LAB_SSH_PORT"));
        vm.keyFileProperty().set(Lab.get("RACKDESK_LAB_SSH_KEY"));
    }

    private void fillTls(String folder) {
        vm.transportProperty().set(Transport.TLS);
        vm.hostProperty().set("127.0.0.1");
        vm.portProperty().set(Lab.get("RACKDESK_LAB_TLS_PORT"));
        vm.tlsFolderProperty().set(folder);
    }

    private TestState runTest() {
        ui.pumpUntil(() -> !vm.checkingFilesProperty().get(), "files checked");
        assertTrue(vm.validProperty().get(), "valid before testing");
        vm.testConnection();
        ui.pumpUntil(() -> vm.testStateProperty().get() != TestState.RUNNING, Duration.ofSeconds(60), "tested");
        return vm.testStateProperty().get();
    }

    @Test
    void tcpAndTlsConnect() {
        vm.transportProperty().set(Transport.TCP);
        vm.hostProperty().set("127.0.0.1");
        vm.portProperty().set(Lab.get("RACKDESK_LAB_TCP_PORT"));
        assertEquals(TestState.CONNECTED, runTest(), vm.testMessageProperty().get());
        assertTrue(vm.testMessageProperty().get().matches("Connected to .+ \\(QEMU, libvirt \\d+\\.\\d+\\.\\d+\\): \\d+ VMs?\\."),
                vm.testMessageProperty().get());

        fillTls(Lab.get("RACKDESK_LAB_PKI_CLIENT"));
        assertEquals(TestState.CONNECTED, runTest(), vm.testMessageProperty().get());
        assertTrue(vm.certificateInfoProperty().get().contains("Subject: CN=rackdesk-lab-client,O=Rackdesk lab,C=XX"),
                vm.certificateInfoProperty().get());
        assertEquals("", vm.certificateWarningsProperty().get());
    }

    @Test
    void tlsWithoutClientCertificateIsExplainedAtTheFolderAndCannotBeTested() throws Exception {
        Path pki = Files.createDirectories(config.resolve("only-ca"));
        Files.copy(Path.of(Lab.get("RACKDESK_LAB_PKI_CLIENT"), "cacert.pem"), pki.resolve("cacert.pem"));
        fillTls(pki.toString());
        ui.pumpUntil(() -> !vm.checkingFilesProperty().get(), "files checked");
        assertEquals(pki + " has no clientcert.pem: the server will refuse the connection without a client certificate.\n"
                + pki + " has no clientkey.pem, the private key of the client certificate.", vm.errorProperty(ConnectionField.TLS_FOLDER).get());
        assertFalse(vm.validProperty().get());
        vm.testConnection();
        assertEquals(TestState.IDLE, vm.testStateProperty().get(), "nothing is tried with a known-bad folder");

        vm.customUriProperty().set(vm.uriPreviewProperty().get());
        vm.transportProperty().set(Transport.CUSTOM);
        assertEquals(TestState.FAILED, runTest());
        assertTrue(vm.testMessageProperty().get().startsWith(
                "The server refused the connection because no client certificate was sent: " + pki + " has no clientcert.pem."),
                vm.testMessageProperty().get());
    }

    @Test
    void anUnknownSshHostKeyIsAskedAboutAndAcceptedThenItConnects() throws Exception {
        fillSsh();
        assertEquals(TestState.HOST_KEY_UNKNOWN, runTest(), vm.testMessageProperty().get());
        HostKey key = vm.hostKeyPromptProperty().get();
        assertEquals("127.0.0.1:" + Lab.get("RACKDESK_LAB_SSH_PORT"), key.address());
        assertEquals("ED25519", vm.hostKeyTypeProperty().get());
        assertTrue(key.fingerprint().matches("SHA256:[A-Za-z0-9+/]{43}"), key.fingerprint());
        assertTrue(vm.hostKeyExplanationProperty().get().contains("ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub"),
                vm.hostKeyExplanationProperty().get());

        vm.acceptHostKey();
        assertNull(vm.hostKeyPromptProperty().get());
        ui.pumpUntil(() -> vm.testStateProperty().get() != TestState.RUNNING, Duration.ofSeconds(60), "tested again");
        assertEquals(TestState.CONNECTED, vm.testStateProperty().get(), vm.testMessageProperty().get());
        assertTrue(Files.readString(config.resolve("known_hosts")).contains(" ssh-ed25519 "), "libvirt stored the accepted key");
    }

    @Test
    void aRejectedHostKeyStoresNothing() {
        fillSsh();
        assertEquals(TestState.HOST_KEY_UNKNOWN, runTest());
        vm.rejectHostKey();
        assertEquals(TestState.FAILED, vm.testStateProperty().get());
        assertEquals("Host key of 127.0.0.1:" + Lab.get("RACKDESK_LAB_SSH_PORT") + " rejected: not connected, nothing stored.",
                vm.testMessageProperty().get());
        assertEquals(0, config.resolve("known_hosts").toFile().length(), "no key stored");
    }

    @Test
    void aChangedSshHostKeyIsRefusedWithAWarning() throws Exception {
        Files.createDirectories(config);
        Files.copy(Path.of(Lab.get("RACKDESK_LAB_SSH_KNOWN_HOSTS_WRONG")), config.resolve("known_hosts"));
        fillSsh();
        assertEquals(TestState.HOST_KEY_CHANGED, runTest());
        assertNull(vm.hostKeyPromptProperty().get(), "no accept button for a changed key");
        String msg = vm.testMessageProperty().get();
        assertTrue(msg.startsWith("WARNING: the SSH host key of 127.0.0.1:" + Lab.get("RACKDESK_LAB_SSH_PORT") + " has CHANGED"), msg);
        assertTrue(msg.contains("man-in-the-middle attack") && msg.contains(config.resolve("known_hosts") + " (line 1)"), msg);
    }
}
