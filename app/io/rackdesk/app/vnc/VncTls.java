package io.rackdesk.app.vnc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.net.Socket;

/**
 * TLS for VeNCrypt and wss://: trusts only the configured CA (PEM), checks the server's name or IP
 * against its certificate, and presents a client certificate (PEM certificate + PKCS#8 or PKCS#1
 * RSA key, or PKCS#8 EC/Ed25519) when one is configured.
 */
public final class VncTls {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");

    private final SSLContext context;
    private final Path ca;

    private VncTls(SSLContext context, Path ca) {
        this.context = context;
        this.ca = ca;
    }

    /** @param clientCert and {@code clientKey} both null, or both set */
    public static VncTls create(Path ca, Path clientCert, Path clientKey) throws IOException {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            List<Certificate> cas = certificates(ca);
            for (int i = 0; i < cas.size(); i++) {
                trust.setCertificateEntry("ca" + i, cas.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (clientCert != null || clientKey != null) {
                if (clientCert == null || clientKey == null) {
                    throw new IllegalArgumentException("a client certificate needs both --tls-cert and --tls-key");
                }
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                char[] pw = new char[0];
                keys.setKeyEntry("client", privateKey(clientKey), pw, certificates(clientCert).toArray(new Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, pw);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return new VncTls(ctx, ca);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Wraps a connected socket and completes the TLS handshake, checking the server's certificate. */
    public SSLSocket handshake(Socket plain, String host, int port) throws IOException {
        SSLSocketFactory f = context.getSocketFactory();
        SSLSocket s = (SSLSocket) f.createSocket(plain, host, port, true);
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS"); // host name or IP must match the certificate
        s.setSSLParameters(p);
        s.setUseClientMode(true);
        try {
            s.startHandshake();
        } catch (SSLException e) {
            throw explain(e, host);
        }
        return s;
    }

    private RfbProtocolException explain(SSLException e, String host) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertPathValidatorException || t instanceof CertificateException) {
                return new RfbSecurityException(RfbSecurityException.Kind.CERTIFICATE, "the server's TLS certificate is not "
                        + "trusted (CA " + ca + ", host " + host + "): " + t.getMessage(), e);
            }
        }
        return new RfbSecurityException(RfbSecurityException.Kind.CERTIFICATE, "TLS handshake failed: " + e.getMessage(), e);
    }

    static List<Certificate> certificates(Path pem) throws IOException, CertificateException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<Certificate> out = new ArrayList<>();
        for (byte[] der : blocks(pem, "CERTIFICATE")) {
            out.add(cf.generateCertificate(new ByteArrayInputStream(der)));
        }
        if (out.isEmpty()) {
            throw new CertificateException(pem + " holds no PEM certificate");
        }
        return out;
    }

    static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        List<byte[]> pkcs8 = blocks(text, "PRIVATE KEY");
        List<byte[]> pkcs1 = blocks(text, "RSA PRIVATE KEY");
        byte[] der;
        if (!pkcs8.isEmpty()) {
            der = pkcs8.get(0);
        } else if (!pkcs1.isEmpty()) {
            der = rsaPkcs1ToPkcs8(pkcs1.get(0));
        } else {
            throw new GeneralSecurityException(pem + " holds no unencrypted PEM private key (PKCS#8 or RSA PKCS#1)");
        }
        for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException(pem + ": not an RSA, EC or Ed25519 private key");
    }

    private static List<byte[]> blocks(Path pem, String type) throws IOException {
        return blocks(Files.readString(pem, StandardCharsets.US_ASCII), type);
    }

    private static List<byte[]> blocks(String text, String type) {
        List<byte[]> out = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                out.add(Base64.getMimeDecoder().decode(m.group(2)));
            }
        }
        return out;
    }

    /** PKCS#1 RSAPrivateKey wrapped as PKCS#8: SEQUENCE { 0, { rsaEncryption, NULL }, OCTET STRING key }. */
    private static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algId = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(algId);
        body.write(0x04);
        body.writeBytes(derLength(pkcs1.length));
        body.writeBytes(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.writeBytes(derLength(body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] derLength(int n) {
        if (n < 128) {
            return new byte[] {(byte) n};
        }
        if (n < 256) {
            return new byte[] {(byte) 0x81, (byte) n};
        }
        if (n < 65536) {
            return new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        }
        return new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }
}
