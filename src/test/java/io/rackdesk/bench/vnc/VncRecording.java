package io.rackdesk.bench.vnc;

import io.rackdesk.app.vnc.CopyRectDecoder;
import io.rackdesk.app.vnc.Encodings;
import io.rackdesk.app.vnc.Framebuffer;
import io.rackdesk.app.vnc.HextileDecoder;
import io.rackdesk.app.vnc.PixelFormat;
import io.rackdesk.app.vnc.RawDecoder;
import io.rackdesk.app.vnc.RectDecoder;
import io.rackdesk.app.vnc.RfbProtocolException;
import io.rackdesk.app.vnc.TightDecoder;
import io.rackdesk.app.vnc.ZlibDecoder;
import io.rackdesk.app.vnc.ZrleDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded server-to-client RFB stream (what {@code RecordVncStreams} saved from QEMU), split once
 * into its pixel rectangles: their headers, and their payloads back to back in {@link #payload}. The
 * benchmarks replay exactly these bytes into each client's decoders, in the recorded order (the zlib
 * streams run across rectangles), so message framing and pseudo-rectangles (cursor, LEDs) are left out
 * for both alike. The recorder asks for 32-bit little-endian xRGB ({@link PixelFormat#ARGB32}).
 */
public final class VncRecording {
    /** One pixel rectangle; its payload is {@code payload[offset, offset + length)}. */
    public record Rect(int x, int y, int w, int h, int encoding, int offset, int length) {
    }

    public final String name;
    public final int width;
    public final int height;
    public final PixelFormat pf = PixelFormat.ARGB32;
    public final List<Rect> rects;
    public final byte[] payload;
    /** The screen after the whole recording (opaque ARGB), decoded once by Rackdesk's decoders while splitting. */
    public final int[] finalPixels;
    /** Sum of the rectangles' areas. */
    public final long pixels;
    public final int updates;

    private VncRecording(String name, int width, int height, List<Rect> rects, byte[] payload, int[] finalPixels, int updates) {
        this.name = name;
        this.width = width;
        this.height = height;
        this.rects = List.copyOf(rects);
        this.payload = payload;
        this.finalPixels = finalPixels;
        this.updates = updates;
        this.pixels = rects.stream().mapToLong(r -> (long) r.w() * r.h()).sum();
    }

    /** Where scripts/bench-vnc.sh keeps the recordings: -Drackdesk.bench.recordings, else target/vnc-recordings. */
    public static Path directory() {
        return Path.of(System.getProperty("rackdesk.bench.recordings", "target/vnc-recordings"));
    }

    public static VncRecording load(String name) throws IOException {
        Path file = directory().resolve(name + ".rfb");
        if (!Files.isRegularFile(file)) {
            throw new IOException("no recording " + file + ": run scripts/bench-vnc.sh (it records them from the VNC lab)");
        }
        return parse(name, Files.readAllBytes(file));
    }

    /** Splits a stream that starts with the server's side of an RFB 3.8 handshake with security None. */
    public static VncRecording parse(String name, byte[] stream) throws IOException {
        ArrayInput in = new ArrayInput(stream);
        in.require(12);
        String version = new String(in.buffer(), in.position(), 12, StandardCharsets.US_ASCII);
        in.skip(12);
        if (!version.equals("RFB 003.008\n")) {
            throw new RfbProtocolException("the recording starts with " + version.trim() + ", not RFB 3.8");
        }
        int types = in.u8();
        boolean none = false;
        for (int i = 0; i < types; i++) {
            none |= in.u8() == 1;
        }
        if (!none || in.s32() != 0) {
            throw new RfbProtocolException("the recording is not of a connection with security None");
        }
        int width = in.u16();
        int height = in.u16();
        in.require(16);
        in.skip(16); // the server's format; the client asked for ARGB32 right after
        in.discard(in.u32());

        Framebuffer fb = new Framebuffer(width, height, 1L << 26);
        PixelFormat pf = PixelFormat.ARGB32;
        RectDecoder[] decoders = newDecoders();
        List<Rect> rects = new ArrayList<>();
        ByteArrayOutputStream payload = new ByteArrayOutputStream(stream.length);
        int updates = 0;
        try {
            while (!in.atEnd()) {
                int type = in.u8();
                if (type == 2) {
                    continue; // bell
                }
                if (type == 3) { // ServerCutText; a negative length is an Extended Clipboard message of that many bytes
                    in.require(3);
                    in.skip(3);
                    in.discard(Math.abs((long) in.s32()));
                    continue;
                }
                if (type != 0) {
                    throw new RfbProtocolException("unexpected server message " + type + " in the recording");
                }
                in.u8();
                int count = in.u16();
                for (int i = 0; i < count; i++) {
                    int x = in.u16();
                    int y = in.u16();
                    int w = in.u16();
                    int h = in.u16();
                    int enc = in.s32();
                    if (enc == Encodings.LAST_RECT) {
                        break;
                    }
                    RectDecoder d = decoder(decoders, enc);
                    if (d == null) {
                        skipPseudo(in, enc, w, h, pf);
                        continue;
                    }
                    int start = in.consumed();
                    d.decode(in, x, y, w, h, fb, pf);
                    int length = in.consumed() - start;
                    rects.add(new Rect(x, y, w, h, enc, payload.size(), length));
                    payload.write(stream, start, length);
                }
                updates++;
            }
        } finally {
            for (RectDecoder d : decoders) {
                d.close();
            }
        }
        return new VncRecording(name, width, height, rects, payload.toByteArray(), fb.argb(), updates);
    }

    /** Rackdesk's decoders, indexed for {@link #decoder}: fresh ones for each replay (zlib state). */
    public static RectDecoder[] newDecoders() {
        return new RectDecoder[] {new RawDecoder(), new CopyRectDecoder(), new HextileDecoder(), new ZlibDecoder(),
            new ZrleDecoder(), new TightDecoder(false), new TightDecoder(true)};
    }

    /** Puts a fresh decoder for {@code encoding} into its slot of {@code d} and returns it. */
    public static RectDecoder newDecoder(RectDecoder[] d, int encoding) {
        RectDecoder[] all = {new RawDecoder(), new CopyRectDecoder(), new HextileDecoder(), null, null, null, null};
        RectDecoder made;
        switch (encoding) {
            case Encodings.ZLIB: made = new ZlibDecoder(); d[3] = made; return made;
            case Encodings.ZRLE: made = new ZrleDecoder(); d[4] = made; return made;
            case Encodings.TIGHT: made = new TightDecoder(false); d[5] = made; return made;
            case Encodings.TIGHT_PNG: made = new TightDecoder(true); d[6] = made; return made;
            default:
                made = decoder(all, encoding);
                if (made == null) {
                    throw new IllegalArgumentException("no decoder for " + Encodings.name(encoding));
                }
                d[java.util.Arrays.asList(all).indexOf(made)] = made;
                return made;
        }
    }

    public static RectDecoder decoder(RectDecoder[] d, int encoding) {
        switch (encoding) {
            case Encodings.RAW: return d[0];
            case Encodings.COPY_RECT: return d[1];
            case Encodings.HEXTILE: return d[2];
            case Encodings.ZLIB: return d[3];
            case Encodings.ZRLE: return d[4];
            case Encodings.TIGHT: return d[5];
            case Encodings.TIGHT_PNG: return d[6];
            default: return null;
        }
    }

    private static void skipPseudo(ArrayInput in, int enc, int w, int h, PixelFormat pf) throws IOException {
        switch (enc) {
            case Encodings.DESKTOP_SIZE, Encodings.QEMU_EXTENDED_KEY_EVENT, Encodings.POINTER_TYPE_CHANGE -> {
            }
            case Encodings.EXTENDED_DESKTOP_SIZE -> {
                int screens = in.u8();
                in.discard(3 + 16L * screens);
            }
            case Encodings.CURSOR -> in.discard((long) w * h * pf.bytesPerPixel() + (long) (w + 7) / 8 * h);
            case Encodings.QEMU_LED_STATE -> in.u8();
            case -314 -> { // alpha cursor: an encoding, then the image in it (QEMU sends Raw: 4 bytes a pixel)
                if (in.s32() != Encodings.RAW) {
                    throw new RfbProtocolException("an alpha cursor not in Raw in the recording");
                }
                in.discard((long) w * h * 4);
            }
            default -> throw new RfbProtocolException("pseudo-encoding " + Encodings.name(enc) + " in the recording");
        }
    }

    /** The encodings of the rectangles, with how many of each, e.g. "ZRLE x21". */
    public String describe() {
        java.util.Map<String, Integer> n = new java.util.TreeMap<>();
        for (Rect r : rects) {
            n.merge(Encodings.name(r.encoding()), 1, Integer::sum);
        }
        return updates + " updates, " + rects.size() + " rectangles " + n + ", " + pixels + " pixels, " + payload.length + " bytes";
    }
}
