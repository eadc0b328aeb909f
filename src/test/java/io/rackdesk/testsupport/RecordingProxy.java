package io.rackdesk.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A one-connection TCP relay on 127.0.0.1 that records what the server sends: real VNC server
 * streams (QEMU's) to replay into the decoders without a socket (fuzzing, benchmarks).
 */
public final class RecordingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();
    private final Thread thread;

    public RecordingProxy(String host, int port) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> {
            try (Socket client = listener.accept(); Socket server = new Socket()) {
                server.connect(new InetSocketAddress(host, port), 10_000);
                Thread up = new Thread(() -> pump(client, server, null), "recording-proxy-up");
                up.setDaemon(true);
                up.start();
                pump(server, client, recorded);
                up.join(5_000);
            } catch (IOException | InterruptedException e) {
                // one side went away: the recording ends
            }
        }, "recording-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    private static void pump(Socket from, Socket to, ByteArrayOutputStream tee) {
        byte[] buf = new byte[65536];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (tee != null) {
                    synchronized (tee) {
                        tee.write(buf, 0, n);
                    }
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // closed
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** What the server has sent so far. */
    public byte[] recording() {
        synchronized (recorded) {
            return recorded.toByteArray();
        }
    }

    @Override
    public void close() throws Exception {
        listener.close();
        thread.join(5_000);
    }
}
