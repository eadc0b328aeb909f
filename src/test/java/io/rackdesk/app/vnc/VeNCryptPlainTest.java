package io.rackdesk.app.vnc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * VeNCrypt X509Plain (user name and password inside TLS), which QEMU does not offer, against an
 * in-process server whose self-signed certificate for 127.0.0.1 is made with the JDK's keytool.
 */
class VeNCryptPlainTest {
    @TempDir
    static Path dir;
    static SSLContext serverTls;
    static Path ca;

    @BeforeAll
    static void certificate() throws Exception {
        Path ks = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "3650");
        ca = dir.resolve("server.pem");
        run(keytool, "-exportcert", "-rfc", "-keystore", ks.toString(), "-storepass", "changeit", "-alias", "server",
                "-file", ca.toString());
        KeyStore k = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            k.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(k, "changeit".toCharArray());
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + ": " + out);
    }

    /** Serves one client: VeNCrypt offering {@code subtypes}, then X509Plain checking user/password. */
    private static ServerSocket server(List<Integer> subtypes) throws Exception {
        ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket s = ss.accept()) {
                s.setSoTimeout(10_000);
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                DataInputStream in = new DataInputStream(s.getInputStream());
                out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
                in.readFully(new byte[12]);
                out.write(new byte[] {1, 19});
                in.readByte();
                out.write(new byte[] {0, 2});
                in.readShort();
                out.write(0);
                out.write(subtypes.size());
                for (int st : subtypes) {
                    out.writeInt(st);
                }
                int chosen = in.readInt();
                out.write(1);
                out.flush();
                SSLSocket tls = (SSLSocket) serverTls.getSocketFactory().createSocket(s, null, s.getPort(), true);
                tls.setUseClientMode(false);
                tls.startHandshake();
                out = new DataOutputStream(tls.getOutputStream());
                in = new DataInputStream(tls.getInputStream());
                if (chosen == RfbSession.VENCRYPT_X509_PLAIN) {
                    byte[] user = new byte[in.readInt()];
                    byte[] pass = new byte[in.readInt()];
                    in.readFully(user);
                    in.readFully(pass);
                    boolean ok = new String(user, StandardCharsets.UTF_8).equals("admin") && new String(pass, StandardCharsets.UTF_8).equals("s3cret");
                    if (!ok) {
                        byte[] why = "bad user or password".getBytes(StandardCharsets.US_ASCII);
                        out.writeInt(1);
                        out.writeInt(why.length);
                        out.write(why);
                        out.flush();
                        return;
                    }
                }
                out.writeInt(0);
                out.writeShort(8);
                out.writeShort(4);
                out.write(PixelFormat.ARGB32.encode());
                out.writeInt(4);
                out.write("tls!".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                in.readAllBytes();
            } catch (Exception e) {
                // the client went away
            }
        }, "vencrypt-plain-server");
        t.setDaemon(true);
        t.start();
        return ss;
    }

    private static VncTarget target(ServerSocket ss) {
        return VncTarget.parse("127.0.0.1:" + ss.getLocalPort());
    }

    @Test
    void x509PlainSendsUserAndPasswordInsideTls() throws Exception {
        try (ServerSocket ss = server(List.of(RfbSession.VENCRYPT_TLS_NONE, RfbSession.VENCRYPT_X509_PLAIN))) {
            VncOptions o = new VncOptions().tlsCa(ca).username("admin").password("s3cret".getBytes()).readTimeout(Duration.ofSeconds(10));
            try (RfbSession s = RfbSession.connect(target(ss), o, null)) {
                assertEquals("tls!", s.desktopName());
                assertEquals(8, s.framebuffer().width());
            }
        }
    }

    @Test
    void x509PlainWrongPassword() throws Exception {
        try (ServerSocket ss = server(List.of(RfbSession.VENCRYPT_X509_PLAIN))) {
            VncOptions o = new VncOptions().tlsCa(ca).username("admin").password("nope".getBytes()).readTimeout(Duration.ofSeconds(10));
            RfbSecurityException e = assertThrows(RfbSecurityException.class, () -> RfbSession.connect(target(ss), o, null));
            assertEquals(RfbSecurityException.Kind.AUTHENTICATION_FAILED, e.kind());
            assertTrue(e.getMessage().endsWith("bad user or password"), e.getMessage());
        }
    }

    @Test
    void x509PlainWithoutUserNameIsExplained() throws Exception {
        try (ServerSocket ss = server(List.of(RfbSession.VENCRYPT_X509_PLAIN))) {
            VncOptions o = new VncOptions().tlsCa(ca).password("s3cret".getBytes()).readTimeout(Duration.ofSeconds(10));
            RfbSecurityException e = assertThrows(RfbSecurityException.class, () -> RfbSession.connect(target(ss), o, null));
            assertEquals(RfbSecurityException.Kind.MISSING_CREDENTIALS, e.kind());
        }
    }

    @Test
    void x509NoneWithASelfSignedServer() throws Exception {
        try (ServerSocket ss = server(List.of(RfbSession.VENCRYPT_X509_NONE))) {
            VncOptions o = new VncOptions().tlsCa(ca).readTimeout(Duration.ofSeconds(10));
            try (RfbSession s = RfbSession.connect(target(ss), o, null)) {
                assertEquals(RfbSession.SECURITY_VENCRYPT, s.securityType());
            }
        }
    }
}
