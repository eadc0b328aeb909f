package io.rackdesk.app.connections;

import static io.rackdesk.testsupport.TlsFixtures.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionFilesTest {
    @TempDir
    Path dir;

    @Test
    void separateTlsFilesAreCopiedUnderLibvirtsNamesWithTheKeyPrivate() throws IOException {
        ConnectionFiles files = new ConnectionFiles(dir.resolve("config"));
        Path key = Files.writeString(dir.resolve("my.key"), ConnectionInspectorTest.FAKE_TLS_KEY);
        Path folder = files.installTls("c-1", new ConnectionSpec.SeparateFiles(path("ca.pem"), path("client.pem"), key));

        assertEquals(dir.resolve("config/tls/c-1"), folder);
        assertEquals(Files.readString(path("ca.pem")), Files.readString(folder.resolve("cacert.pem")));
        assertEquals(Files.readString(path("client.pem")), Files.readString(folder.resolve("clientcert.pem")));
        assertEquals(ConnectionInspectorTest.FAKE_TLS_KEY, Files.readString(folder.resolve("clientkey.pem")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("clientkey.pem"))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("cacert.pem"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        assertEquals(Optional.of("c-1"), files.managedTlsId(folder));

        // saving an edited connection copies its own files onto themselves: nothing breaks
        files.installTls("c-1", new ConnectionSpec.SeparateFiles(folder.resolve("cacert.pem"), folder.resolve("clientcert.pem"),
                folder.resolve("clientkey.pem")));
        assertEquals(ConnectionInspectorTest.FAKE_TLS_KEY, Files.readString(folder.resolve("clientkey.pem")));

        files.deleteTls("c-1");
        assertFalse(Files.exists(folder));
        files.deleteTls("c-1"); // again: nothing there, no error
    }

    @Test
    void connectionIdsCannotLeaveTheTlsFolder() {
        ConnectionFiles files = new ConnectionFiles(dir);
        assertThrows(IllegalArgumentException.class, () -> files.tlsFolder("../etc"));
        assertThrows(IllegalArgumentException.class, () -> files.tlsFolder(".."));
        assertThrows(IllegalArgumentException.class, () -> files.tlsFolder(null));
        assertEquals(Optional.empty(), files.managedTlsId(dir.resolve("elsewhere/c-1")));
        assertEquals(dir.resolve("known_hosts"), files.knownHostsFile());
    }
}
