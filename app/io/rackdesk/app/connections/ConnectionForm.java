package io.rackdesk.app.connections;

import java.util.Objects;

/**
 * The connection form as typed: every field a string, for every transport at once (switching the
 * transport keeps what was typed for the others). {@link ConnectionValidator} turns it into a spec.
 */
public record ConnectionForm(Transport transport, String user, String host, String port, String keyFile,
                             TlsSource tlsSource, String tlsFolder, String caCert, String clientCert, String clientKey,
                             String testFile, String customUri) {

    public ConnectionForm {
        Objects.requireNonNull(transport, "transport");
        tlsSource = tlsSource == null ? TlsSource.FOLDER : tlsSource;
        user = orEmpty(user);
        host = orEmpty(host);
        port = orEmpty(port);
        keyFile = orEmpty(keyFile);
        tlsFolder = orEmpty(tlsFolder);
        caCert = orEmpty(caCert);
        clientCert = orEmpty(clientCert);
        clientKey = orEmpty(clientKey);
        testFile = orEmpty(testFile);
        customUri = orEmpty(customUri);
    }

    public static ConnectionForm empty(Transport transport) {
        return new ConnectionForm(transport, "", "", "", "", TlsSource.FOLDER, "", "", "", "", "", "");
    }

    /** The form showing {@code spec}'s fields; {@code uri} fills the custom field whatever the transport. */
    public static ConnectionForm of(ConnectionSpec spec, String uri) {
        ConnectionForm f = empty(spec.transport()).withCustomUri(uri);
        if (spec instanceof ConnectionSpec.Ssh s) {
            return new ConnectionForm(Transport.SSH, s.user(), s.host(), port(s.port()), s.keyFile().toString(),
                    TlsSource.FOLDER, "", "", "", "", "", uri);
        }
        if (spec instanceof ConnectionSpec.Tls t) {
            if (t.credentials() instanceof ConnectionSpec.PkiFolder p) {
                return new ConnectionForm(Transport.TLS, "", t.host(), port(t.port()), "", TlsSource.FOLDER,
                        p.folder().toString(), "", "", "", "", uri);
            }
            ConnectionSpec.SeparateFiles s = (ConnectionSpec.SeparateFiles) t.credentials();
            return new ConnectionForm(Transport.TLS, "", t.host(), port(t.port()), "", TlsSource.FILES, "",
                    s.caCert().toString(), s.clientCert().toString(), s.clientKey().toString(), "", uri);
        }
        if (spec instanceof ConnectionSpec.Tcp t) {
            return new ConnectionForm(Transport.TCP, "", t.host(), port(t.port()), "", TlsSource.FOLDER, "", "", "", "", "", uri);
        }
        if (spec instanceof ConnectionSpec.Test t) {
            return new ConnectionForm(Transport.TEST, "", "", "", "", TlsSource.FOLDER, "", "", "", "",
                    t.fixture() == null ? "" : t.fixture().toString(), uri);
        }
        return f;
    }

    public ConnectionForm withCustomUri(String uri) {
        return new ConnectionForm(transport, user, host, port, keyFile, tlsSource, tlsFolder, caCert, clientCert, clientKey, testFile, uri);
    }

    private static String port(Integer p) {
        return p == null ? "" : p.toString();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
