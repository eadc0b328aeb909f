package io.rackdesk.app.vnc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * RFB over a WebSocket (RFC 6455), as QEMU's websocket port and websockify serve it to noVNC:
 * HTTP Upgrade with {@code Sec-WebSocket-Protocol: binary}, binary frames, every client frame masked.
 * {@link #input()} yields the payload bytes of the server's frames (answering pings), and every
 * {@code write} on {@link #output()} is sent as one binary frame.
 */
public final class WebSocketStream {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_RESPONSE_HEADER = 16 * 1024;
    /** Frames without payload in a row before the server is deemed to be spinning. */
    private static final int MAX_EMPTY_FRAMES = 1000;

    private final InputStream raw;
    private final OutputStream rawOut;
    private final SecureRandom random = new SecureRandom();
    private final Object writeLock = new Object();
    private final In in = new In();
    private final Out out = new Out();

    private WebSocketStream(InputStream raw, OutputStream rawOut) {
        this.raw = raw;
        this.rawOut = rawOut;
    }

    /** Performs the opening handshake on a connected stream pair (plain TCP or TLS for wss://). */
    public static WebSocketStream open(InputStream raw, OutputStream rawOut, String host, int port, String path) throws IOException {
        WebSocketStream ws = new WebSocketStream(raw, rawOut);
        ws.handshake(host, port, path);
        return ws;
    }

    public InputStream input() {
        return in;
    }

    public OutputStream output() {
        return out;
    }

    private void handshake(String host, int port, String path) throws IOException {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String hostHeader = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: binary\r\n"
                + "Origin: http://" + hostHeader + "\r\n"
                + "\r\n";
        rawOut.write(request.getBytes(StandardCharsets.US_ASCII));
        rawOut.flush();
        String response = readHeader();
        String[] lines = response.split("\r\n");
        String status = lines[0];
        if (!status.matches("HTTP/1\\.[01] 101( .*)?")) {
            throw new RfbProtocolException("the WebSocket server did not switch protocols: " + status.strip());
        }
        String accept = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("sec-websocket-accept")) {
                accept = lines[i].substring(colon + 1).strip();
            }
        }
        String expected;
        try {
            expected = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (!expected.equals(accept)) {
            throw new RfbProtocolException("the WebSocket server answered with a wrong Sec-WebSocket-Accept (" + accept + ")");
        }
    }

    /** The response head up to the blank line, byte by byte so that no frame data is consumed. */
    private String readHeader() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0D0A0D0A) { // up to the blank line
            int c = raw.read();
            if (c < 0) {
                throw new RfbProtocolException("the WebSocket server closed the connection during the handshake");
            }
            if (b.size() >= MAX_RESPONSE_HEADER) {
                throw new RfbProtocolException("the WebSocket server's response header is longer than " + MAX_RESPONSE_HEADER + " bytes");
            }
            b.write(c);
            last4 = last4 << 8 | c;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private void sendFrame(int opcode, byte[] b, int off, int len) throws IOException {
        int head = len < 126 ? 2 : len < 65536 ? 4 : 10;
        byte[] frame = new byte[head + 4 + len];
        frame[0] = (byte) (0x80 | opcode);
        if (len < 126) {
            frame[1] = (byte) (0x80 | len);
        } else if (len < 65536) {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (len >>> 8);
            frame[3] = (byte) len;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) len >>> (56 - 8 * i));
            }
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        System.arraycopy(mask, 0, frame, head, 4);
        for (int i = 0; i < len; i++) {
            frame[head + 4 + i] = (byte) (b[off + i] ^ mask[i & 3]);
        }
        synchronized (writeLock) {
            rawOut.write(frame);
            rawOut.flush();
        }
    }

    private int readRaw() throws IOException {
        int c = raw.read();
        if (c < 0) {
            throw new RfbProtocolException("the server closed the connection in the middle of a WebSocket frame");
        }
        return c;
    }

    private final class In extends InputStream {
        private long remaining;
        private boolean masked;
        private final byte[] mask = new byte[4];
        private int maskPos;
        private boolean closed;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int empty = 0;
            while (remaining == 0) {
                if (closed || !nextFrame()) {
                    closed = true;
                    return -1;
                }
                if (remaining == 0 && ++empty > MAX_EMPTY_FRAMES) {
                    throw new RfbProtocolException("the WebSocket server sends empty frames without end");
                }
            }
            int n = raw.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new RfbProtocolException("the server closed the connection in the middle of a WebSocket frame");
            }
            if (masked) {
                for (int i = 0; i < n; i++) {
                    b[off + i] ^= mask[maskPos++ & 3];
                }
            }
            remaining -= n;
            return n;
        }

        /** Reads frame headers until a data frame starts; false at a close frame. */
        private boolean nextFrame() throws IOException {
            int b0 = readRaw();
            int b1 = readRaw();
            int opcode = b0 & 0x0F;
            masked = (b1 & 0x80) != 0;
            long len = b1 & 0x7F;
            if (len == 126) {
                len = (long) readRaw() << 8 | readRaw();
            } else if (len == 127) {
                len = 0;
                for (int i = 0; i < 8; i++) {
                    len = len << 8 | readRaw();
                }
                if (len < 0) {
                    throw new RfbProtocolException("WebSocket frame with a negative length");
                }
            }
            if (masked) {
                for (int i = 0; i < 4; i++) {
                    mask[i] = (byte) readRaw();
                }
            }
            maskPos = 0;
            if (opcode >= 8) { // control frame
                if (len > 125) {
                    throw new RfbProtocolException("WebSocket control frame of " + len + " bytes (at most 125 allowed)");
                }
                byte[] payload = new byte[(int) len];
                for (int i = 0; i < len; i++) {
                    payload[i] = (byte) (readRaw() ^ (masked ? mask[i & 3] : 0));
                }
                if (opcode == 8) {
                    return false;
                }
                if (opcode == 9) {
                    sendFrame(10, payload, 0, payload.length); // pong
                }
                remaining = 0;
                return true;
            }
            if (opcode == 1) {
                throw new RfbProtocolException("the WebSocket server sends text frames (base64 subprotocol); only binary is supported");
            }
            if (opcode != 0 && opcode != 2) {
                throw new RfbProtocolException("unknown WebSocket opcode " + opcode);
            }
            remaining = len;
            return true;
        }

        @Override
        public void close() throws IOException {
            raw.close();
        }
    }

    private final class Out extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > 0) {
                sendFrame(2, b, off, len);
            }
        }

        @Override
        public void close() throws IOException {
            rawOut.close();
        }
    }
}
