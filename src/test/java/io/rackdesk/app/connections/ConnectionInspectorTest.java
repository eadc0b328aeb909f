// PEM markers are split ("PRIVATE " + "KEY") so that no file looks like a committed key; none holds key material.
package io.rackdesk.app.connections;

import static io.rackdesk.testsupport.TlsFixtures.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.connections.tls.TlsCertificates;
import io.rackdesk.app.i18n.Localization;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionInspectorTest {
    static final String FAKE_TLS_KEY = "-----BEGIN PRIVATE " + "KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n";

    @TempDir
    Path dir;
    private final Localization l10n = new Localization(Locale.ENGLISH);
    private final ConnectionInspector inspector = new ConnectionInspector(l10n,
            new TlsCertificates(l10n, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)));

    /** The start of an OpenSSH private key file: magic, cipher name ("none" when unencrypted), and more. */
    static String opensshKey(String cipher) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.write("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII));
        d.writeInt(cipher.length());
        d.write(cipher.getBytes(StandardCharsets.US_ASCII));
        d.write(new byte[32]);
        return "-----BEGIN OPENSSH PRIVATE " + "KEY-----\n" + Base64.getMimeEncoder().encodeToString(b.toByteArray())
                + "\n-----END OPENSSH PRIVATE KEY-----\n";
    }

    private String keyProblem(String content) throws IOException {
        Path key = Files.writeString(dir.resolve("id_test"), content);
        return inspector.inspect(new ConnectionSpec.Ssh(null, "kvm", null, key)).problems().get(ConnectionField.KEY_FILE);
    }

    @Test
    void sshKeysAreLookedAtBeforeLibsshGetsThem() throws IOException {
        Path key = dir.resolve("id_test");
        assertEquals(null, keyProblem(opensshKey("none")));
        assertEquals(null, keyProblem("-----BEGIN RSA PRIVATE " + "KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n"));
        assertEquals(key + " is protected by a passphrase, and Rackdesk stores no secrets. Use a key without a passphrase.",
                keyProblem(opensshKey("aes256-ctr")));
        assertEquals(key + " is a public key. Choose the private key: the same name without .pub.",
                keyProblem("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINiYppuJbxGtN9ou+Tyu4phDbNJ548pp9eqJujwLseVK ana@laptop\n"));
        assertTrue(keyProblem("PuTTY-User-Key-File-3: ssh-ed25519\n").contains("is a PuTTY key"));
        assertEquals(key + " is not an SSH private key.", keyProblem("hello"));
        Path missing = dir.resolve("nope");
        assertEquals("There is no file " + missing + ".",
                inspector.inspect(new ConnectionSpec.Ssh(null, "kvm", null, missing)).problems().get(ConnectionField.KEY_FILE));
        assertEquals(dir + " is a folder; choose a file.",
                inspector.inspect(new ConnectionSpec.Ssh(null, "kvm", null, dir)).problems().get(ConnectionField.KEY_FILE));
    }

    @Test
    void aPkiFolderWithoutClientCertificateIsReportedWhileItsCaIsStillShown() throws IOException {
        Path pki = Files.createDirectories(dir.resolve("pki"));
        Files.copy(path("ca.pem"), pki.resolve("cacert.pem"));
        ConnectionInspector.Report r = inspector.inspect(new ConnectionSpec.Tls("kvm", null, new ConnectionSpec.PkiFolder(pki)));
        assertEquals(pki + " has no clientcert.pem: the server will refuse the connection without a client certificate.\n"
                + pki + " has no clientkey.pem, the private key of the client certificate.", r.problems().get(ConnectionField.TLS_FOLDER));
        assertTrue(r.certificateInfo().contains("Subject: CN=Rackdesk test CA"), r.certificateInfo());
    }

    @Test
    void aCompletePkiFolderIsFineAndWarnsAboutAForeignClientCertificate() throws IOException {
        Path pki = Files.createDirectories(dir.resolve("pki"));
        Files.copy(path("ca.pem"), pki.resolve("cacert.pem"));
        Files.copy(path("foreign.pem"), pki.resolve("clientcert.pem"));
        Files.writeString(pki.resolve("clientkey.pem"), FAKE_TLS_KEY);
        ConnectionInspector.Report r = inspector.inspect(new ConnectionSpec.Tls("kvm", null, new ConnectionSpec.PkiFolder(pki)));
        assertEquals(Map.of(), r.problems());
        assertEquals(1, r.certificateWarnings().size());
        assertTrue(r.certificateWarnings().get(0).contains("was not issued by the CA"), r.certificateWarnings().toString());
    }

    @Test
    void folderMistakes() throws IOException {
        Path file = Files.writeString(dir.resolve("cacert.pem"), "x");
        assertEquals(file + " is a file; choose the folder that holds cacert.pem, clientcert.pem and clientkey.pem.",
                inspector.inspect(new ConnectionSpec.Tls("kvm", null, new ConnectionSpec.PkiFolder(file))).problems().get(ConnectionField.TLS_FOLDER));
        Path none = dir.resolve("none");
        assertEquals("There is no folder " + none + ".",
                inspector.inspect(new ConnectionSpec.Tls("kvm", null, new ConnectionSpec.PkiFolder(none))).problems().get(ConnectionField.TLS_FOLDER));
    }

    @Test
    void separateFilesAreCheckedEachAtItsField() throws IOException {
        Path key = Files.writeString(dir.resolve("me.key"), "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        Path notCert = Files.writeString(dir.resolve("me.pem"), "hello");
        ConnectionInspector.Report r = inspector.inspect(new ConnectionSpec.Tls("kvm", null,
                new ConnectionSpec.SeparateFiles(path("ca.pem"), notCert, key)));
        assertEquals(List.of(ConnectionField.CLIENT_CERT, ConnectionField.CLIENT_KEY), List.copyOf(r.problems().keySet()));
        assertTrue(r.problems().get(ConnectionField.CLIENT_CERT).startsWith(notCert + " holds no readable PEM certificate"), r.problems().toString());
        assertTrue(r.problems().get(ConnectionField.CLIENT_KEY).startsWith(key + " is encrypted with a password"), r.problems().toString());
        assertTrue(r.certificateInfo().contains("CN=Rackdesk test CA"));
    }

    @Test
    void testFixturesMustExist() {
        Path gone = dir.resolve("gone.xml");
        assertEquals("There is no file " + gone + ".", inspector.inspect(new ConnectionSpec.Test(gone)).problems().get(ConnectionField.TEST_FILE));
        assertEquals(Map.of(), inspector.inspect(new ConnectionSpec.Test(null)).problems());
    }
}
