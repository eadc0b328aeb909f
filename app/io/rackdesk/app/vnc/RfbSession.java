package io.rackdesk.app.vnc;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;

/**
 * One connection to a VNC server: the RFB 3.3/3.7/3.8 handshake with security None, VNC
 * authentication or VeNCrypt (X.509), then server messages decoded into a {@link Framebuffer}.
 * One thread calls {@link #processMessage()} in a loop; any thread may send input events.
 * Every failure is an {@link IOException} (usually an {@link RfbProtocolException} that says what
 * the server did wrong) after which the session is unusable and should be closed.
 */
public final class RfbSession implements Closeable {
    public static final int SECURITY_INVALID = 0;
    public static final int SECURITY_NONE = 1;
    public static final int SECURITY_VNC = 2;
    public static final int SECURITY_VENCRYPT = 19;

    static final int VENCRYPT_PLAIN = 256;
    static final int VENCRYPT_TLS_NONE = 257;
    static final int VENCRYPT_TLS_VNC = 258;
    static final int VENCRYPT_TLS_PLAIN = 259;
    static final int VENCRYPT_X509_NONE = 260;
    static final int VENCRYPT_X509_VNC = 261;
    static final int VENCRYPT_X509_PLAIN = 262;

    /** Longest reason, desktop name or cut text accepted from a server. */
    static final int MAX_STRING = 1 << 16;
    static final int MAX_CUT_TEXT = 1 << 22;
    /** An Extended Clipboard message: the text limit plus room for zlib's framing. */
    static final int MAX_EXTENDED_CLIPBOARD = MAX_CUT_TEXT + (1 << 16);
    /** Largest cursor side: real cursors are 32-128 pixels. */
    static final int MAX_CURSOR_SIDE = 1024;

    /** What the session tells its owner; called on the thread that runs {@link #processMessage()}. */
    public interface Listener {
        /** Pixels of this rectangle changed. */
        default void damaged(int x, int y, int w, int h) {
        }

        /** A FramebufferUpdate message is complete. */
        default void updateEnd() {
        }

        /** The framebuffer has a new size (and was cleared). */
        default void resized(int width, int height) {
        }

        default void bell() {
        }

        default void serverCutText(String text) {
        }

        /** A new cursor shape as opaque/transparent ARGB, with its hotspot. */
        default void cursor(int[] argb, int width, int height, int hotX, int hotY) {
        }

        default void ledState(int state) {
        }

        /**
         * An ExtendedDesktopSize rectangle: {@code reason} 0 server-side change, 1 this client's
         * SetDesktopSize, 2 another client's; {@code status} 0 success, 1 prohibited, 2 out of
         * resources, 3 invalid layout.
         */
        default void desktopSizeResult(int reason, int status, int width, int height) {
        }

        /** The server takes SetDesktopSize (it sent an ExtendedDesktopSize rectangle); called once. */
        default void desktopResizable() {
        }

        /**
         * A step of the handshake, on the thread that connects: {@link HandshakePhase#SECURITY_CHOSEN}
         * once the security type is agreed ({@code securityType} names it: "None", "VNC authentication",
         * "VeNCrypt"), then {@link HandshakePhase#AUTHENTICATING} when the client starts answering the
         * server's password or certificate challenge (not for "None").
         */
        default void handshake(HandshakePhase phase, String securityType) {
        }
    }

    /** What {@link Listener#handshake} reports. */
    public enum HandshakePhase { SECURITY_CHOSEN, AUTHENTICATING }

    private final Socket socket;
    private final Listener listener;
    private final VncOptions options;
    private final String host;
    private final int port;
    private Socket active; // the socket the streams belong to: plain or TLS
    private RfbInput in;
    private OutputStream out;
    private final Object writeLock = new Object();
    private boolean webSocket;
    private ReadTimeout timedStream; // open(): a stream that can time out (an SSH channel), else null
    private volatile boolean closed;

    private int minor; // 3, 7 or 8
    private Framebuffer fb;
    private PixelFormat pf;
    private String name = "";
    private boolean extendedKeyEvents;
    private int securityType;
    private final Map<Integer, Long> rectangles = new LinkedHashMap<>();
    /** Extended Clipboard: the server's Caps flags (0 until it sent them) and its text limit. */
    private volatile int clipboardCaps;
    private volatile long serverTextMax;
    /** Text announced with Notify, sent when the server requests it. */
    private volatile String offeredText;
    private volatile boolean desktopResizable;
    private volatile boolean receiveClipboard = true;
    private volatile long screenId;
    private volatile long screenFlags;

    private final RawDecoder raw = new RawDecoder();
    private final CopyRectDecoder copyRect = new CopyRectDecoder();
    private final HextileDecoder hextile = new HextileDecoder();
    private ZlibDecoder zlib;
    private ZrleDecoder zrle;
    private TightDecoder tight;
    private TightDecoder tightPng;

    private RfbSession(Socket socket, VncOptions options, Listener listener, String host, int port) {
        this.socket = socket;
        this.active = socket;
        this.options = options;
        this.listener = listener == null ? new Listener() { } : listener;
        this.host = host;
        this.port = port;
    }

    /** Connects, authenticates and initialises; the framebuffer is ready for update requests. */
    public static RfbSession connect(VncTarget target, VncOptions options, Listener listener) throws IOException {
        Socket s = new Socket();
        RfbSession session = new RfbSession(s, options, listener, target.host(), target.port());
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(millis(options.readTimeout));
            try {
                s.connect(new InetSocketAddress(target.host(), target.port()), millis(options.connectTimeout));
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException("no answer from " + target + " within " + seconds(options.connectTimeout));
            }
            InputStream rawIn = s.getInputStream();
            OutputStream rawOut = s.getOutputStream();
            if (target.scheme() != VncTarget.Scheme.TCP) {
                if (target.scheme() == VncTarget.Scheme.WSS) {
                    SSLSocket tls = session.tls().handshake(s, target.host(), target.port());
                    session.active = tls;
                    rawIn = tls.getInputStream();
                    rawOut = tls.getOutputStream();
                }
                WebSocketStream ws = WebSocketStream.open(rawIn, rawOut, target.host(), target.port(), target.path());
                rawIn = ws.input();
                rawOut = ws.output();
                session.webSocket = true;
            }
            session.in = new StreamInput(rawIn);
            session.out = rawOut;
            session.handshake();
            return session;
        } catch (SocketTimeoutException e) {
            session.close();
            throw new SocketTimeoutException(e.getMessage() != null && e.getMessage().startsWith("no answer") ? e.getMessage()
                    : "the server at " + target + " stopped answering (no data within " + seconds(options.readTimeout) + ")");
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * Runs the protocol over streams that are already connected to a VNC server: an SSH channel, a
     * test's in-memory stream, a benchmark's recording. Timeouts are the stream's business here (the
     * read timeout applies when {@code in} implements {@link ReadTimeout}); closing the session closes
     * {@code out}. VeNCrypt (which needs a TCP socket for TLS) is not available.
     */
    public static RfbSession open(InputStream in, OutputStream out, VncOptions options, Listener listener) throws IOException {
        RfbSession session = new RfbSession(null, options, listener, "stream", 0);
        session.in = new StreamInput(in);
        session.out = out;
        session.timedStream = in instanceof ReadTimeout t ? t : null;
        try {
            session.setReadTimeout(options.readTimeout);
            session.handshake();
            return session;
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private VncTls tls() throws IOException {
        if (options.tlsCa == null) {
            throw new RfbSecurityException(RfbSecurityException.Kind.MISSING_CREDENTIALS, RfbSecurityException.Credential.CA_CERTIFICATE,
                    "the server at " + host + ":" + port + " requires TLS: the CA certificate that signed its certificate is needed");
        }
        return VncTls.create(options.tlsCa, options.tlsCert, options.tlsKey);
    }

    /** "15 s", "0.5 s". */
    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : java.math.BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + " s";
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    /** Changes the read timeout; {@link Duration#ZERO} waits for ever (an idle console sends nothing). */
    public void setReadTimeout(Duration d) throws IOException {
        if (active != null) {
            active.setSoTimeout(d.isZero() ? 0 : millis(d));
        } else if (timedStream != null) {
            timedStream.setReadTimeout(d);
        }
    }

    // ------------------------------------------------------------------ handshake

    private void handshake() throws IOException {
        byte[] banner = new byte[12];
        in.readFully(banner, 0, 12);
        String v = new String(banner, StandardCharsets.ISO_8859_1);
        if (!v.matches("RFB \\d{3}\\.\\d{3}\n")) {
            throw new RfbProtocolException("not a VNC server: it greeted with \"" + printable(v) + "\" instead of an RFB version");
        }
        int major = Integer.parseInt(v.substring(4, 7));
        int serverMinor = Integer.parseInt(v.substring(8, 11));
        if (major < 3 || (major == 3 && serverMinor < 3)) {
            throw new RfbProtocolException("the server speaks RFB " + major + "." + serverMinor + "; at least 3.3 is needed");
        }
        // 3.4/3.6 (UltraVNC) behave as 3.3; 3.889 (Apple) and 4.x+ as 3.8
        minor = major > 3 || serverMinor >= 8 ? 8 : serverMinor == 7 ? 7 : 3;
        send(("RFB 003.00" + minor + "\n").getBytes(StandardCharsets.US_ASCII));

        securityType = minor == 3 ? security33() : chooseSecurity();
        listener.handshake(HandshakePhase.SECURITY_CHOSEN, securityName(securityType));
        if (securityType != SECURITY_NONE) {
            listener.handshake(HandshakePhase.AUTHENTICATING, securityName(securityType));
        }
        switch (securityType) {
            case SECURITY_NONE:
                break;
            case SECURITY_VNC:
                vncAuthentication();
                break;
            case SECURITY_VENCRYPT:
                veNCrypt();
                break;
            default:
                throw new IllegalStateException();
        }
        if (minor == 8 || securityType != SECURITY_NONE) {
            try {
                securityResult();
            } catch (RfbProtocolException | javax.net.ssl.SSLException e) {
                if (securityType == SECURITY_VENCRYPT && options.tlsCert == null && !(e instanceof RfbSecurityException)) {
                    throw new RfbSecurityException(RfbSecurityException.Kind.CERTIFICATE, RfbSecurityException.Credential.CLIENT_CERTIFICATE,
                            "the server ended the connection after the TLS handshake: it probably requires a client certificate", e);
                }
                throw e;
            }
        }

        send(new byte[] {(byte) (options.shared ? 1 : 0)});
        int w = in.u16();
        int h = in.u16();
        byte[] pfBytes = new byte[16];
        in.readFully(pfBytes, 0, 16);
        PixelFormat serverFormat = PixelFormat.parse(pfBytes, 0);
        long nameLength = in.u32();
        if (nameLength > MAX_STRING) {
            throw new RfbProtocolException("the server's desktop name is " + nameLength + " bytes long (at most " + MAX_STRING + " accepted)");
        }
        byte[] nameBytes = new byte[(int) nameLength];
        in.readFully(nameBytes, 0, nameBytes.length);
        name = new String(nameBytes, StandardCharsets.UTF_8);
        fb = new Framebuffer(w, h, options.maxFramebufferPixels);
        pf = options.pixelFormat != null ? options.pixelFormat : serverFormat;
        if (options.pixelFormat != null) {
            byte[] m = new byte[20];
            m[0] = 0; // SetPixelFormat
            System.arraycopy(pf.encode(), 0, m, 4, 16);
            send(m);
        }
        sendEncodings();
    }

    private int security33() throws IOException {
        long type = in.u32();
        if (type == SECURITY_INVALID) {
            throw new RfbSecurityException(RfbSecurityException.Kind.REFUSED, "the server refused the connection: " + reason());
        }
        if (type == SECURITY_NONE) {
            return SECURITY_NONE;
        }
        if (type == SECURITY_VNC) {
            requirePassword("VNC authentication");
            return SECURITY_VNC;
        }
        throw new RfbSecurityException(RfbSecurityException.Kind.UNSUPPORTED,
                "the server (RFB 3.3) wants security type " + type + ", which this client does not support");
    }

    private int chooseSecurity() throws IOException {
        int n = in.u8();
        if (n == 0) {
            throw new RfbSecurityException(RfbSecurityException.Kind.REFUSED, "the server refused the connection: " + reason());
        }
        byte[] types = new byte[n];
        in.readFully(types, 0, n);
        boolean none = false;
        boolean vnc = false;
        boolean vencrypt = false;
        StringBuilder offered = new StringBuilder();
        for (byte t : types) {
            int type = t & 0xFF;
            none |= type == SECURITY_NONE;
            vnc |= type == SECURITY_VNC;
            vencrypt |= type == SECURITY_VENCRYPT;
            offered.append(offered.length() == 0 ? "" : ", ").append(securityName(type));
        }
        int choice;
        if (vencrypt && (options.tlsCa != null || !(none || vnc))) {
            choice = SECURITY_VENCRYPT;
        } else if (vnc && (options.password != null || !none)) {
            requirePassword("VNC authentication");
            choice = SECURITY_VNC;
        } else if (none) {
            choice = SECURITY_NONE;
        } else {
            throw new RfbSecurityException(RfbSecurityException.Kind.UNSUPPORTED,
                    "the server offers only security types this client does not support: " + offered);
        }
        send(new byte[] {(byte) choice});
        return choice;
    }

    private static String securityName(int type) {
        switch (type) {
            case SECURITY_NONE: return "None";
            case SECURITY_VNC: return "VNC authentication";
            case 5: return "RA2";
            case 16: return "Tight";
            case 18: return "TLS";
            case SECURITY_VENCRYPT: return "VeNCrypt";
            case 20: return "SASL";
            case 30: return "Apple ARD";
            default: return "type " + type;
        }
    }

    private void requirePassword(String what) throws RfbSecurityException {
        if (options.password == null) {
            throw new RfbSecurityException(RfbSecurityException.Kind.MISSING_CREDENTIALS, RfbSecurityException.Credential.PASSWORD,
                    "the server requires " + what + ", and no password is set");
        }
    }

    private void vncAuthentication() throws IOException {
        requirePassword("VNC authentication");
        byte[] challenge = new byte[16];
        in.readFully(challenge, 0, 16);
        send(VncAuth.response(challenge, options.password));
    }

    private void veNCrypt() throws IOException {
        int major = in.u8();
        int vminor = in.u8();
        if (major != 0 || vminor < 2) {
            throw new RfbSecurityException(RfbSecurityException.Kind.UNSUPPORTED,
                    "the server speaks VeNCrypt " + major + "." + vminor + "; this client needs 0.2");
        }
        send(new byte[] {0, 2});
        if (in.u8() != 0) {
            throw new RfbSecurityException(RfbSecurityException.Kind.REFUSED, "the server refused VeNCrypt version 0.2");
        }
        int n = in.u8();
        int[] subtypes = new int[n];
        StringBuilder offered = new StringBuilder();
        for (int i = 0; i < n; i++) {
            subtypes[i] = in.s32();
            offered.append(i == 0 ? "" : ", ").append(veNCryptName(subtypes[i]));
        }
        int choice = -1;
        for (int want : new int[] {VENCRYPT_X509_VNC, VENCRYPT_X509_PLAIN, VENCRYPT_X509_NONE}) {
            boolean usable = want == VENCRYPT_X509_NONE
                    || (want == VENCRYPT_X509_VNC && options.password != null)
                    || (want == VENCRYPT_X509_PLAIN && options.password != null && options.username != null);
            if (usable && contains(subtypes, want)) {
                choice = want;
                break;
            }
        }
        if (choice < 0) {
            if (contains(subtypes, VENCRYPT_X509_VNC)) {
                requirePassword("VeNCrypt X509Vnc");
            }
            if (contains(subtypes, VENCRYPT_X509_PLAIN)) {
                throw new RfbSecurityException(RfbSecurityException.Kind.MISSING_CREDENTIALS, RfbSecurityException.Credential.USER_NAME,
                        "the server requires VeNCrypt X509Plain, and no user name and password are set");
            }
            throw new RfbSecurityException(RfbSecurityException.Kind.UNSUPPORTED, "the server offers VeNCrypt " + offered
                    + "; this client supports X509None, X509Vnc and X509Plain (anonymous TLS is not supported by Java's TLS)");
        }
        if (webSocket || socket == null) {
            throw new RfbSecurityException(RfbSecurityException.Kind.UNSUPPORTED, webSocket
                    ? "VeNCrypt inside a WebSocket is not supported: use wss:// or the plain VNC port"
                    : "VeNCrypt needs a direct TCP connection to the server");
        }
        if (options.tlsCa == null) {
            tls(); // throws the "CA certificate is needed" message
        }
        send(new byte[] {(byte) (choice >>> 24), (byte) (choice >>> 16), (byte) (choice >>> 8), (byte) choice});
        if (in.u8() != 1) {
            throw new RfbSecurityException(RfbSecurityException.Kind.REFUSED, "the server refused VeNCrypt " + veNCryptName(choice));
        }
        if (in.buffered() > 0) {
            throw new RfbProtocolException("the server sent data before the TLS handshake");
        }
        SSLSocket tlsSocket = tls().handshake(socket, host, port);
        active = tlsSocket;
        in = new StreamInput(tlsSocket.getInputStream());
        out = tlsSocket.getOutputStream();
        if (choice == VENCRYPT_X509_VNC) {
            vncAuthentication();
        } else if (choice == VENCRYPT_X509_PLAIN) {
            byte[] user = options.username.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream m = new ByteArrayOutputStream();
            writeU32(m, user.length);
            writeU32(m, options.password.length);
            m.writeBytes(user);
            m.writeBytes(options.password);
            send(m.toByteArray());
        }
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    static String veNCryptName(int subtype) {
        switch (subtype) {
            case VENCRYPT_PLAIN: return "Plain";
            case VENCRYPT_TLS_NONE: return "TLSNone";
            case VENCRYPT_TLS_VNC: return "TLSVnc";
            case VENCRYPT_TLS_PLAIN: return "TLSPlain";
            case VENCRYPT_X509_NONE: return "X509None";
            case VENCRYPT_X509_VNC: return "X509Vnc";
            case VENCRYPT_X509_PLAIN: return "X509Plain";
            case 263: return "TLSSASL";
            case 264: return "X509SASL";
            default: return "subtype " + subtype;
        }
    }

    private void securityResult() throws IOException {
        long result = in.u32();
        if (result == 0) {
            return;
        }
        String why = minor == 8 ? reason() : "";
        boolean password = securityType == SECURITY_VNC || options.password != null && securityType == SECURITY_VENCRYPT;
        String text = password ? "authentication failed (wrong password?)" : "the server refused the connection";
        throw new RfbSecurityException(password ? RfbSecurityException.Kind.AUTHENTICATION_FAILED : RfbSecurityException.Kind.REFUSED,
                text + (why.isEmpty() ? "" : ": " + why));
    }

    /** A reason string (u32 length + text), bounded and made printable. */
    private String reason() throws IOException {
        long len = in.u32();
        if (len > MAX_STRING) {
            throw new RfbProtocolException("the server's reason message is " + len + " bytes long (at most " + MAX_STRING + " accepted)");
        }
        byte[] b = new byte[(int) len];
        in.readFully(b, 0, b.length);
        return printable(new String(b, StandardCharsets.UTF_8)).strip();
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 500; i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                b.append("\\n");
            } else if (c != 0) { // C servers often count the terminating NUL
                b.append(Character.isISOControl(c) ? '?' : c);
            }
        }
        return b.toString();
    }

    private void sendEncodings() throws IOException {
        List<Integer> offered = new java.util.ArrayList<>(options.encodings);
        if (!offered.contains(Encodings.RAW)) {
            offered.add(Encodings.RAW);
        }
        if (options.jpegQuality >= 0) {
            offered.add(Encodings.JPEG_QUALITY_0 + options.jpegQuality);
        }
        if (options.compressLevel >= 0) {
            offered.add(Encodings.COMPRESS_LEVEL_0 + options.compressLevel);
        }
        offered.addAll(List.of(Encodings.DESKTOP_SIZE, Encodings.EXTENDED_DESKTOP_SIZE, Encodings.LAST_RECT,
                Encodings.CURSOR_WITH_ALPHA, Encodings.CURSOR, Encodings.QEMU_EXTENDED_KEY_EVENT, Encodings.QEMU_LED_STATE));
        if (options.extendedClipboard) {
            offered.add(Encodings.EXTENDED_CLIPBOARD);
        }
        byte[] m = new byte[4 + 4 * offered.size()];
        m[0] = 2; // SetEncodings
        m[2] = (byte) (offered.size() >>> 8);
        m[3] = (byte) offered.size();
        for (int i = 0; i < offered.size(); i++) {
            int e = offered.get(i);
            m[4 + 4 * i] = (byte) (e >>> 24);
            m[5 + 4 * i] = (byte) (e >>> 16);
            m[6 + 4 * i] = (byte) (e >>> 8);
            m[7 + 4 * i] = (byte) e;
        }
        send(m);
    }

    // ------------------------------------------------------------------ client messages

    private void send(byte[] m) throws IOException {
        synchronized (writeLock) {
            out.write(m);
            out.flush();
        }
    }

    private static void writeU32(ByteArrayOutputStream m, int v) {
        m.write(v >>> 24);
        m.write(v >>> 16);
        m.write(v >>> 8);
        m.write(v);
    }

    /** FramebufferUpdateRequest for the whole screen. */
    public void requestUpdate(boolean incremental) throws IOException {
        requestUpdate(incremental, 0, 0, fb.width(), fb.height());
    }

    public void requestUpdate(boolean incremental, int x, int y, int w, int h) throws IOException {
        send(new byte[] {3, (byte) (incremental ? 1 : 0), (byte) (x >>> 8), (byte) x, (byte) (y >>> 8), (byte) y,
            (byte) (w >>> 8), (byte) w, (byte) (h >>> 8), (byte) h});
    }

    /** KeyEvent with an X11 keysym. */
    public void keyEvent(boolean down, int keysym) throws IOException {
        send(new byte[] {4, (byte) (down ? 1 : 0), 0, 0, (byte) (keysym >>> 24), (byte) (keysym >>> 16), (byte) (keysym >>> 8), (byte) keysym});
    }

    /** QEMU Extended Key Event: keysym plus XT scancode (layout-independent); needs {@link #supportsExtendedKeyEvents()}. */
    public void qemuKeyEvent(boolean down, int keysym, int scancode) throws IOException {
        send(new byte[] {(byte) 255, 0, 0, (byte) (down ? 1 : 0), (byte) (keysym >>> 24), (byte) (keysym >>> 16),
            (byte) (keysym >>> 8), (byte) keysym, (byte) (scancode >>> 24), (byte) (scancode >>> 16), (byte) (scancode >>> 8), (byte) scancode});
    }

    public void pointerEvent(int buttons, int x, int y) throws IOException {
        send(new byte[] {5, (byte) buttons, (byte) (x >>> 8), (byte) x, (byte) (y >>> 8), (byte) y});
    }

    /**
     * SetDesktopSize (ExtendedDesktopSize extension): asks the server to resize the remote screen to
     * one w x h screen ("resize guest to window"). The server answers with an ExtendedDesktopSize rectangle.
     */
    public void setDesktopSize(int w, int h) throws IOException {
        if (w < 1 || h < 1 || w > 65535 || h > 65535) {
            throw new IllegalArgumentException("desktop size " + w + "x" + h);
        }
        long id = screenId;
        long flags = screenFlags;
        send(new byte[] {(byte) 251, 0, (byte) (w >>> 8), (byte) w, (byte) (h >>> 8), (byte) h, 1, 0,
            (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id, 0, 0, 0, 0,
            (byte) (w >>> 8), (byte) w, (byte) (h >>> 8), (byte) h,
            (byte) (flags >>> 24), (byte) (flags >>> 16), (byte) (flags >>> 8), (byte) flags});
    }

    /** Whether the server takes {@link #setDesktopSize} (it has sent an ExtendedDesktopSize rectangle). */
    public boolean supportsDesktopResize() {
        return desktopResizable;
    }

    /**
     * Whether the guest's clipboard text is wanted: off, the Extended Clipboard's Notify is not
     * answered with a Request, so the text never crosses (plain ServerCutText cannot be declined).
     */
    public void receiveClipboard(boolean on) {
        receiveClipboard = on;
    }

    /** Whether the server speaks the Extended Clipboard (it sent its Caps). */
    public boolean supportsExtendedClipboard() {
        return clipboardCaps != 0;
    }

    /**
     * Offers local clipboard text to the server: with the Extended Clipboard as UTF-8 (Notify, then
     * Provide when the server asks; Provide at once when it takes no Notify), otherwise as ClientCutText.
     */
    public void clipboardText(String text) throws IOException {
        int caps = clipboardCaps;
        if (caps == 0 || (caps & ExtendedClipboard.FORMAT_TEXT) == 0) {
            clientCutText(text);
        } else if ((caps & ExtendedClipboard.NOTIFY) != 0) {
            offeredText = text;
            send(ExtendedClipboard.action(ExtendedClipboard.NOTIFY, ExtendedClipboard.FORMAT_TEXT));
        } else if ((caps & ExtendedClipboard.PROVIDE) != 0) {
            sendProvide(text);
        } else {
            clientCutText(text);
        }
    }

    private void sendProvide(String text) throws IOException {
        byte[] m = ExtendedClipboard.provide(text);
        if (serverTextMax > 0 && m.length - 12 > serverTextMax) {
            return; // more than the server takes: it would drop it anyway
        }
        send(m);
    }

    /** ClientCutText (Latin-1, as RFB defines it; other characters become '?'). */
    public void clientCutText(String text) throws IOException {
        byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] m = new byte[8 + t.length];
        m[0] = 6;
        m[4] = (byte) (t.length >>> 24);
        m[5] = (byte) (t.length >>> 16);
        m[6] = (byte) (t.length >>> 8);
        m[7] = (byte) t.length;
        System.arraycopy(t, 0, m, 8, t.length);
        send(m);
    }

    // ------------------------------------------------------------------ server messages

    /** Reads and handles one server message; returns its type (0 FramebufferUpdate, 1 colour map, 2 bell, 3 cut text). */
    public int processMessage() throws IOException {
        try {
            return handleMessage();
        } catch (RuntimeException e) {
            if (closed) { // close() from another thread freed a decoder under us
                throw new IOException("the session was closed", e);
            }
            throw e;
        }
    }

    private int handleMessage() throws IOException {
        int type = in.u8();
        switch (type) {
            case 0:
                framebufferUpdate();
                break;
            case 1: {
                in.u8();
                int first = in.u16();
                int n = in.u16();
                for (int i = 0; i < n; i++) {
                    int r = in.u16();
                    int g = in.u16();
                    int b = in.u16();
                    pf.setColour(first + i, r, g, b);
                }
                break;
            }
            case 2:
                listener.bell();
                break;
            case 3: {
                in.require(3);
                in.skip(3);
                int len = in.s32();
                if (len < 0) {
                    extendedClipboard(-(long) len);
                    break;
                }
                if (len > MAX_CUT_TEXT) {
                    throw new RfbProtocolException("the server's clipboard text is " + len + " bytes long (at most " + MAX_CUT_TEXT + " accepted)");
                }
                byte[] t = new byte[len];
                in.readFully(t, 0, len);
                listener.serverCutText(new String(t, StandardCharsets.ISO_8859_1));
                break;
            }
            default:
                throw new RfbProtocolException("unknown server message type " + type);
        }
        return type;
    }

    /** One Extended Clipboard message of {@code length} bytes (flags, then data). */
    private void extendedClipboard(long length) throws IOException {
        if (!options.extendedClipboard) {
            throw new RfbProtocolException("the server sent an extended clipboard message this client did not ask for");
        }
        if (length < 4) {
            throw new RfbProtocolException("the server sent an extended clipboard message of " + length + " bytes (no flags)");
        }
        if (length > MAX_EXTENDED_CLIPBOARD) {
            throw new RfbProtocolException("the server's extended clipboard message is " + length + " bytes long (at most "
                    + MAX_EXTENDED_CLIPBOARD + " accepted)");
        }
        int flags = in.s32();
        byte[] data = new byte[(int) length - 4];
        in.readFully(data, 0, data.length);
        int action = flags & ExtendedClipboard.ACTIONS;
        if ((flags & ExtendedClipboard.CAPS) != 0) {
            if (data.length < 4 * Integer.bitCount(flags & 0xFFFF)) {
                throw new RfbProtocolException("the server's extended clipboard capabilities are " + data.length
                        + " bytes long, too short for the formats they name");
            }
            serverTextMax = (flags & ExtendedClipboard.FORMAT_TEXT) != 0 ? java.nio.ByteBuffer.wrap(data).getInt() & 0xFFFFFFFFL : 0;
            clipboardCaps = flags;
            send(ExtendedClipboard.caps(MAX_CUT_TEXT));
        } else if (clipboardCaps == 0) {
            throw new RfbProtocolException("the server sent an extended clipboard " + ExtendedClipboard.actionName(flags)
                    + " before its capabilities");
        } else if (action == ExtendedClipboard.NOTIFY) {
            if ((flags & ExtendedClipboard.FORMAT_TEXT) != 0 && receiveClipboard) {
                send(ExtendedClipboard.action(ExtendedClipboard.REQUEST, ExtendedClipboard.FORMAT_TEXT));
            }
        } else if (action == ExtendedClipboard.PROVIDE) {
            String text = ExtendedClipboard.providedText(flags, data, MAX_CUT_TEXT);
            if (text != null) {
                listener.serverCutText(text);
            }
        } else if (action == ExtendedClipboard.REQUEST) {
            String text = offeredText;
            if (text != null && (flags & ExtendedClipboard.FORMAT_TEXT) != 0) {
                sendProvide(text);
            }
        } else if (action == ExtendedClipboard.PEEK) {
            send(ExtendedClipboard.action(ExtendedClipboard.NOTIFY, offeredText == null ? 0 : ExtendedClipboard.FORMAT_TEXT));
        } else {
            throw ExtendedClipboard.unexpected(flags);
        }
    }

    private void framebufferUpdate() throws IOException {
        in.u8();
        int count = in.u16();
        for (int i = 0; i < count; i++) {
            in.require(12);
            int x = in.u16();
            int y = in.u16();
            int w = in.u16();
            int h = in.u16();
            int enc = in.s32();
            if (enc == Encodings.LAST_RECT) {
                break;
            }
            RectDecoder d = decoder(enc);
            if (d != null) {
                d.decode(in, x, y, w, h, fb, pf);
                rectangles.merge(enc, 1L, Long::sum);
                listener.damaged(x, y, w, h);
            } else {
                pseudo(enc, x, y, w, h);
            }
        }
        listener.updateEnd();
    }

    private RectDecoder decoder(int enc) {
        switch (enc) {
            case Encodings.RAW: return raw;
            case Encodings.COPY_RECT: return copyRect;
            case Encodings.HEXTILE: return hextile;
            case Encodings.ZLIB:
                if (zlib == null) {
                    zlib = new ZlibDecoder();
                }
                return zlib;
            case Encodings.ZRLE:
                if (zrle == null) {
                    zrle = new ZrleDecoder();
                }
                return zrle;
            case Encodings.TIGHT:
                if (tight == null) {
                    tight = new TightDecoder(false);
                }
                return tight;
            case Encodings.TIGHT_PNG:
                if (tightPng == null) {
                    tightPng = new TightDecoder(true);
                }
                return tightPng;
            default:
                return null;
        }
    }

    private void pseudo(int enc, int x, int y, int w, int h) throws IOException {
        switch (enc) {
            case Encodings.DESKTOP_SIZE:
                resize(w, h);
                break;
            case Encodings.EXTENDED_DESKTOP_SIZE: {
                int screens = in.u8();
                in.require(3);
                in.skip(3);
                for (int i = 0; i < screens; i++) {
                    long id = in.u32();
                    in.require(8);
                    in.skip(8);
                    long flags = in.u32();
                    if (i == 0) { // SetDesktopSize keeps the first screen's id and flags
                        screenId = id;
                        screenFlags = flags;
                    }
                }
                if (y == 0) { // status: success
                    resize(w, h);
                }
                if (!desktopResizable) {
                    desktopResizable = true;
                    listener.desktopResizable();
                }
                listener.desktopSizeResult(x, y, w, h);
                break;
            }
            case Encodings.CURSOR:
                cursor(x, y, w, h);
                break;
            case Encodings.CURSOR_WITH_ALPHA:
                alphaCursor(x, y, w, h);
                break;
            case Encodings.QEMU_EXTENDED_KEY_EVENT:
                extendedKeyEvents = true;
                break;
            case Encodings.QEMU_LED_STATE:
                listener.ledState(in.u8());
                break;
            case Encodings.POINTER_TYPE_CHANGE:
                break;
            default:
                throw new RfbProtocolException("the server sent a " + w + "x" + h + " rectangle in " + Encodings.name(enc)
                        + ", which this client did not ask for and cannot decode");
        }
    }

    private void resize(int w, int h) throws IOException {
        if (w != fb.width() || h != fb.height()) {
            fb.resize(w, h);
            listener.resized(w, h);
        }
    }

    private void cursor(int hotX, int hotY, int w, int h) throws IOException {
        if (w > MAX_CURSOR_SIDE || h > MAX_CURSOR_SIDE) {
            throw new RfbProtocolException("the server sent a " + w + "x" + h + " cursor (at most " + MAX_CURSOR_SIDE + " pixels a side)");
        }
        int bpp = pf.bytesPerPixel();
        int[] argb = new int[w * h];
        int maskRow = (w + 7) / 8;
        byte[] pixels = new byte[w * h * bpp];
        byte[] mask = new byte[maskRow * h];
        in.readFully(pixels, 0, pixels.length);
        in.readFully(mask, 0, mask.length);
        pf.toArgb(pixels, 0, argb, 0, w * h); // xRGB: the mask gives the alpha
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                boolean shown = ((mask[r * maskRow + (c >>> 3)] >>> (7 - (c & 7))) & 1) != 0;
                argb[r * w + c] = shown ? argb[r * w + c] | 0xFF000000 : 0;
            }
        }
        if (hotX >= Math.max(w, 1) || hotY >= Math.max(h, 1)) {
            hotX = Math.min(hotX, Math.max(w - 1, 0));
            hotY = Math.min(hotY, Math.max(h - 1, 0));
        }
        listener.cursor(argb, w, h, hotX, hotY);
    }

    /**
     * Cursor with alpha (-314): an encoding number, then (Raw only) w x h pixels as R, G, B, A bytes
     * with premultiplied alpha; handed on as straight (not premultiplied) ARGB.
     */
    private void alphaCursor(int hotX, int hotY, int w, int h) throws IOException {
        if (w > MAX_CURSOR_SIDE || h > MAX_CURSOR_SIDE) {
            throw new RfbProtocolException("the server sent a " + w + "x" + h + " cursor (at most " + MAX_CURSOR_SIDE + " pixels a side)");
        }
        int enc = in.s32();
        if (enc != Encodings.RAW) {
            throw new RfbProtocolException("the server sent an alpha cursor in " + Encodings.name(enc) + " (only Raw is supported)");
        }
        byte[] rgba = new byte[w * h * 4];
        in.readFully(rgba, 0, rgba.length);
        int[] argb = new int[w * h];
        for (int i = 0; i < argb.length; i++) {
            int r = rgba[4 * i] & 0xFF;
            int g = rgba[4 * i + 1] & 0xFF;
            int b = rgba[4 * i + 2] & 0xFF;
            int a = rgba[4 * i + 3] & 0xFF;
            if (a == 0) {
                continue;
            }
            if (a < 255) { // un-premultiply, clamped: a server may send colour above its alpha
                r = Math.min(255, (r * 255 + a / 2) / a);
                g = Math.min(255, (g * 255 + a / 2) / a);
                b = Math.min(255, (b * 255 + a / 2) / a);
            }
            argb[i] = a << 24 | r << 16 | g << 8 | b;
        }
        listener.cursor(argb, w, h, Math.min(hotX, Math.max(w - 1, 0)), Math.min(hotY, Math.max(h - 1, 0)));
    }

    // ------------------------------------------------------------------ state

    public Framebuffer framebuffer() {
        return fb;
    }

    public PixelFormat pixelFormat() {
        return pf;
    }

    public String desktopName() {
        return name;
    }

    /** "3.3", "3.7" or "3.8": the protocol version in use. */
    public String protocolVersion() {
        return "3." + minor;
    }

    /** The security type used (1 None, 2 VNC, 19 VeNCrypt). */
    public int securityType() {
        return securityType;
    }

    public boolean supportsExtendedKeyEvents() {
        return extendedKeyEvents;
    }

    /**
     * Tight and TightPNG rectangles decoded so far by kind: fill, JPEG, PNG, basic copy, basic
     * palette, basic gradient (see {@link TightDecoder#counts()}).
     */
    public long[] tightCounts() {
        long[] sum = new long[6];
        for (TightDecoder d : new TightDecoder[] {tight, tightPng}) {
            if (d != null) {
                long[] c = d.counts();
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += c[i];
                }
            }
        }
        return sum;
    }

    /** How many rectangles of each (real) encoding have been decoded. */
    public Map<Integer, Long> rectangleCounts() {
        return Map.copyOf(rectangles);
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (active != null) {
                active.close();
            } else if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
        for (RectDecoder d : Arrays.asList(zlib, zrle, tight, tightPng)) {
            if (d != null) {
                d.close();
            }
        }
    }
}
