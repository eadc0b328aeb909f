package io.rackdesk.app.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.i18n.Localization;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionValidatorTest {
    private final ConnectionValidator validator = new ConnectionValidator(new Localization(Locale.ENGLISH));

    private static ConnectionForm ssh(String user, String host, String port, String key) {
        return new ConnectionForm(Transport.SSH, user, host, port, key, null, "", "", "", "", "", "");
    }

    private Map<ConnectionField, String> problems(ConnectionForm f) {
        return validator.check(f).problems();
    }

    @Test
    void aCompleteSshFormGivesItsSpec() {
        ConnectionValidator.Result r = validator.check(ssh(" root ", " kvm-01.example.org ", "2222", "/home/ana/.ssh/id_ed25519"));
        assertEquals(Map.of(), r.problems());
        assertEquals(new ConnectionSpec.Ssh("root", "kvm-01.example.org", 2222, Path.of("/home/ana/.ssh/id_ed25519")), r.spec());
        assertEquals(Path.of("/home/ana/.ssh/id_ed25519"), r.files().keyFile());
    }

    @Test
    void eachHostMistakeGetsItsOwnMessage() {
        assertEquals("Enter the host name or IP address.", problems(ssh("", " ", "", "/k")).get(ConnectionField.HOST));
        assertEquals("Enter the user in the User field, not in the host name.", problems(ssh("", "root@kvm", "", "/k")).get(ConnectionField.HOST));
        assertEquals("Enter the port in the Port field, not after the host name.", problems(ssh("", "kvm:2222", "", "/k")).get(ConnectionField.HOST));
        assertEquals("“kvm 01” contains spaces; a host name cannot.", problems(ssh("", "kvm 01", "", "/k")).get(ConnectionField.HOST));
        assertEquals("Enter only the host name here. For a complete URI choose “Custom URI”.",
                problems(ssh("", "qemu+ssh://kvm/system", "", "/k")).get(ConnectionField.HOST));
        assertEquals("“-kvm-.lan” is not a valid host name or IP address.", problems(ssh("", "-kvm-.lan", "", "/k")).get(ConnectionField.HOST));
        assertNull(problems(ssh("", "fd00::1", "", "/k")).get(ConnectionField.HOST), "IPv6");
        assertNull(problems(ssh("", "[fd00::1]", "", "/k")).get(ConnectionField.HOST), "IPv6 in brackets");
        assertNull(problems(ssh("", "192.0.2.10", "", "/k")).get(ConnectionField.HOST));
    }

    @Test
    void portsOutOfRangeOrNotNumbersAreRefusedEmptyMeansTheDefault() {
        assertEquals("“70000” is not a port: enter a number from 1 to 65535, or leave it empty for 22.",
                problems(ssh("", "kvm", "70000", "/k")).get(ConnectionField.PORT));
        assertEquals("“0” is not a port: enter a number from 1 to 65535, or leave it empty for 22.",
                problems(ssh("", "kvm", "0", "/k")).get(ConnectionField.PORT));
        assertTrue(problems(ssh("", "kvm", "ssh", "/k")).containsKey(ConnectionField.PORT));
        ConnectionForm tls = new ConnectionForm(Transport.TLS, "", "kvm", "x", "", TlsSource.FOLDER, "/p", "", "", "", "", "");
        assertEquals("“x” is not a port: enter a number from 1 to 65535, or leave it empty for 16514.", problems(tls).get(ConnectionField.PORT));
        assertEquals(Map.of(), problems(ssh("", "kvm", "", "/k")));
    }

    @Test
    void userNamesAndPathsAreChecked() {
        assertEquals("“ana smith” is not a user name: use letters, digits, “.”, “_” and “-”.",
                problems(ssh("ana smith", "kvm", "", "/k")).get(ConnectionField.USER));
        assertEquals("Choose the private key file, for example ~/.ssh/id_ed25519.", problems(ssh("", "kvm", "", "")).get(ConnectionField.KEY_FILE));
        assertEquals("“.ssh/id_rsa” is not an absolute path.", problems(ssh("", "kvm", "", ".ssh/id_rsa")).get(ConnectionField.KEY_FILE));
    }

    @Test
    void aBadHostStillLetsTheKeyFileBeChecked() {
        ConnectionValidator.Result r = validator.check(ssh("", "kvm 01", "", "/home/ana/.ssh/id_ed25519"));
        assertNull(r.spec());
        assertEquals(Path.of("/home/ana/.ssh/id_ed25519"), r.files().keyFile());
    }

    @Test
    void tlsNeedsAFolderOrAllThreeFiles() {
        ConnectionForm folder = new ConnectionForm(Transport.TLS, "", "kvm", "", "", TlsSource.FOLDER, "", "", "", "", "", "");
        assertEquals("Choose the folder that holds cacert.pem, clientcert.pem and clientkey.pem.", problems(folder).get(ConnectionField.TLS_FOLDER));
        ConnectionForm files = new ConnectionForm(Transport.TLS, "", "kvm", "", "", TlsSource.FILES, "/ignored", "/ca.pem", "", "/k.pem", "", "");
        assertEquals(Map.of(ConnectionField.CLIENT_CERT, "Choose your client certificate; the server refuses connections without one."), problems(files));
    }

    @Test
    void localTestAndCustom() {
        assertEquals(new ConnectionSpec.Local(false), validator.check(ConnectionForm.empty(Transport.LOCAL_SYSTEM)).spec());
        assertEquals(new ConnectionSpec.Local(true), validator.check(ConnectionForm.empty(Transport.LOCAL_SESSION)).spec());
        assertEquals(new ConnectionSpec.Test(null), validator.check(ConnectionForm.empty(Transport.TEST)).spec(), "empty fixture: test:///default");
        assertEquals("Enter a libvirt URI, for example qemu+ssh://root@kvm-01/system.",
                problems(ConnectionForm.empty(Transport.CUSTOM)).get(ConnectionField.URI));
        assertEquals("“kvm-01/system” is not a libvirt URI: it names no driver such as qemu: or test:.",
                problems(ConnectionForm.empty(Transport.CUSTOM).withCustomUri("kvm-01/system")).get(ConnectionField.URI));
        assertEquals("“qemu+ssh://kvm/system?keyfile=/my key” contains a space; in a URI write it as %20.",
                problems(ConnectionForm.empty(Transport.CUSTOM).withCustomUri("qemu+ssh://kvm/system?keyfile=/my key")).get(ConnectionField.URI));
        assertEquals("“qemu+ssh://kvm/system?keyfile=/my^key” is not a URI: Illegal character in query at character 34.",
                problems(ConnectionForm.empty(Transport.CUSTOM).withCustomUri("qemu+ssh://kvm/system?keyfile=/my^key")).get(ConnectionField.URI));
        assertEquals(new ConnectionSpec.Custom("xen:///system"),
                validator.check(ConnectionForm.empty(Transport.CUSTOM).withCustomUri(" xen:///system ")).spec());
    }
}
