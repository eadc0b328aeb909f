package io.rackdesk.app.connections.tls;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What a user checks on a certificate: who it names, who signed it, for which names, and until when. */
public record CertificateInfo(Path file, String subject, String issuer, List<String> dnsNames, List<String> ipAddresses,
                              Instant notBefore, Instant notAfter, boolean ca, X509Certificate certificate) {

    public CertificateInfo {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
    }

    /** Whole days from {@code now} until the certificate expires; negative once it has. */
    public long daysToExpiry(Instant now) {
        return Math.floorDiv(Duration.between(now, notAfter).toHours(), 24);
    }

    public boolean expired(Instant now) {
        return now.isAfter(notAfter);
    }

    public boolean notYetValid(Instant now) {
        return now.isBefore(notBefore);
    }
}
