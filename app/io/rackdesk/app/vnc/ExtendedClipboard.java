package io.rackdesk.app.vnc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The Extended Clipboard extension (rfbproto, pseudo-encoding 0xC0A1E5CE): cut-text messages with a
 * negative length whose payload starts with a flags word (formats in the low 16 bits, one action in
 * the high byte: Caps, Request, Peek, Notify, Provide). Only the text format is used: UTF-8, CRLF line
 * ends, NUL-terminated, inside a zlib stream (Provide). Every size the server names is bounded before
 * anything is allocated, and a Provide may not inflate to more than the text limit (no zlib bombs).
 */
final class ExtendedClipboard {
    static final int FORMAT_TEXT = 1;
    static final int CAPS = 1 << 24;
    static final int REQUEST = 1 << 25;
    static final int PEEK = 1 << 26;
    static final int NOTIFY = 1 << 27;
    static final int PROVIDE = 1 << 28;
    static final int ACTIONS = CAPS | REQUEST | PEEK | NOTIFY | PROVIDE;

    private ExtendedClipboard() {
    }

    /** The client's Caps: text only, up to {@code maxText} bytes, every action. */
    static byte[] caps(int maxText) {
        ByteBuffer b = ByteBuffer.allocate(8);
        b.putInt(CAPS | REQUEST | PEEK | NOTIFY | PROVIDE | FORMAT_TEXT).putInt(maxText);
        return message(b.array());
    }

    /** A flags-only message: Request, Peek or Notify for {@code formats}. */
    static byte[] action(int action, int formats) {
        return message(ByteBuffer.allocate(4).putInt(action | formats).array());
    }

    /** Provide: the text (LF becomes CRLF, NUL-terminated) in a zlib stream. */
    static byte[] provide(String text) {
        byte[] t = (text.replace("\r\n", "\n").replace("\n", "\r\n") + "\0").getBytes(StandardCharsets.UTF_8);
        ByteBuffer plain = ByteBuffer.allocate(4 + t.length).putInt(t.length).put(t);
        Deflater d = new Deflater();
        try {
            d.setInput(plain.array());
            d.finish();
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!d.finished()) {
                z.write(buf, 0, d.deflate(buf));
            }
            ByteBuffer m = ByteBuffer.allocate(4 + z.size()).putInt(PROVIDE | FORMAT_TEXT);
            m.put(z.toByteArray());
            return message(m.array());
        } finally {
            d.end();
        }
    }

    /** ClientCutText with a negative length announcing {@code payload}. */
    private static byte[] message(byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.put((byte) 6).put(new byte[3]).putInt(-payload.length).put(payload);
        return b.array();
    }

    /**
     * The text of a Provide's zlib stream ({@code data}: what follows the flags), or null when it
     * carries no text. At most {@code maxText} bytes of text are accepted; more, a corrupt stream or
     * a size the stream does not hold is an {@link RfbProtocolException}.
     */
    static String providedText(int flags, byte[] data, int maxText) throws RfbProtocolException {
        Inflater inf = new Inflater();
        try {
            inf.setInput(data);
            for (int bit = 0; bit < 16; bit++) {
                if ((flags & (1 << bit)) == 0) {
                    continue;
                }
                long size = Integer.toUnsignedLong(ByteBuffer.wrap(inflate(inf, 4, "a format's size")).getInt());
                if (size > maxText) {
                    throw new RfbProtocolException("the server's extended clipboard data is " + size + " bytes long (at most "
                            + maxText + " accepted)");
                }
                byte[] content = inflate(inf, (int) size, "its clipboard data");
                if (bit == 0) { // text: the first format, the only one asked for
                    int end = 0;
                    while (end < content.length && content[end] != 0) {
                        end++;
                    }
                    return new String(content, 0, end, StandardCharsets.UTF_8).replace("\r\n", "\n");
                }
            }
            return null;
        } finally {
            inf.end();
        }
    }

    private static byte[] inflate(Inflater inf, int n, String what) throws RfbProtocolException {
        byte[] out = new byte[n];
        int got = 0;
        try {
            while (got < n) {
                int k = inf.inflate(out, got, n - got);
                if (k == 0 && (inf.finished() || inf.needsInput() || inf.needsDictionary())) {
                    throw new RfbProtocolException("the server's extended clipboard message ended before " + what);
                }
                got += k;
            }
        } catch (DataFormatException e) {
            throw new RfbProtocolException("the server sent corrupt zlib data in an extended clipboard message: " + e.getMessage());
        }
        return out;
    }

    static String actionName(int flags) {
        int a = flags & ACTIONS;
        return a == CAPS ? "Caps" : a == REQUEST ? "Request" : a == PEEK ? "Peek" : a == NOTIFY ? "Notify" : a == PROVIDE ? "Provide"
                : "flags 0x" + Integer.toHexString(flags);
    }

    static IOException unexpected(int flags) {
        return new RfbProtocolException("the server sent an extended clipboard message with " + actionName(flags));
    }
}
