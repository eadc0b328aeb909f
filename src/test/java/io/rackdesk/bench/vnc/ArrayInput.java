package io.rackdesk.bench.vnc;

import io.rackdesk.app.vnc.RfbInput;

/** An {@link RfbInput} over a byte array that knows how far it has been consumed (to split a recording). */
final class ArrayInput extends RfbInput {
    private final byte[] data;
    private int next;

    ArrayInput(byte[] data) {
        this.data = data;
    }

    @Override
    protected int fill(byte[] b, int off, int len) {
        if (next == data.length) {
            return -1;
        }
        int n = Math.min(len, data.length - next);
        System.arraycopy(data, next, b, off, n);
        next += n;
        return n;
    }

    @Override
    protected String endOfData() {
        return "the recording ended";
    }

    /** Bytes of the array consumed so far. */
    int consumed() {
        return next - buffered();
    }

    boolean atEnd() {
        return consumed() == data.length;
    }
}
