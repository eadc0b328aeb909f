package io.rackdesk.testsupport;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny RFB 3.8 server on 127.0.0.1 that a test controls: a solid-colour screen sent as Raw on
 * full update requests and on {@link #paint}, key events recorded, connections dropped and the
 * listener stopped and restarted on the same port (to watch a console reconnect). With
 * {@link #refuseAuthentication()} it asks for VNC authentication and fails every attempt. With
 * {@link #supportDesktopResize(boolean)} it speaks ExtendedDesktopSize: a client that offers it
 * gets the screen's size as an ExtendedDesktopSize rectangle, and SetDesktopSize resizes the
 * screen (or, with {@link #refuseResize()}, is answered "prohibited").
 */
public final class TinyRfbServer implements AutoCloseable {
    private volatile int width;
    private volatile int height;
    private volatile boolean desktopResize;
    private volatile boolean refuseResize;
    private final int port;
    private volatile ServerSocket listener;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final List<DataOutputStream> outs = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private volatile int colour = 0xFF336699;
    private volatile boolean refuseAuth;
    private volatile int connections;

    public TinyRfbServer(int width, int height) throws IOException {
        this.width = width;
        this.height = height;
        ServerSocket s = bindBelowTheEphemeralRange();
        this.port = s.getLocalPort();
        serve(s);
    }

    /**
     * A port the kernel never hands out to outgoing connections (Linux: 32768-60999), so that
     * while the listener is stopped no other socket of this machine can take the port and
     * {@link #restart()} can bind it again (a CI run once failed with "Address already in use").
     */
    private static ServerSocket bindBelowTheEphemeralRange() throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(12000);
            try {
                return bind(port);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return s;
    }

    public int port() {
        return port;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    /** How many clients got as far as ServerInit. */
    public int connections() {
        return connections;
    }

    /** "key down 0xffe3", "pointer 1 10,20", "cut hello": what clients sent, in order. */
    public List<String> events() {
        return events;
    }

    /** Speaks ExtendedDesktopSize/SetDesktopSize to clients that offer it (those connecting from now on). */
    public void supportDesktopResize(boolean on) {
        desktopResize = on;
    }

    /** Answers SetDesktopSize with status 1 (prohibited), leaving the screen as it is. */
    public void refuseResize() {
        refuseResize = true;
    }

    /** The screen's current size, "WxH". */
    public String size() {
        return width + "x" + height;
    }

    public void refuseAuthentication() {
        refuseAuth = true;
    }

    /** Fills the screen with {@code argb} and sends it to every client. */
    public void paint(int argb) {
        colour = argb;
        for (DataOutputStream out : outs) {
            try {
                sendScreen(out);
            } catch (IOException e) {
                // that client is gone
            }
        }
    }

    /** Closes every client connection (the listener stays). */
    public void dropClients() {
        for (Socket c : clients) {
            closeQuietly(c);
        }
        clients.clear();
        outs.clear();
    }

    /**
     * Sends every client a Cursor-with-alpha rectangle (-314, Raw): {@code rgba} is w x h pixels as
     * R, G, B, A bytes with premultiplied alpha, as rfbproto defines it.
     */
    public void alphaCursor(int w, int h, int hotX, int hotY, byte[] rgba) {
        java.nio.ByteBuffer m = java.nio.ByteBuffer.allocate(4 + 12 + 4 + rgba.length);
        m.put((byte) 0).put((byte) 0).putShort((short) 1);
        m.putShort((short) hotX).putShort((short) hotY).putShort((short) w).putShort((short) h).putInt(-314).putInt(0).put(rgba);
        for (DataOutputStream out : outs) {
            try {
                synchronized (out) {
                    out.write(m.array());
                    out.flush();
                }
            } catch (IOException e) {
                // that client is gone
            }
        }
    }

    /** Drops the clients and stops listening: new connections are refused. */
    public void stop() {
        ServerSocket s = listener;
        listener = null;
        closeQuietly(s);
        dropClients();
    }

    /** Listens again on the same port. */
    public void restart() throws IOException {
        serve(bind(port));
    }

    private void serve(ServerSocket s) {
        listener = s;
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try {
                    Socket c = s.accept();
                    Thread h = new Thread(() -> handle(c), "tiny-rfb-client");
                    h.setDaemon(true);
                    h.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "tiny-rfb-accept");
        t.setDaemon(true);
        t.start();
    }

    private void handle(Socket c) {
        clients.add(c);
        try (c) {
            DataInputStream in = new DataInputStream(c.getInputStream());
            DataOutputStream out = new DataOutputStream(c.getOutputStream());
            out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            in.readFully(new byte[12]);
            out.writeByte(1);
            out.writeByte(refuseAuth ? 2 : 1);
            out.flush();
            in.readUnsignedByte();
            if (refuseAuth) {
                out.write(new byte[16]);
                out.flush();
                in.readFully(new byte[16]);
                byte[] why = "wrong password".getBytes(StandardCharsets.US_ASCII);
                out.writeInt(1);
                out.writeInt(why.length);
                out.write(why);
                out.flush();
                return;
            }
            out.writeInt(0);
            in.readUnsignedByte(); // shared flag
            out.writeShort(width);
            out.writeShort(height);
            out.write(new byte[] {32, 24, 0, 1, 0, (byte) 255, 0, (byte) 255, 0, (byte) 255, 16, 8, 0, 0, 0, 0});
            byte[] name = "tiny".getBytes(StandardCharsets.US_ASCII);
            out.writeInt(name.length);
            out.write(name);
            out.flush();
            connections++;
            outs.add(out);
            while (true) {
                int type = in.readUnsignedByte();
                switch (type) {
                    case 0 -> in.readFully(new byte[19]);
                    case 2 -> {
                        in.readUnsignedByte();
                        int n = in.readUnsignedShort();
                        boolean extended = false;
                        for (int i = 0; i < n; i++) {
                            extended |= in.readInt() == -308;
                        }
                        if (extended && desktopResize) {
                            sendExtendedDesktopSize(out, 0, 0);
                        }
                    }
                    case 251 -> {
                        in.readUnsignedByte();
                        int w = in.readUnsignedShort();
                        int h = in.readUnsignedShort();
                        int screens = in.readUnsignedByte();
                        in.readUnsignedByte();
                        in.readFully(new byte[16 * screens]);
                        events.add("setDesktopSize " + w + "x" + h);
                        if (refuseResize || !desktopResize) {
                            sendExtendedDesktopSize(out, 1, 1);
                        } else {
                            width = w;
                            height = h;
                            sendExtendedDesktopSize(out, 1, 0);
                            sendScreen(out);
                        }
                    }
                    case 3 -> {
                        boolean incremental = in.readUnsignedByte() != 0;
                        in.readFully(new byte[8]);
                        if (!incremental) {
                            sendScreen(out);
                        }
                    }
                    case 4 -> {
                        boolean down = in.readUnsignedByte() != 0;
                        in.readUnsignedShort();
                        events.add("key " + (down ? "down" : "up") + " 0x" + Integer.toHexString(in.readInt()));
                    }
                    case 5 -> {
                        int buttons = in.readUnsignedByte();
                        events.add("pointer " + buttons + " " + in.readUnsignedShort() + "," + in.readUnsignedShort());
                    }
                    case 6 -> {
                        in.readFully(new byte[3]);
                        byte[] t = new byte[in.readInt()];
                        in.readFully(t);
                        events.add("cut " + new String(t, StandardCharsets.ISO_8859_1));
                    }
                    default -> throw new IOException("unexpected client message " + type);
                }
            }
        } catch (IOException e) {
            // client gone or dropped
        } finally {
            clients.remove(c);
        }
    }

    /** An update with one ExtendedDesktopSize rectangle: {@code reason} 0 server, 1 this client; {@code status} 0 ok. */
    private void sendExtendedDesktopSize(DataOutputStream out, int reason, int status) throws IOException {
        java.nio.ByteBuffer m = java.nio.ByteBuffer.allocate(4 + 12 + 4 + 16);
        m.put((byte) 0).put((byte) 0).putShort((short) 1);
        m.putShort((short) reason).putShort((short) status).putShort((short) width).putShort((short) height).putInt(-308);
        m.put((byte) 1).put(new byte[3]);
        m.putInt(0).putShort((short) 0).putShort((short) 0).putShort((short) width).putShort((short) height).putInt(0);
        synchronized (out) {
            out.write(m.array());
            out.flush();
        }
    }

    private void sendScreen(DataOutputStream out) throws IOException {
        int width = this.width;
        int height = this.height;
        byte[] m = new byte[4 + 12 + width * height * 4];
        m[0] = 0;
        m[3] = 1;
        m[8] = (byte) (width >>> 8);
        m[9] = (byte) width;
        m[10] = (byte) (height >>> 8);
        m[11] = (byte) height;
        int c = colour;
        for (int i = 16; i < m.length; i += 4) { // little-endian xRGB: B G R x
            m[i] = (byte) c;
            m[i + 1] = (byte) (c >>> 8);
            m[i + 2] = (byte) (c >>> 16);
        }
        synchronized (out) {
            out.write(m);
            out.flush();
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        stop();
    }
}
