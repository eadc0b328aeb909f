package io.rackdesk.app.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionUrisTest {
    private final ConnectionFiles files = new ConnectionFiles(Path.of("/home/ana/.config/rackdesk"));
    private final ConnectionUris uris = new ConnectionUris(files);

    @Test
    void sshUsesLibsshWithTheKeyAndRackdesksOwnKnownHosts() {
        String uri = uris.build(new ConnectionSpec.Ssh("root", "kvm-01", 2222, Path.of("/home/ana/.ssh/id_ed25519")), "c1");
        assertEquals("qemu+libssh://root@kvm-01:2222/system?keyfile=/home/ana/.ssh/id_ed25519"
                + "&known_hosts=/home/ana/.config/rackdesk/known_hosts&sshauth=privkey&no_tty=1", uri);
        assertEquals("qemu+libssh://kvm-01/system?keyfile=/k&known_hosts=/home/ana/.config/rackdesk/known_hosts&sshauth=privkey&no_tty=1",
                uris.build(new ConnectionSpec.Ssh("", "kvm-01", null, Path.of("/k")), "c1"), "no user, default port");
    }

    @Test
    void pathsArePercentEncodedSoSpacesAmpersandsAndUmlautsSurvive() {
        String uri = uris.build(new ConnectionSpec.Ssh("root", "h", null, Path.of("/home/ana/my keys/a&b+c#ü")), "c1");
        assertTrue(uri.contains("?keyfile=/home/ana/my%20keys/a%26b%2Bc%23%C3%BC&"), uri);
        assertEquals("/home/ana/my keys/a&b+c#ü", ConnectionUris.params(uri.substring(uri.indexOf('?') + 1)).get("keyfile"));
        assertEquals(new ConnectionSpec.Ssh("root", "h", null, Path.of("/home/ana/my keys/a&b+c#ü")), uris.parse(uri));
    }

    @Test
    void tlsWithAFolderPointsPkipathAtIt() {
        String uri = uris.build(new ConnectionSpec.Tls("kvm-01.example.org", null, new ConnectionSpec.PkiFolder(Path.of("/etc/pki/rack desk"))), "c1");
        assertEquals("qemu+tls://kvm-01.example.org/system?pkipath=/etc/pki/rack%20desk", uri);
        assertEquals(new ConnectionSpec.Tls("kvm-01.example.org", null, new ConnectionSpec.PkiFolder(Path.of("/etc/pki/rack desk"))), uris.parse(uri));
    }

    @Test
    void tlsWithSeparateFilesUsesTheConnectionsOwnFolderAndReadsBackAsItsFiles() {
        ConnectionSpec.SeparateFiles chosen = new ConnectionSpec.SeparateFiles(Path.of("/tmp/ca.pem"), Path.of("/tmp/me.pem"), Path.of("/tmp/me.key"));
        String uri = uris.build(new ConnectionSpec.Tls("10.0.0.5", 16514, chosen), "c1");
        assertEquals("qemu+tls://10.0.0.5:16514/system?pkipath=/home/ana/.config/rackdesk/tls/c1", uri);
        Path own = files.tlsFolder("c1");
        assertEquals(new ConnectionSpec.Tls("10.0.0.5", 16514, new ConnectionSpec.SeparateFiles(own.resolve("cacert.pem"),
                own.resolve("clientcert.pem"), own.resolve("clientkey.pem"))), uris.parse(uri), "a duplicate copies these");
    }

    @Test
    void tcpLocalAndTestDriver() {
        assertEquals("qemu+tcp://[fd00::5]:16509/system", uris.build(new ConnectionSpec.Tcp("fd00::5", 16509), "c1"));
        assertEquals(new ConnectionSpec.Tcp("fd00::5", 16509), uris.parse("qemu+tcp://[fd00::5]:16509/system"));
        assertEquals("qemu:///system", uris.build(new ConnectionSpec.Local(false), "c1"));
        assertEquals("qemu:///session", uris.build(new ConnectionSpec.Local(true), "c1"));
        assertEquals(new ConnectionSpec.Local(true), uris.parse("qemu:///session"));
        assertEquals("test:///default", uris.build(new ConnectionSpec.Test(null), "c1"));
        assertEquals(new ConnectionSpec.Test(null), uris.parse("test:///default"));
        assertEquals("test:///srv/fixtures/lab%20hosts.xml", uris.build(new ConnectionSpec.Test(Path.of("/srv/fixtures/lab hosts.xml")), "c1"));
        assertEquals(new ConnectionSpec.Test(Path.of("/srv/fixtures/lab hosts.xml")), uris.parse("test:///srv/fixtures/lab%20hosts.xml"));
    }

    /** Anything the forms would not write exactly so stays a raw URI, untouched when edited. */
    @ParameterizedTest
    @ValueSource(strings = {
        "qemu+ssh://root@kvm-01/system",
        "qemu+libssh://root@kvm-01/system?keyfile=/k&known_hosts=/elsewhere/known_hosts&sshauth=privkey&no_tty=1",
        "qemu+libssh://root@kvm-01/system?sshauth=privkey&keyfile=/k&known_hosts=/home/ana/.config/rackdesk/known_hosts&no_tty=1",
        "qemu+tls://kvm-01/system",
        "qemu+tls://kvm-01/session?pkipath=/p",
        "qemu+tcp://kvm-01/system?no_verify=1",
        "qemu:///embed?root=/tmp/x",
        "xen:///system",
        "not a uri at all",
    })
    void otherUrisComeBackAsCustom(String uri) {
        assertEquals(new ConnectionSpec.Custom(uri), uris.parse(uri));
    }

    @Test
    void parseUndoesBuildForEveryForm() {
        for (ConnectionSpec spec : new ConnectionSpec[] {
            new ConnectionSpec.Ssh(null, "192.0.2.1", 22, Path.of("/k")),
            new ConnectionSpec.Tls("kvm", 1, new ConnectionSpec.PkiFolder(Path.of("/p"))),
            new ConnectionSpec.Tcp("kvm", null),
            new ConnectionSpec.Local(false),
            new ConnectionSpec.Test(Path.of("/f.xml")),
        }) {
            assertEquals(spec, uris.parse(uris.build(spec, "id")), spec.toString());
        }
        assertInstanceOf(ConnectionSpec.Custom.class, uris.parse(""));
    }

    @Test
    void paramsDecodeLikeLibvirt() {
        assertEquals(Map.of("a", "x y", "b", "1+2", "c", ""), ConnectionUris.params("a=x%20y&b=1+2&c"));
        assertEquals("%zz", ConnectionUris.decode("%zz"), "a broken escape is kept");
    }
}
