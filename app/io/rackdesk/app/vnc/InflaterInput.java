package io.rackdesk.app.vnc;

import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One persistent zlib stream of the protocol (Zlib and ZRLE have one each, Tight four), read as an
 * {@link RfbInput}. Each rectangle hands it the compressed bytes the server announced
 * ({@link #begin}); decoders then read exactly the decompressed bytes they need, and {@link #end()}
 * checks that nothing is left over. Decompressed output is therefore bounded by what the decoder
 * asks for, which is bounded by the rectangle's size.
 */
public final class InflaterInput extends RfbInput {
    private final Inflater inflater = new Inflater();
    private final String what;
    private byte[] compressed = new byte[4096];
    private final byte[] probe = new byte[64];

    /** @param what names the stream in errors, e.g. "ZRLE" or "Tight stream 2" */
    public InflaterInput(String what) {
        this.what = what;
    }

    /** Starts over with a fresh zlib stream (Tight's reset bits). */
    public void reset() {
        inflater.reset();
        pos = 0;
        lim = 0;
    }

    /**
     * Reads {@code length} compressed bytes from {@code src} and makes them this stream's input.
     * {@code maxLength} bounds the length a server may announce (checked before anything is allocated).
     */
    public void begin(RfbInput src, long length, long maxLength) throws IOException {
        if (length < 0 || length > maxLength) {
            throw new RfbProtocolException(what + ": " + length + " bytes of compressed data announced, more than the "
                    + maxLength + " this rectangle can need");
        }
        int n = (int) length;
        if (compressed.length < n) {
            compressed = new byte[Math.max(n, Math.min(compressed.length * 2, Integer.MAX_VALUE - 16))];
        }
        src.readFully(compressed, 0, n);
        inflater.setInput(compressed, 0, n);
        pos = 0;
        lim = 0;
    }

    /**
     * Ends a rectangle: the decoder must have used all decompressed data, and the rest of the input
     * (the server's flush marker) must decompress to nothing.
     */
    public void end() throws IOException {
        if (lim > pos) {
            throw new RfbProtocolException(what + ": " + (lim - pos) + " bytes of decompressed data left over after the rectangle");
        }
        int stalls = 0;
        while (inflater.getRemaining() > 0 && !inflater.finished()) {
            int before = inflater.getRemaining();
            int n = inflate(probe, 0, probe.length);
            if (n > 0) {
                throw new RfbProtocolException(what + ": more compressed data than the rectangle needs");
            }
            if (inflater.getRemaining() == before && ++stalls > 2) {
                throw new RfbProtocolException(what + ": compressed data that does not decompress");
            }
        }
    }

    @Override
    protected int fill(byte[] b, int off, int len) throws IOException {
        for (int stalls = 0; stalls < 4; stalls++) {
            if (inflater.finished() || inflater.needsDictionary()) {
                return -1;
            }
            int n = inflate(b, off, len);
            if (n > 0) {
                return n;
            }
            if (inflater.needsInput()) {
                return -1;
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
