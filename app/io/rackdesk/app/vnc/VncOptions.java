package io.rackdesk.app.vnc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** How to connect and what to ask the server for. Mutable; fluent setters; not shared between threads. */
public final class VncOptions {
    /** 8K UHD: 33 M pixels, 133 MB of framebuffer. */
    public static final long DEFAULT_MAX_PIXELS = 7680L * 4320;

    Duration connectTimeout = Duration.ofSeconds(15);
    Duration readTimeout = Duration.ofSeconds(30);
    byte[] password;
    String username;
    Path tlsCa;
    Path tlsCert;
    Path tlsKey;
    List<Integer> encodings = new ArrayList<>(Encodings.DEFAULT);
    PixelFormat pixelFormat = PixelFormat.ARGB32;
    long maxFramebufferPixels = DEFAULT_MAX_PIXELS;
    boolean shared = true;
    int jpegQuality = -1;
    int compressLevel = -1;
    boolean extendedClipboard = true;

    public VncOptions connectTimeout(Duration d) {
        this.connectTimeout = d;
        return this;
    }

    /** The longest wait for any one read while connecting (and afterwards, until changed on the session). */
    public VncOptions readTimeout(Duration d) {
        this.readTimeout = d;
        return this;
    }

    /** The VNC password (only its first 8 bytes count for VNC authentication). */
    public VncOptions password(byte[] p) {
        this.password = p == null ? null : p.clone();
        return this;
    }

    /** The user name for VeNCrypt X509Plain. */
    /** Whether a password has been set (e.g. from --password-file), so that one from elsewhere need not be used. */
    public boolean hasPassword() {
        return password != null;
    }

    public VncOptions username(String u) {
        this.username = u;
        return this;
    }

    /** The CA that must have signed the server's certificate (VeNCrypt, wss://). */
    public VncOptions tlsCa(Path ca) {
        this.tlsCa = ca;
        return this;
    }

    /** A client certificate and its unencrypted PEM key, for servers that verify clients. */
    public VncOptions tlsClient(Path cert, Path key) {
        this.tlsCert = cert;
        this.tlsKey = key;
        return this;
    }

    /** The encodings offered, best first; Raw is always added last (the protocol's fallback). */
    public VncOptions encodings(List<Integer> e) {
        this.encodings = new ArrayList<>(e);
        return this;
    }

    public VncOptions pixelFormat(PixelFormat pf) {
        this.pixelFormat = pf;
        return this;
    }

    public VncOptions maxFramebufferPixels(long max) {
        this.maxFramebufferPixels = max;
        return this;
    }

    public VncOptions shared(boolean s) {
        this.shared = s;
        return this;
    }

    /** 0-9 lets Tight send JPEG at that quality; -1 (the default) keeps everything lossless. */
    public VncOptions jpegQuality(int q) {
        if (q < -1 || q > 9) {
            throw new IllegalArgumentException("JPEG quality must be 0-9 or -1");
        }
        this.jpegQuality = q;
        return this;
    }

    /** 0-9, or -1 for the server's default. */
    public VncOptions compressLevel(int level) {
        if (level < -1 || level > 9) {
            throw new IllegalArgumentException("compression level must be 0-9 or -1");
        }
        this.compressLevel = level;
        return this;
    }

    /** Offers the Extended Clipboard pseudo-encoding (UTF-8 text, zlib); off: plain Latin-1 cut text only. */
    public VncOptions extendedClipboard(boolean on) {
        this.extendedClipboard = on;
        return this;
    }
}
