package io.rackdesk.app.connections;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A connection as its fields, one record per transport. {@link ConnectionUris} turns it into a libvirt
 * URI and back; a spec is only built from fields that passed {@link ConnectionValidator}.
 */
public sealed interface ConnectionSpec {

    Transport transport();

    /** qemu+libssh://user@host:port/system with key auth and Rackdesk's own known_hosts. */
    record Ssh(String user, String host, Integer port, Path keyFile) implements ConnectionSpec {
        public Ssh {
            user = user == null || user.isBlank() ? null : user;
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(keyFile, "keyFile");
        }

        @Override
        public Transport transport() {
            return Transport.SSH;
        }

        public int effectivePort() {
            return port != null ? port : Transport.SSH.defaultPort();
        }
    }

    /** qemu+tls://host:port/system?pkipath=FOLDER. */
    record Tls(String host, Integer port, TlsCredentials credentials) implements ConnectionSpec {
        public Tls {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(credentials, "credentials");
        }

        @Override
        public Transport transport() {
            return Transport.TLS;
        }

        public int effectivePort() {
            return port != null ? port : Transport.TLS.defaultPort();
        }
    }

    /** qemu+tcp://host:port/system. */
    record Tcp(String host, Integer port) implements ConnectionSpec {
        public Tcp {
            Objects.requireNonNull(host, "host");
        }

        @Override
        public Transport transport() {
            return Transport.TCP;
        }

        public int effectivePort() {
            return port != null ? port : Transport.TCP.defaultPort();
        }
    }

    /** qemu:///system, or qemu:///session when {@code session}. */
    record Local(boolean session) implements ConnectionSpec {
        @Override
        public Transport transport() {
            return session ? Transport.LOCAL_SESSION : Transport.LOCAL_SYSTEM;
        }
    }

    /** test:///default when {@code fixture} is null, else test:///ABS/PATH/fixture.xml. */
    record Test(Path fixture) implements ConnectionSpec {
        @Override
        public Transport transport() {
            return Transport.TEST;
        }
    }

    /** A URI used as typed. */
    record Custom(String uri) implements ConnectionSpec {
        public Custom {
            Objects.requireNonNull(uri, "uri");
        }

        @Override
        public Transport transport() {
            return Transport.CUSTOM;
        }
    }

    /** Where the TLS client finds cacert.pem, clientcert.pem and clientkey.pem. */
    sealed interface TlsCredentials {
    }

    /** A folder in the layout libvirt's {@code pkipath=} expects. */
    record PkiFolder(Path folder) implements TlsCredentials {
        public PkiFolder {
            Objects.requireNonNull(folder, "folder");
        }
    }

    /**
     * Three separately chosen files; they are copied into a folder of Rackdesk's own
     * ({@link ConnectionFiles#tlsFolder}) because libvirt only takes a folder.
     */
    record SeparateFiles(Path caCert, Path clientCert, Path clientKey) implements TlsCredentials {
        public SeparateFiles {
            Objects.requireNonNull(caCert, "caCert");
            Objects.requireNonNull(clientCert, "clientCert");
            Objects.requireNonNull(clientKey, "clientKey");
        }
    }
}
