// PEM markers are split ("PRIVATE " + "KEY") so that no file looks like a committed key; none holds key material.
package io.rackdesk.viewmodels.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.connections.ConnectionField;
import io.rackdesk.app.connections.ConnectionFiles;
import io.rackdesk.app.connections.ConnectionService;
import io.rackdesk.app.connections.TlsSource;
import io.rackdesk.app.connections.Transport;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import io.rackdesk.app.settings.ConnectionSettings;
import io.rackdesk.app.settings.SettingsLoad;
import io.rackdesk.app.settings.SettingsStore;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.testsupport.DemoHost;
import io.rackdesk.testsupport.TlsFixtures;
import io.rackdesk.testsupport.UiQueue;
import io.rackdesk.viewmodels.connections.ConnectionDialogViewModel.Mode;
import io.rackdesk.viewmodels.connections.ConnectionDialogViewModel.TestState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection dialog's ViewModel with no toolkit: the real core and libvirt's test driver, a queue as the UI thread. */
class ConnectionDialogViewModelTest {
    static final String UNENCRYPTED_OPENSSH_KEY = "-----BEGIN OPENSSH PRIVATE " + "KEY-----\n"
            + "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQyNTUxOQ==\n"
            + "-----END OPENSSH PRIVATE KEY-----\n";

    @TempDir
    Path dir;
    final UiQueue ui = new UiQueue();
    final Localization l10n = new Localization(Locale.ENGLISH);
    ConnectionService service;

    @BeforeEach
    void setUp() {
        service = new ConnectionService(new ConnectionFiles(dir.resolve("config")),
                new LibvirtHostFactory(LibvirtEventLoop.start(), Duration.ofSeconds(20)), new SerialWorker("dialog-io"), l10n, Clock.systemUTC());
    }

    ConnectionDialogViewModel newDialog() {
        return ConnectionDialogViewModel.forNew(service, new DefaultTaskExecutor(ui), l10n);
    }

    void settle(ConnectionDialogViewModel vm) {
        ui.pumpUntil(() -> !vm.checkingFilesProperty().get(), "files checked");
    }

    String error(ConnectionDialogViewModel vm, ConnectionField f) {
        return vm.errorProperty(f).get();
    }

    @Test
    void aNewFormShowsNoErrorsUntilAFieldIsEdited() {
        ConnectionDialogViewModel vm = newDialog();
        assertEquals(Transport.SSH, vm.transportProperty().get());
        assertEquals("", error(vm, ConnectionField.HOST));
        assertFalse(vm.validProperty().get());
        assertEquals("", vm.uriPreviewProperty().get());
        vm.hostProperty().set("x");
        vm.hostProperty().set("");
        assertEquals("Enter the host name or IP address.", error(vm, ConnectionField.HOST));
        assertEquals("", error(vm, ConnectionField.KEY_FILE), "still untouched");
    }

    @Test
    void sshFieldsAreValidatedLiveUntilTheUriIsComplete() throws IOException {
        ConnectionDialogViewModel vm = newDialog();
        vm.userProperty().set("root");
        vm.hostProperty().set("root@kvm-01");
        assertEquals("Enter the user in the User field, not in the host name.", error(vm, ConnectionField.HOST));
        vm.hostProperty().set("kvm-01");
        assertEquals("", error(vm, ConnectionField.HOST));
        vm.portProperty().set("22000000");
        assertTrue(error(vm, ConnectionField.PORT).startsWith("“22000000” is not a port"));
        vm.portProperty().set("");
        assertEquals("22", vm.defaultPortProperty().get());

        Path missing = dir.resolve("id_ed25519");
        vm.keyFileProperty().set(missing.toString());
        assertTrue(vm.checkingFilesProperty().get(), "files are checked off the UI thread");
        assertFalse(vm.validProperty().get(), "not valid while unchecked");
        settle(vm);
        assertEquals("There is no file " + missing + ".", error(vm, ConnectionField.KEY_FILE));
        assertFalse(vm.validProperty().get());

        Files.writeString(missing, UNENCRYPTED_OPENSSH_KEY);
        vm.keyFileProperty().set(missing + " "); // a changed value is checked again
        settle(vm);
        assertEquals("", error(vm, ConnectionField.KEY_FILE));
        assertTrue(vm.validProperty().get());
        assertEquals("qemu+libssh://root@kvm-01/system?keyfile=" + missing + "&known_hosts=" + dir.resolve("config/known_hosts")
                + "&sshauth=privkey&no_tty=1", vm.uriPreviewProperty().get());
        assertEquals("kvm-01", vm.suggestedNameProperty().get());
    }

    @Test
    void switchingTransportKeepsWhatWasTyped() {
        ConnectionDialogViewModel vm = newDialog();
        vm.hostProperty().set("kvm-01");
        vm.keyFileProperty().set("/home/ana/.ssh/id_ed25519");
        vm.transportProperty().set(Transport.TCP);
        assertEquals("qemu+tcp://kvm-01/system", vm.uriPreviewProperty().get());
        assertTrue(vm.validProperty().get());
        assertTrue(vm.transportHintProperty().get().startsWith("Unencrypted"));
        vm.transportProperty().set(Transport.SSH);
        assertEquals("/home/ana/.ssh/id_ed25519", vm.keyFileProperty().get());
        assertEquals("kvm-01", vm.hostProperty().get());
    }

    @Test
    void theTestDriverConnectsAndIsSaved() {
        ConnectionDialogViewModel vm = newDialog();
        vm.transportProperty().set(Transport.TEST);
        assertTrue(vm.validProperty().get());
        assertEquals("test:///default", vm.uriPreviewProperty().get());
        vm.testConnection();
        assertEquals(TestState.RUNNING, vm.testStateProperty().get());
        assertEquals("Connecting to test:///default…", vm.testMessageProperty().get());
        ui.pumpUntil(() -> vm.testStateProperty().get() != TestState.RUNNING, "tested");
        assertEquals(TestState.CONNECTED, vm.testStateProperty().get(), vm.testMessageProperty().get());
        assertTrue(vm.testMessageProperty().get().matches("Connected to .+ \\(TEST, libvirt \\d+\\.\\d+\\.\\d+\\): 1 VM\\."),
                vm.testMessageProperty().get());

        vm.autoconnectProperty().set(false);
        vm.save();
        ui.pumpUntil(() -> vm.resultProperty().get() != null, "saved");
        ConnectionSettings saved = vm.resultProperty().get();
        assertEquals(new ConnectionSettings(vm.connectionId(), "Test driver", "test:///default", false, false), saved);
    }

    @Test
    void aFixtureFileIsCheckedAndItsVmsCounted() {
        ConnectionDialogViewModel vm = newDialog();
        vm.transportProperty().set(Transport.TEST);
        vm.testFileProperty().set(dir.resolve("nope.xml").toString());
        settle(vm);
        assertEquals("There is no file " + dir.resolve("nope.xml") + ".", error(vm, ConnectionField.TEST_FILE));
        String uri = DemoHost.uri(dir);
        vm.testFileProperty().set(Path.of(java.net.URI.create(uri).getPath()).toString());
        settle(vm);
        assertTrue(vm.validProperty().get());
        assertEquals(uri, vm.uriPreviewProperty().get());
        assertEquals("demo-host.xml", vm.suggestedNameProperty().get());
        vm.testConnection();
        ui.pumpUntil(() -> vm.testStateProperty().get() == TestState.CONNECTED, "connected");
        assertTrue(vm.testMessageProperty().get().endsWith(": " + DemoHost.VM_COUNT + " VMs."), vm.testMessageProperty().get());
    }

    @Test
    void aResultForOlderFieldsIsDropped() {
        ConnectionDialogViewModel vm = newDialog();
        vm.transportProperty().set(Transport.TEST);
        vm.testConnection();
        vm.nameProperty().set("renamed"); // the name is no part of the test
        assertEquals(TestState.RUNNING, vm.testStateProperty().get());
        vm.transportProperty().set(Transport.LOCAL_SESSION);
        assertEquals(TestState.IDLE, vm.testStateProperty().get(), "other fields: the running test no longer counts");
        ui.drain(Duration.ofMillis(500));
        assertEquals(TestState.IDLE, vm.testStateProperty().get());
        assertEquals("", vm.testMessageProperty().get());
    }

    @Test
    void editPrefillsEveryFieldAndKeepsTheId() {
        ConnectionSettings existing = new ConnectionSettings("c-7", "kvm-01", "qemu+libssh://root@kvm-01:2222/system?keyfile=/home/ana/.ssh/id_rsa"
                + "&known_hosts=" + dir.resolve("config/known_hosts") + "&sshauth=privkey&no_tty=1", false, false);
        ConnectionDialogViewModel vm = ConnectionDialogViewModel.forEdit(existing, service, new DefaultTaskExecutor(ui), l10n);
        assertEquals(Mode.EDIT, vm.mode());
        assertEquals("c-7", vm.connectionId());
        assertEquals("Edit connection “kvm-01”", vm.title());
        assertEquals(Transport.SSH, vm.transportProperty().get());
        assertEquals("root", vm.userProperty().get());
        assertEquals("kvm-01", vm.hostProperty().get());
        assertEquals("2222", vm.portProperty().get());
        assertEquals("/home/ana/.ssh/id_rsa", vm.keyFileProperty().get());
        assertFalse(vm.autoconnectProperty().get());
        assertEquals(existing.uri(), vm.uriPreviewProperty().get(), "unchanged fields, unchanged URI");
        settle(vm);
        assertEquals("There is no file /home/ana/.ssh/id_rsa.", error(vm, ConnectionField.KEY_FILE), "an edited form shows its problems at once");
    }

    @Test
    void aRawUriIsEditedAsTypedAndTheDemoFlagSurvivesOnlyUnchanged() {
        String demoUri = DemoHost.uri(dir);
        ConnectionSettings demo = new ConnectionSettings("demo", "Demo host", demoUri, true, true);
        ConnectionDialogViewModel same = ConnectionDialogViewModel.forEdit(demo, service, new DefaultTaskExecutor(ui), l10n);
        settle(same);
        same.save();
        ui.pumpUntil(() -> same.resultProperty().get() != null, "saved");
        assertTrue(same.resultProperty().get().demo());

        ConnectionDialogViewModel changed = ConnectionDialogViewModel.forEdit(demo, service, new DefaultTaskExecutor(ui), l10n);
        changed.testFileProperty().set("");
        changed.save();
        ui.pumpUntil(() -> changed.resultProperty().get() != null, "saved");
        assertEquals("test:///default", changed.resultProperty().get().uri());
        assertFalse(changed.resultProperty().get().demo());

        ConnectionSettings raw = new ConnectionSettings("r", "old host", "qemu+ssh://root@old/system?no_verify=1", true, false);
        ConnectionDialogViewModel custom = ConnectionDialogViewModel.forEdit(raw, service, new DefaultTaskExecutor(ui), l10n);
        assertEquals(Transport.CUSTOM, custom.transportProperty().get());
        assertEquals(raw.uri(), custom.customUriProperty().get());
    }

    @Test
    void duplicateGetsANewIdACopyNameAndItsOwnCopiesOfTheCertificates() throws IOException {
        Path key = Files.writeString(dir.resolve("client.key"), "-----BEGIN PRIVATE " + "KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        ConnectionDialogViewModel first = newDialog();
        first.transportProperty().set(Transport.TLS);
        first.tlsSourceProperty().set(TlsSource.FILES);
        first.hostProperty().set("kvm-01.example.org");
        first.caCertProperty().set(TlsFixtures.path("ca.pem").toString());
        first.clientCertProperty().set(TlsFixtures.path("client.pem").toString());
        first.clientKeyProperty().set(key.toString());
        settle(first);
        assertTrue(first.validProperty().get(), first.errorProperty(ConnectionField.CLIENT_KEY).get());
        assertTrue(first.certificateInfoProperty().get().contains("Subject: CN=test-client,O=Rackdesk test"), first.certificateInfoProperty().get());
        first.save();
        ui.pumpUntil(() -> first.resultProperty().get() != null, "saved");
        ConnectionSettings original = first.resultProperty().get();
        Path ownFolder = dir.resolve("config/tls").resolve(original.id());
        assertEquals("qemu+tls://kvm-01.example.org/system?pkipath=" + ownFolder, original.uri());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ownFolder.resolve("clientkey.pem"))));

        ConnectionDialogViewModel copy = ConnectionDialogViewModel.forDuplicate(original, service, new DefaultTaskExecutor(ui), l10n);
        assertEquals("kvm-01.example.org (copy)", copy.nameProperty().get());
        assertNotEquals(original.id(), copy.connectionId());
        assertEquals(TlsSource.FILES, copy.tlsSourceProperty().get());
        assertEquals(ownFolder.resolve("clientcert.pem").toString(), copy.clientCertProperty().get());
        settle(copy);
        copy.save();
        ui.pumpUntil(() -> copy.resultProperty().get() != null, "copy saved");
        Path copyFolder = dir.resolve("config/tls").resolve(copy.connectionId());
        assertEquals("qemu+tls://kvm-01.example.org/system?pkipath=" + copyFolder, copy.resultProperty().get().uri());
        assertEquals(Files.readString(ownFolder.resolve("clientkey.pem")), Files.readString(copyFolder.resolve("clientkey.pem")));
    }

    @Test
    void aSettingsFileFromTheFirstVersionStillLoadsAndItsConnectionsOpenInTheDialog() throws IOException {
        // written by Rackdesk 0.1 (before the connection dialog): no transport fields at all
        Path file = Files.writeString(dir.resolve("settings.json"), """
                {
                  "version" : 1,
                  "theme" : "DARK",
                  "connections" : [ {
                    "id" : "3f0c",
                    "name" : "kvm-01",
                    "uri" : "qemu+ssh://root@kvm-01/system",
                    "autoconnect" : true,
                    "demo" : false
                  }, {
                    "id" : "77aa",
                    "name" : "lab",
                    "uri" : "qemu+tcp://10.0.0.5/system",
                    "autoconnect" : false,
                    "demo" : false
                  } ]
                }
                """);
        SettingsLoad load = new SettingsStore(file).load();
        assertTrue(load.problem().isEmpty(), load.problem().toString());
        List<ConnectionSettings> connections = load.settings().connections();
        assertEquals(2, connections.size());

        ConnectionDialogViewModel ssh = ConnectionDialogViewModel.forEdit(connections.get(0), service, new DefaultTaskExecutor(ui), l10n);
        assertEquals(Transport.CUSTOM, ssh.transportProperty().get(), "the ssh binary's transport stays as it was");
        assertEquals("qemu+ssh://root@kvm-01/system", ssh.uriPreviewProperty().get());
        ConnectionDialogViewModel tcp = ConnectionDialogViewModel.forEdit(connections.get(1), service, new DefaultTaskExecutor(ui), l10n);
        assertEquals(Transport.TCP, tcp.transportProperty().get());
        assertEquals("10.0.0.5", tcp.hostProperty().get());
        assertFalse(tcp.autoconnectProperty().get());
        assertNull(tcp.resultProperty().get());
    }
}
