package io.rackdesk.app.vnc;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/** An {@link RfbInput} over a socket's (or any) input stream. */
public final class StreamInput extends RfbInput {
    private final InputStream in;

    public StreamInput(InputStream in) {
        this.in = Objects.requireNonNull(in);
    }

    @Override
    protected int fill(byte[] b, int off, int len) throws IOException {
        int r = in.read(b, off, len);
        return r == 0 ? -1 : r; // read() blocks until at least one byte: 0 would only spin
    }

    @Override
    protected String endOfData() {
        return "the server closed the connection";
    }
}
