package io.rackdesk.app.connections.ssh;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Learns the type of an SSH server's host key. libvirt's host-key prompt names only the key's SHA-256
 * hash, but users compare "ED25519 key SHA256:…" with what {@code ssh-keygen -lf} shows on the host.
 * So this runs the first steps of an SSH key exchange (RFC 4253 and 5656, no authentication, nothing
 * sent but a throw-away public value) until the server sends its public host key, and reads the type
 * from it. The caller checks the key's hash against libvirt's, so a wrong answer cannot slip through.
 */
public final class SshHostKeyProbe {
    /** libssh's default preference, so the server shows the same key as it shows libvirt. */
    static final String HOST_KEY_ALGORITHMS = "ssh-ed25519,ecdsa-sha2-nistp521,ecdsa-sha2-nistp384,ecdsa-sha2-nistp256,"
            + "rsa-sha2-512,rsa-sha2-256,ssh-rsa";
    private static final String KEX = "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256";
    private static final String CIPHERS = "chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com,"
            + "aes256-ctr,aes192-ctr,aes128-ctr";
    private static final String MACS = "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha2-256,hmac-sha2-512,hmac-sha1";
    private static final int MSG_DISCONNECT = 1;
    private static final int MSG_KEXINIT = 20;
    private static final int MSG_KEX_ECDH_INIT = 30;
    private static final int MSG_KEX_ECDH_REPLY = 31;
    private static final int MAX_PACKET = 256 * 1024;
    private static final int MAX_PACKETS_BEFORE_REPLY = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SshHostKeyProbe() {
    }

    /** The host key's type (e.g. ssh-ed25519) if the server's key hashes to {@code sha256Hex}; else null. */
    public static String keyType(String host, int port, String sha256Hex, Duration timeout) throws IOException {
        byte[] blob = fetchHostKey(host, port, timeout);
        String hex = HexFormat.ofDelimiter(":").formatHex(sha256(blob));
        return hex.equalsIgnoreCase(sha256Hex) ? typeOf(blob) : null;
    }

    /** The server's public host key in SSH wire format (string type, then key data). */
    public static byte[] fetchHostKey(String host, int port, Duration timeout) throws IOException {
        int ms = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        try (Socket socket = new Socket()) {
            // a hard deadline: a server that drips bytes must not keep the probe (and its worker) busy
            CompletableFuture.delayedExecutor(ms, TimeUnit.MILLISECONDS).execute(() -> closeQuietly(socket));
            socket.connect(new InetSocketAddress(host, port), ms);
            socket.setSoTimeout(ms);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            OutputStream out = socket.getOutputStream();
            out.write("SSH-2.0-Rackdesk_hostkey_probe\r\n".getBytes(StandardCharsets.US_ASCII));
            readVersion(in);
            writePacket(out, kexInit());
            byte[] serverInit = readUntil(in, MSG_KEXINIT);
            String kex = firstCommon(KEX, nameList(serverInit, 17));
            if (kex == null) {
                throw new IOException("no common key exchange with " + host + ":" + port);
            }
            ByteArrayOutputStream init = new ByteArrayOutputStream();
            init.write(MSG_KEX_ECDH_INIT);
            writeString(init, kex.startsWith("curve25519") ? x25519PublicValue() : p256PublicValue());
            writePacket(out, init.toByteArray());
            byte[] reply = readUntil(in, MSG_KEX_ECDH_REPLY);
            return readString(ByteBuffer.wrap(reply, 1, reply.length - 1));
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all that was wanted
        }
    }

    static String typeOf(byte[] blob) {
        return new String(readString(ByteBuffer.wrap(blob)), StandardCharsets.US_ASCII);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void readVersion(DataInputStream in) throws IOException {
        // servers may send other lines before the version line (RFC 4253 4.2)
        for (int lines = 0; lines < 50; lines++) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("the server closed the connection before its SSH version");
                }
                if (line.size() > 1024) {
                    throw new IOException("not an SSH server (overlong greeting)");
                }
                line.write(b);
            }
            String s = line.toString(StandardCharsets.ISO_8859_1);
            if (s.startsWith("SSH-2.0-") || s.startsWith("SSH-1.99-")) {
                return;
            }
            if (s.startsWith("SSH-")) {
                throw new IOException("unsupported SSH version: " + s.strip());
            }
        }
        throw new IOException("not an SSH server (no version line)");
    }

    private static byte[] kexInit() throws IOException {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(MSG_KEXINIT);
        byte[] cookie = new byte[16];
        RANDOM.nextBytes(cookie);
        p.write(cookie);
        for (String list : new String[] {KEX, HOST_KEY_ALGORITHMS, CIPHERS, CIPHERS, MACS, MACS, "none", "none", "", ""}) {
            writeString(p, list.getBytes(StandardCharsets.US_ASCII));
        }
        p.write(0); // first_kex_packet_follows
        p.write(new byte[4]); // reserved
        return p.toByteArray();
    }

    private static byte[] readUntil(DataInputStream in, int type) throws IOException {
        for (int i = 0; i < MAX_PACKETS_BEFORE_REPLY; i++) {
            byte[] payload = readPacket(in);
            if (payload.length == 0) {
                continue;
            }
            int t = payload[0] & 0xff;
            if (t == type) {
                return payload;
            }
            if (t == MSG_DISCONNECT) {
                ByteBuffer b = ByteBuffer.wrap(payload, 1, payload.length - 1);
                b.getInt();
                throw new IOException("the SSH server disconnected: " + new String(readString(b), StandardCharsets.UTF_8));
            }
            // SSH_MSG_IGNORE, DEBUG and the like: skip
        }
        throw new IOException("the SSH server did not send message " + type);
    }

    private static byte[] readPacket(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 5 || length > MAX_PACKET) {
            throw new IOException("malformed SSH packet (length " + length + ")");
        }
        int padding = in.readUnsignedByte();
        if (padding > length - 1) {
            throw new IOException("malformed SSH packet (padding " + padding + ")");
        }
        byte[] payload = new byte[length - padding - 1];
        in.readFully(payload);
        in.skipNBytes(padding);
        return payload;
    }

    private static void writePacket(OutputStream out, byte[] payload) throws IOException {
        int padding = 8 - (payload.length + 5) % 8;
        if (padding < 4) {
            padding += 8;
        }
        byte[] pad = new byte[padding];
        RANDOM.nextBytes(pad);
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(payload.length + padding + 1);
        d.write(padding);
        d.write(payload);
        d.write(pad);
        d.flush();
    }

    private static String nameList(byte[] payload, int offset) {
        return new String(readString(ByteBuffer.wrap(payload, offset, payload.length - offset)), StandardCharsets.US_ASCII);
    }

    private static String firstCommon(String ours, String theirs) {
        var offered = Arrays.asList(theirs.split(","));
        for (String alg : ours.split(",")) {
            if (offered.contains(alg)) {
                return alg;
            }
        }
        return null;
    }

    private static void writeString(ByteArrayOutputStream out, byte[] s) {
        out.write(s.length >>> 24);
        out.write(s.length >>> 16);
        out.write(s.length >>> 8);
        out.write(s.length);
        out.writeBytes(s);
    }

    private static byte[] readString(ByteBuffer b) {
        int len = b.getInt();
        if (len < 0 || len > b.remaining()) {
            throw new IllegalArgumentException("malformed SSH string (length " + len + ")");
        }
        byte[] s = new byte[len];
        b.get(s);
        return s;
    }

    /** A fresh X25519 public value; the exchange is abandoned, so the private half is never used. */
    private static byte[] x25519PublicValue() throws IOException {
        try {
            byte[] spki = KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic().getEncoded();
            return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        } catch (GeneralSecurityException e) {
            throw new IOException("X25519 is not available: " + e.getMessage(), e);
        }
    }

    /** A fresh NIST P-256 public point, uncompressed (0x04 || X || Y). */
    private static byte[] p256PublicValue() throws IOException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            ECPublicKey pub = (ECPublicKey) g.generateKeyPair().getPublic();
            byte[] out = new byte[65];
            out[0] = 4;
            fixed(pub.getW().getAffineX(), out, 1);
            fixed(pub.getW().getAffineY(), out, 33);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IOException("NIST P-256 is not available: " + e.getMessage(), e);
        }
    }

    private static void fixed(BigInteger v, byte[] out, int offset) {
        byte[] b = v.toByteArray();
        int n = Math.min(b.length, 32);
        System.arraycopy(b, b.length - n, out, offset + 32 - n, n);
    }
}
