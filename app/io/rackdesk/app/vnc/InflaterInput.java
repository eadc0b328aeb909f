package io.rackdesk.app.vnc;

import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One persistent zlib stream of the protocol (Zlib and ZRLE have one each, Tight four), read as an
 * {@link RfbInput}. Each rectangle announces how many compressed bytes follow ({@link #begin});
 * decoders then read exactly the decompressed bytes they need, pulling compressed data from the
 * connection 64 KiB at a time, and {@link #end()} checks that nothing is left over. Memory stays
 * fixed whatever a server announces, and decompressed output is bounded by what the decoder asks
 * for, which is bounded by the rectangle's size (no zlib bombs).
 */
public final class InflaterInput extends RfbInput {
    private final Inflater inflater = new Inflater();
    private static final int MAX_FEED = 1 << 16;
    private final String what;
    private byte[] compressed = new byte[256]; // grows to what rectangles send at once, at most 64 KiB
    private final byte[] probe = new byte[64];
    private RfbInput src;
    private long remaining; // compressed bytes of this rectangle not yet read from src

    /** @param what names the stream in errors, e.g. "ZRLE" or "Tight zlib stream 2" */
    public InflaterInput(String what) {
        super(false); // Zlib's and Tight's large reads inflate straight into the decoder's arrays
        this.what = what;
    }

    /** Starts over with a fresh zlib stream (Tight's reset bits). */
    public void reset() {
        inflater.reset();
        pos = 0;
        lim = 0;
    }

    /**
     * Starts a rectangle whose {@code length} compressed bytes follow in {@code src}. {@code maxLength}
     * bounds what a server may announce (the most the rectangle can need).
     */
    public void begin(RfbInput src, long length, long maxLength) throws IOException {
        if (length < 0 || length > maxLength) {
            throw new RfbProtocolException(what + ": " + length + " bytes of compressed data announced, more than the "
                    + maxLength + " this rectangle can need");
        }
        this.src = src;
        this.remaining = length;
        pos = 0;
        lim = 0;
    }

    /** Gives the inflater the next piece of this rectangle's compressed data; false when there is none. */
    private boolean feed() throws IOException {
        if (remaining == 0) {
            return false;
        }
        if (compressed.length < remaining && compressed.length < MAX_FEED) {
            compressed = new byte[(int) Math.min(MAX_FEED, Math.max(remaining, compressed.length * 2L))];
        }
        int n = (int) Math.min(remaining, compressed.length);
        src.readFully(compressed, 0, n);
        remaining -= n;
        inflater.setInput(compressed, 0, n);
        return true;
    }

    /**
     * Ends a rectangle: the decoder must have used all decompressed data, and the rest of the
     * rectangle's compressed data (the server's flush marker) must decompress to nothing.
     */
    public void end() throws IOException {
        if (lim > pos) {
            throw new RfbProtocolException(what + ": " + (lim - pos) + " bytes of decompressed data left over after the rectangle");
        }
        while (!inflater.finished()) {
            if (inflater.needsInput() && !feed()) {
                break;
            }
            int before = inflater.getRemaining();
            if (inflate(probe, 0, probe.length) > 0) {
                throw new RfbProtocolException(what + ": more compressed data than the rectangle needs");
            }
            if (!inflater.needsInput() && inflater.getRemaining() == before && !inflater.finished()) {
                throw new RfbProtocolException(what + ": compressed data that does not decompress");
            }
        }
        if (remaining > 0) { // the server ended its zlib stream early: skip the rest
            src.discard(remaining);
            remaining = 0;
        }
        src = null;
    }

    @Override
    protected int fill(byte[] b, int off, int len) throws IOException {
        int stalls = 0;
        while (!inflater.finished() && !inflater.needsDictionary()) {
            if (inflater.needsInput() && !feed()) {
                return -1;
            }
            int n = inflate(b, off, len);
            if (n > 0) {
                return n;
            }
            if (!inflater.needsInput() && ++stalls > 3) { // input left but no progress
                throw new RfbProtocolException(what + ": compressed data that does not decompress");
            }
        }
        return -1;
    }

    private int inflate(byte[] b, int off, int len) throws RfbProtocolException {
        try {
            return inflater.inflate(b, off, len);
        } catch (DataFormatException e) {
            throw new RfbProtocolException(what + ": corrupt zlib data (" + e.getMessage() + ")", e);
        }
    }

    @Override
    protected String endOfData() {
        return what + ": the compressed data ended before the rectangle was complete";
    }

    /** Frees the native zlib state. */
    public void close() {
        inflater.end();
    }
}
