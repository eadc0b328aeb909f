package io.rackdesk.app.connections.tls;

import io.rackdesk.app.connections.ConnectionFiles;
import io.rackdesk.app.i18n.Localization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/**
 * Reads the PEM certificates of a TLS connection and reports what matters before connecting: expiry
 * (warns within {@link #EXPIRY_WARNING_DAYS} days), whether the client certificate was issued by the
 * given CA, and the names the certificates carry. Disk I/O: call it on a worker.
 */
public final class TlsCertificates {
    public static final int EXPIRY_WARNING_DAYS = 30;
    private static final Pattern PEM_CERT = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private final Localization l10n;
    private final Clock clock;

    public TlsCertificates(Localization l10n, Clock clock) {
        this.l10n = Objects.requireNonNull(l10n);
        this.clock = Objects.requireNonNull(clock);
    }

    /** The CA certificates and the client certificate with the warnings about them. */
    public record Report(List<CertificateInfo> caCertificates, CertificateInfo clientCertificate, List<String> warnings) {
        public Report {
            caCertificates = List.copyOf(caCertificates);
            warnings = List.copyOf(warnings);
        }
    }

    /** Every certificate in a PEM file (certtool's files may carry text before the PEM block). */
    public static List<CertificateInfo> read(Path file) throws IOException, CertificateException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        Matcher m = PEM_CERT.matcher(text);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<CertificateInfo> certs = new ArrayList<>();
        while (m.find()) {
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(1));
            } catch (IllegalArgumentException e) {
                throw new CertificateException("damaged PEM block in " + file + ": " + e.getMessage(), e);
            }
            certs.add(info(file, (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der))));
        }
        if (certs.isEmpty()) {
            throw new CertificateException("no PEM certificate in " + file);
        }
        return certs;
    }

    static CertificateInfo info(Path file, X509Certificate c) throws CertificateParsingException {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        Collection<List<?>> sans = c.getSubjectAlternativeNames();
        if (sans != null) {
            for (List<?> san : sans) {
                int type = (Integer) san.get(0);
                if (type == SAN_DNS) {
                    dns.add(String.valueOf(san.get(1)));
                } else if (type == SAN_IP) {
                    ips.add(String.valueOf(san.get(1)));
                }
            }
        }
        return new CertificateInfo(file, c.getSubjectX500Principal().getName(X500Principal.RFC2253),
                c.getIssuerX500Principal().getName(X500Principal.RFC2253), dns, ips,
                c.getNotBefore().toInstant(), c.getNotAfter().toInstant(), c.getBasicConstraints() >= 0, c);
    }

    /** Checks the CA certificates and the client certificate against each other and the clock. */
    public Report check(List<CertificateInfo> caCerts, CertificateInfo client) {
        Instant now = clock.instant();
        List<String> warnings = new ArrayList<>();
        for (CertificateInfo ca : caCerts) {
            timeWarnings(l10n.lang("tls.role.ca"), ca, now, warnings);
            if (!ca.ca()) {
                warnings.add(l10n.lang("tls.warning.notCa", ca.file(), ca.subject()));
            }
        }
        if (client != null) {
            timeWarnings(l10n.lang("tls.role.client"), client, now, warnings);
            if (client.ca()) {
                warnings.add(l10n.lang("tls.warning.clientIsCa", client.file()));
            }
            if (!caCerts.isEmpty() && !signedByAny(client, caCerts)) {
                warnings.add(l10n.lang("tls.warning.notSignedByCa", client.file(), caCerts.get(0).file(), client.issuer()));
            }
        }
        return new Report(caCerts, client, warnings);
    }

    /** Reads cacert.pem/clientcert.pem of a PKI folder, or given files, and checks them. */
    public Report inspect(Path caCertFile, Path clientCertFile) throws IOException, CertificateException {
        List<CertificateInfo> ca = read(caCertFile);
        CertificateInfo client = clientCertFile == null ? null : read(clientCertFile).get(0);
        return check(ca, client);
    }

    public Report inspectFolder(Path folder) throws IOException, CertificateException {
        Path client = folder.resolve(ConnectionFiles.CLIENT_CERT);
        return inspect(folder.resolve(ConnectionFiles.CA_CERT), Files.exists(client) ? client : null);
    }

    /** The report as lines for the dialog: each certificate's subject, issuer, names and validity. */
    public String describe(Report report) {
        Instant now = clock.instant();
        StringBuilder out = new StringBuilder();
        for (CertificateInfo ca : report.caCertificates()) {
            describe(out, l10n.lang("tls.role.ca"), ca, now);
        }
        if (report.clientCertificate() != null) {
            describe(out, l10n.lang("tls.role.client"), report.clientCertificate(), now);
        }
        return out.toString().stripTrailing();
    }

    private void describe(StringBuilder out, String role, CertificateInfo c, Instant now) {
        out.append(l10n.lang("tls.info.header", role, c.file())).append('\n');
        out.append("  ").append(l10n.lang("tls.info.subject", c.subject())).append('\n');
        out.append("  ").append(l10n.lang("tls.info.issuer", c.issuer())).append('\n');
        if (!c.dnsNames().isEmpty() || !c.ipAddresses().isEmpty()) {
            List<String> names = new ArrayList<>();
            c.dnsNames().forEach(n -> names.add("DNS:" + n));
            c.ipAddresses().forEach(n -> names.add("IP:" + n));
            out.append("  ").append(l10n.lang("tls.info.san", String.join(", ", names))).append('\n');
        }
        long days = c.daysToExpiry(now);
        String validity = c.expired(now) ? "tls.info.validityExpired"
                : c.notYetValid(now) ? "tls.info.validityFuture" : "tls.info.validity";
        out.append("  ").append(l10n.lang(validity, DAY.format(c.notBefore()), DAY.format(c.notAfter()), Math.abs(days))).append('\n');
    }

    private void timeWarnings(String role, CertificateInfo c, Instant now, List<String> warnings) {
        if (c.expired(now)) {
            warnings.add(l10n.lang("tls.warning.expired", role, c.file(), DAY.format(c.notAfter())));
        } else if (c.notYetValid(now)) {
            warnings.add(l10n.lang("tls.warning.notYetValid", role, c.file(), DAY.format(c.notBefore())));
        } else if (c.daysToExpiry(now) < EXPIRY_WARNING_DAYS) {
            warnings.add(l10n.lang("tls.warning.expiresSoon", role, c.file(), c.daysToExpiry(now), DAY.format(c.notAfter())));
        }
    }

    private static boolean signedByAny(CertificateInfo client, List<CertificateInfo> cas) {
        for (CertificateInfo ca : cas) {
            if (!client.certificate().getIssuerX500Principal().equals(ca.certificate().getSubjectX500Principal())) {
                continue;
            }
            try {
                client.certificate().verify(ca.certificate().getPublicKey());
                return true;
            } catch (GeneralSecurityException e) {
                // same name, other key: keep looking
            }
        }
        return false;
    }
}
