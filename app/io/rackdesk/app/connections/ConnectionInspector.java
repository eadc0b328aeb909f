package io.rackdesk.app.connections;

import io.rackdesk.app.connections.ssh.SshKeyFiles;
import io.rackdesk.app.connections.tls.CertificateInfo;
import io.rackdesk.app.connections.tls.TlsCertificates;
import io.rackdesk.app.i18n.Localization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks the files a connection needs before libvirt tries them: the SSH key, the TLS folder or files,
 * the test fixture. Reports each problem at its field, and what the TLS certificates say. Disk I/O:
 * call it on a worker.
 */
public final class ConnectionInspector {
    private static final long MAX_PEM_BYTES = 1024 * 1024;

    private final Localization l10n;
    private final TlsCertificates certificates;

    public ConnectionInspector(Localization l10n, TlsCertificates certificates) {
        this.l10n = Objects.requireNonNull(l10n);
        this.certificates = Objects.requireNonNull(certificates);
    }

    /** Problems per field (they block saving), the certificates as text, and warnings (they do not block). */
    public record Report(Map<ConnectionField, String> problems, String certificateInfo, List<String> certificateWarnings) {
        public Report {
            EnumMap<ConnectionField, String> copy = new EnumMap<>(ConnectionField.class);
            copy.putAll(problems);
            problems = Collections.unmodifiableMap(copy);
            certificateInfo = certificateInfo == null ? "" : certificateInfo;
            certificateWarnings = List.copyOf(certificateWarnings);
        }

        public static Report clean() {
            return new Report(Map.of(), "", List.of());
        }
    }

    /**
     * The files of a form, each null when not given (or not a usable path): a form with a bad host
     * still gets its key file checked.
     */
    public record Paths(Path keyFile, Path tlsFolder, Path caCert, Path clientCert, Path clientKey, Path testFile) {

        public static Paths of(ConnectionSpec spec) {
            if (spec instanceof ConnectionSpec.Ssh s) {
                return new Paths(s.keyFile(), null, null, null, null, null);
            }
            if (spec instanceof ConnectionSpec.Tls t) {
                return t.credentials() instanceof ConnectionSpec.PkiFolder f ? new Paths(null, f.folder(), null, null, null, null)
                        : filesOf((ConnectionSpec.SeparateFiles) t.credentials());
            }
            if (spec instanceof ConnectionSpec.Test t) {
                return new Paths(null, null, null, null, null, t.fixture());
            }
            return new Paths(null, null, null, null, null, null);
        }

        private static Paths filesOf(ConnectionSpec.SeparateFiles f) {
            return new Paths(null, null, f.caCert(), f.clientCert(), f.clientKey(), null);
        }

        public boolean isEmpty() {
            return keyFile == null && tlsFolder == null && caCert == null && clientCert == null && clientKey == null && testFile == null;
        }
    }

    public Report inspect(ConnectionSpec spec) {
        return inspect(Paths.of(spec));
    }

    public Report inspect(Paths paths) {
        Map<ConnectionField, String> problems = new EnumMap<>(ConnectionField.class);
        if (paths.keyFile() != null) {
            putIfProblem(problems, ConnectionField.KEY_FILE, sshKeyProblem(paths.keyFile()));
        }
        checkFile(problems, ConnectionField.TEST_FILE, paths.testFile());
        if (paths.tlsFolder() != null) {
            return inspectFolder(paths.tlsFolder());
        }
        if (paths.caCert() != null || paths.clientCert() != null || paths.clientKey() != null) {
            return inspectFiles(paths);
        }
        return new Report(problems, "", List.of());
    }

    private Report inspectFolder(Path folder) {
        Map<ConnectionField, String> problems = new EnumMap<>(ConnectionField.class);
        if (!Files.exists(folder)) {
            problems.put(ConnectionField.TLS_FOLDER, l10n.lang("connection.error.folderMissing", folder));
            return new Report(problems, "", List.of());
        }
        if (!Files.isDirectory(folder)) {
            problems.put(ConnectionField.TLS_FOLDER, l10n.lang("connection.error.notAFolder", folder));
            return new Report(problems, "", List.of());
        }
        Path ca = folder.resolve(ConnectionFiles.CA_CERT);
        Path cert = folder.resolve(ConnectionFiles.CLIENT_CERT);
        Path key = folder.resolve(ConnectionFiles.CLIENT_KEY);
        List<String> lines = new ArrayList<>();
        if (!Files.exists(ca)) {
            lines.add(l10n.lang("connection.error.folderLacksCaCert", folder));
        }
        if (!Files.exists(cert)) {
            lines.add(l10n.lang("connection.error.folderLacksClientCert", folder));
        }
        if (!Files.exists(key)) {
            lines.add(l10n.lang("connection.error.folderLacksClientKey", folder));
        }
        if (!lines.isEmpty()) {
            problems.put(ConnectionField.TLS_FOLDER, String.join("\n", lines));
        }
        return withCertificates(problems, ConnectionField.TLS_FOLDER, ca, cert, key);
    }

    private Report inspectFiles(Paths f) {
        Map<ConnectionField, String> problems = new EnumMap<>(ConnectionField.class);
        checkFile(problems, ConnectionField.CA_CERT, f.caCert());
        checkFile(problems, ConnectionField.CLIENT_CERT, f.clientCert());
        checkFile(problems, ConnectionField.CLIENT_KEY, f.clientKey());
        return withCertificates(problems, null, f.caCert(), f.clientCert(), f.clientKey());
    }

    /**
     * Reads whichever certificates exist (null: not chosen); a file that is not a certificate or key is reported at
     * {@code folderField} (folder layout) or at its own field (separate files).
     */
    private Report withCertificates(Map<ConnectionField, String> problems, ConnectionField folderField, Path ca, Path cert, Path key) {
        List<CertificateInfo> caCerts = List.of();
        CertificateInfo client = null;
        if (usable(ca, problems, folderField, ConnectionField.CA_CERT)) {
            try {
                caCerts = TlsCertificates.read(ca);
            } catch (IOException | CertificateException e) {
                add(problems, field(folderField, ConnectionField.CA_CERT),
                        l10n.lang("connection.error.notACertificate", ca, e.getMessage()));
            }
        }
        if (usable(cert, problems, folderField, ConnectionField.CLIENT_CERT)) {
            try {
                client = TlsCertificates.read(cert).get(0);
            } catch (IOException | CertificateException e) {
                add(problems, field(folderField, ConnectionField.CLIENT_CERT),
                        l10n.lang("connection.error.notACertificate", cert, e.getMessage()));
            }
        }
        if (usable(key, problems, folderField, ConnectionField.CLIENT_KEY)) {
            String p = tlsKeyProblem(key);
            if (p != null) {
                add(problems, field(folderField, ConnectionField.CLIENT_KEY), p);
            }
        }
        if (caCerts.isEmpty() && client == null) {
            return new Report(problems, "", List.of());
        }
        TlsCertificates.Report report = certificates.check(caCerts, client);
        return new Report(problems, certificates.describe(report), report.warnings());
    }

    /** A chosen file not already reported; in a folder, the other files' problems do not count. */
    private static boolean usable(Path file, Map<ConnectionField, String> problems, ConnectionField folderField, ConnectionField own) {
        return file != null && Files.isRegularFile(file) && (folderField != null || !problems.containsKey(own));
    }

    private static ConnectionField field(ConnectionField folderField, ConnectionField own) {
        return folderField != null ? folderField : own;
    }

    private static void add(Map<ConnectionField, String> problems, ConnectionField field, String message) {
        problems.merge(field, message, (a, b) -> a + "\n" + b);
    }

    /** Reports at {@code field} why {@code file} (if chosen) cannot be read. */
    private void checkFile(Map<ConnectionField, String> problems, ConnectionField field, Path file) {
        if (file != null) {
            putIfProblem(problems, field, fileProblem(file));
        }
    }

    private static void putIfProblem(Map<ConnectionField, String> problems, ConnectionField field, String message) {
        if (message != null) {
            problems.put(field, message);
        }
    }

    private String fileProblem(Path file) {
        if (!Files.exists(file)) {
            return l10n.lang("connection.error.fileMissing", file);
        }
        if (Files.isDirectory(file)) {
            return l10n.lang("connection.error.fileIsFolder", file);
        }
        if (!Files.isReadable(file)) {
            return l10n.lang("connection.error.fileUnreadable", file);
        }
        return null;
    }

    private String sshKeyProblem(Path key) {
        SshKeyFiles.Problem p = SshKeyFiles.check(key);
        if (p == null) {
            return null;
        }
        return switch (p) {
            case MISSING -> l10n.lang("connection.error.fileMissing", key);
            case FOLDER -> l10n.lang("connection.error.fileIsFolder", key);
            case UNREADABLE -> l10n.lang("connection.error.fileUnreadable", key);
            case PUBLIC_KEY -> l10n.lang("connection.error.keyIsPublic", key);
            case PUTTY_KEY -> l10n.lang("connection.error.keyIsPutty", key);
            case PASSPHRASE -> l10n.lang("connection.error.keyHasPassphrase", key);
            case NOT_A_KEY -> l10n.lang("connection.error.notAKey", key);
        };
    }

    /** gnutls reads PKCS#1/PKCS#8/SEC1 PEM keys; an encrypted one would need a password libvirt cannot ask for. */
    private String tlsKeyProblem(Path key) {
        String text;
        try {
            if (Files.size(key) > MAX_PEM_BYTES) {
                return l10n.lang("connection.error.notAPemKey", key);
            }
            text = Files.readString(key, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return l10n.lang("connection.error.fileUnreadable", key);
        }
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || text.contains("Proc-Type: 4,ENCRYPTED")) {
            return l10n.lang("connection.error.tlsKeyEncrypted", key);
        }
        return text.contains("PRIVATE KEY-----") ? null : l10n.lang("connection.error.notAPemKey", key);
    }
}
