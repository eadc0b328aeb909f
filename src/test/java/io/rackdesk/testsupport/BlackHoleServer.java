package io.rackdesk.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server on 127.0.0.1 that accepts connections and never says a word: a host behind a broken
 * firewall or a hung libvirtd, for timeout tests.
 */
public final class BlackHoleServer implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    public BlackHoleServer() throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(server.accept()); // accept, then say nothing
                }
            } catch (IOException ignored) {
                // closed at the end of the test
            }
        }, "black-hole");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port on 127.0.0.1. */
    public int port() {
        return server.getLocalPort();
    }

    /** A libvirt URI that connects here and then waits forever. */
    public String libvirtUri() {
        return "qemu+tcp://127.0.0.1:" + server.getLocalPort() + "/system";
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : held) {
            s.close();
        }
    }
}
