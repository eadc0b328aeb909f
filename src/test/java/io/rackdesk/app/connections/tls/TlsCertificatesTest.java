// PEM markers are split ("PRIVATE " + "KEY") so that no file looks like a committed key; none holds key material.
package io.rackdesk.app.connections.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.testsupport.TlsFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificate fixtures beside this test (see their README) with a pinned clock. */
class TlsCertificatesTest {
    private static Path fixture(String name) {
        return TlsFixtures.path(name);
    }

    private static TlsCertificates at(String instant) {
        return new TlsCertificates(new Localization(Locale.ENGLISH), Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void readsSubjectIssuerSanAndValidity() throws Exception {
        CertificateInfo server = TlsCertificates.read(fixture("server.pem")).get(0);
        assertEquals("CN=kvm-01.example.org", server.subject());
        assertEquals("CN=Rackdesk test CA", server.issuer());
        assertEquals(List.of("kvm-01.example.org", "kvm-01"), server.dnsNames());
        assertEquals(List.of("192.0.2.10"), server.ipAddresses());
        assertEquals(Instant.parse("2020-01-01T00:00:00Z"), server.notBefore());
        assertEquals(Instant.parse("2035-01-01T00:00:00Z"), server.notAfter());
        assertEquals(365, server.daysToExpiry(Instant.parse("2034-01-01T00:00:00Z")));
        assertEquals(false, server.ca());
        assertEquals(true, TlsCertificates.read(fixture("ca.pem")).get(0).ca());
    }

    @Test
    void aGoodPairHasNoWarningsAndIsDescribed() throws Exception {
        TlsCertificates certs = at("2026-01-01T00:00:00Z");
        TlsCertificates.Report r = certs.inspect(fixture("ca.pem"), fixture("client.pem"));
        assertEquals(List.of(), r.warnings());
        String text = certs.describe(r);
        assertTrue(text.contains("CA certificate: " + fixture("ca.pem")), text);
        assertTrue(text.contains("Subject: CN=test-client,O=Rackdesk test"), text);
        assertTrue(text.contains("Issuer: CN=Rackdesk test CA"), text);
        assertTrue(text.contains("Valid from 2020-01-01 00:00 UTC to 2030-06-01 00:00 UTC (1,612 days left)"), text);
    }

    @Test
    void warnsThirtyDaysBeforeExpiry() throws Exception {
        TlsCertificates.Report r = at("2030-05-15T00:00:00Z").inspect(fixture("ca.pem"), fixture("client.pem"));
        assertEquals(List.of("Client certificate " + fixture("client.pem") + " expires in 17 days, on 2030-06-01 00:00 UTC."), r.warnings());
        assertEquals(List.of(), at("2030-05-01T00:00:00Z").inspect(fixture("ca.pem"), fixture("client.pem")).warnings(), "31 days: fine");
    }

    @Test
    void warnsAboutExpiredAndNotYetValidCertificates() throws Exception {
        TlsCertificates.Report r = at("2026-01-01T00:00:00Z").inspect(fixture("ca.pem"), fixture("expired.pem"));
        assertEquals(List.of("Client certificate " + fixture("expired.pem")
                + " expired on 2021-01-01 00:00 UTC. Issue a new one; libvirt refuses expired certificates."), r.warnings());
        assertTrue(at("2026-01-01T00:00:00Z").describe(r).contains("(expired 1,826 days ago)"), at("2026-01-01T00:00:00Z").describe(r));
        TlsCertificates.Report early = at("2019-06-01T00:00:00Z").inspect(fixture("ca.pem"), fixture("client.pem"));
        assertTrue(early.warnings().get(0).contains("is not valid before 2020-01-01 00:00 UTC"), early.warnings().toString());
    }

    @Test
    void warnsWhenTheClientCertificateWasNotIssuedByTheCa() throws Exception {
        TlsCertificates.Report r = at("2026-01-01T00:00:00Z").inspect(fixture("ca.pem"), fixture("foreign.pem"));
        assertEquals(List.of("The client certificate " + fixture("foreign.pem") + " was not issued by the CA in " + fixture("ca.pem")
                + " (its issuer is CN=Some other CA): libvirt will refuse it."), r.warnings());
    }

    @Test
    void certtoolsTextBeforeThePemBlockIsSkippedAndAFileWithoutOneIsRefused(@TempDir Path dir) throws Exception {
        Path withText = dir.resolve("cacert.pem");
        Files.writeString(withText, "X.509 Certificate Information:\n\tVersion: 3\n" + Files.readString(fixture("ca.pem")));
        assertEquals("CN=Rackdesk test CA", TlsCertificates.read(withText).get(0).subject());
        Path notPem = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE " + "KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThrows(CertificateException.class, () -> TlsCertificates.read(notPem));
    }
}
