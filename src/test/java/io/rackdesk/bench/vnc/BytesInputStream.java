package io.rackdesk.bench.vnc;

import java.io.InputStream;

/**
 * A byte array as an InputStream without ByteArrayInputStream's locks: both clients in the
 * benchmarks read the same recorded bytes through one of these, as they would read a socket.
 */
final class BytesInputStream extends InputStream {
    private final byte[] data;
    private int pos;

    BytesInputStream(byte[] data) {
        this.data = data;
    }

    @Override
    public int read() {
        return pos < data.length ? data[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (pos == data.length) {
            return -1;
        }
        int n = Math.min(len, data.length - pos);
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
    }

    /** Back to the first byte (a benchmark replays the same bytes through the same reader). */
    void rewind() {
        pos = 0;
    }

    @Override
    public int available() {
        return data.length - pos;
    }
}
