package io.rackdesk.testsupport;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A minimal QMP client over QEMU's unix socket: enough for screendump in tests. Every call is bounded by 10 s. */
public final class Qmp implements Closeable {
    private final SocketChannel channel;
    private final BufferedReader in;
    private final OutputStream out;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "qmp-watchdog");
        t.setDaemon(true);
        return t;
    });

    private Qmp(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
        this.out = Channels.newOutputStream(channel);
    }

    public static Qmp connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        Qmp q = new Qmp(ch);
        q.bounded(() -> {
            q.in.readLine(); // greeting
            q.send("{\"execute\":\"qmp_capabilities\"}");
            return q.reply();
        });
        return q;
    }

    /** Runs a command and returns its reply line; throws if QEMU answers with an error. */
    public String execute(String command, String argumentsJson) throws IOException {
        return bounded(() -> {
            send("{\"execute\":\"" + command + "\"" + (argumentsJson == null ? "" : ",\"arguments\":" + argumentsJson) + "}");
            String r = reply();
            if (r.contains("\"error\"")) {
                throw new IOException("QMP " + command + ": " + r);
            }
            return r;
        });
    }

    private interface IoCall {
        String call() throws IOException;
    }

    private String bounded(IoCall c) throws IOException {
        var timer = watchdog.schedule(() -> {
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }, 10, TimeUnit.SECONDS);
        try {
            return c.call();
        } finally {
            timer.cancel(false);
        }
    }

    private void send(String json) throws IOException {
        out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next line that is a reply (skipping asynchronous events). */
    private String reply() throws IOException {
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("QEMU closed the QMP socket");
            }
            if (line.contains("\"return\"") || line.contains("\"error\"")) {
                return line;
            }
        }
    }

    @Override
    public void close() throws IOException {
        watchdog.shutdownNow();
        channel.close();
    }
}
