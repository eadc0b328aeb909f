package io.rackdesk.app.ssh;

import io.rackdesk.app.vnc.ReadTimeout;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.apache.sshd.common.channel.ChannelPipedInputStream;

/**
 * One direct-tcpip channel through a shared SSH session: a connected stream pair for
 * {@link io.rackdesk.app.vnc.RfbSession#open}. Closing either stream, or the tunnel, closes the
 * channel and lets go of the session (the last tunnel of a session closes it, see
 * {@link SshTunnels}). When the session itself drops, reads and writes fail with a message that says
 * so rather than a bare end of stream.
 */
public final class Tunnel implements Closeable {
    private final ChannelDirectTcpip channel;
    private final String destination;
    private final SshTunnels.Shared shared;
    private final Consumer<SshTunnels.Shared> release;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final In in;
    private final Out out;

    Tunnel(ChannelDirectTcpip channel, String destination, SshTunnels.Shared shared, Consumer<SshTunnels.Shared> release) {
        this.channel = channel;
        this.destination = destination;
        this.shared = shared;
        this.release = release;
        this.in = new In(channel.getInvertedOut());
        this.out = new Out(channel.getInvertedIn());
    }

    /** Bytes from the far end; implements {@link ReadTimeout} (SocketTimeoutException when it runs out). */
    public InputStream input() {
        return in;
    }

    /** Bytes to the far end; each write is sent at once. */
    public OutputStream output() {
        return out;
    }

    /** host:port as seen from the SSH server. */
    public String destination() {
        return destination;
    }

    public SshTarget target() {
        return shared.target;
    }

    public boolean isOpen() {
        return !closed.get() && channel.isOpen() && !shared.ended();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            channel.close(false);
            release.accept(shared);
        }
    }

    private IOException failure(IOException e) {
        if (closed.get()) {
            return new IOException("the SSH tunnel to " + destination + " was closed", e);
        }
        if (shared.ended()) {
            return new IOException(shared.endMessage(), e);
        }
        return e;
    }

    private final class In extends InputStream implements ReadTimeout {
        private final InputStream raw;
        private volatile Duration readTimeout = Duration.ZERO;

        In(InputStream raw) {
            this.raw = raw;
        }

        @Override
        public void setReadTimeout(Duration d) {
            readTimeout = d;
            if (raw instanceof ChannelPipedInputStream p) {
                p.setTimeout(d.isZero() ? 0 : Math.max(1, d.toMillis()));
            }
        }

        @Override
        public int read() throws IOException {
            byte[] b = new byte[1];
            int n = read(b, 0, 1);
            return n < 0 ? -1 : b[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = raw.read(b, off, len);
            } catch (SocketException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("Timeout")) {
                    SocketTimeoutException t = new SocketTimeoutException("no data through the SSH tunnel to " + destination
                            + " within " + readTimeout.toMillis() / 1000.0 + " s");
                    t.initCause(e);
                    throw t;
                }
                throw failure(e);
            } catch (IOException e) {
                throw failure(e);
            }
            if (n < 0 && !closed.get() && shared.ended()) {
                throw new IOException(shared.endMessage());
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return raw.available();
        }

        @Override
        public void close() {
            Tunnel.this.close();
        }
    }

    private final class Out extends OutputStream {
        private final OutputStream raw;

        Out(OutputStream raw) {
            this.raw = raw;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                raw.write(b, off, len);
                raw.flush();
            } catch (IOException e) {
                throw failure(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                raw.flush();
            } catch (IOException e) {
                throw failure(e);
            }
        }

        @Override
        public void close() {
            Tunnel.this.close();
        }
    }
}
