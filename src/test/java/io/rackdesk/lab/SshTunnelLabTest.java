package io.rackdesk.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.cli.RackdeskCommand;
import io.rackdesk.app.connections.ssh.ChangedHostKeyException;
import io.rackdesk.app.connections.ssh.UnknownHostKeyException;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHost;
import io.rackdesk.app.libvirt.VncConsoleOpener;
import io.rackdesk.app.libvirt.VncConsoles;
import io.rackdesk.app.ssh.SshTarget;
import io.rackdesk.app.ssh.SshTunnels;
import io.rackdesk.app.ssh.Tunnel;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.app.vnc.Framebuffer;
import io.rackdesk.app.vnc.RfbSession;
import io.rackdesk.app.vnc.VncOptions;
import io.rackdesk.app.vnc.VncScreenshot;
import io.rackdesk.app.vnc.VncTarget;
import io.rackdesk.testsupport.Lab;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab VM's VNC console (on 127.0.0.1 of the lab host) through the lab sshd on 127.0.0.1:2222:
 * the tunnel's frame equals a direct one, consoles share one SSH session, and a wrong or empty
 * known_hosts or a missing key is refused with its own message.
 */
class SshTunnelLabTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static String xml;
    private static String domain;

    @TempDir
    Path dir;

    @BeforeAll
    static void readTheConsoleFromLibvirt() throws Exception {
        Lab.require();
        domain = Lab.get("RACKDESK_LAB_DOMAIN");
        LibvirtHost host = new LibvirtHost(Lab.get("RACKDESK_LAB_URI_TCP"), new SerialWorker("lab-ssh-tunnel"), TIMEOUT,
                LibvirtEventLoop.start());
        try {
            host.open().get(30, TimeUnit.SECONDS);
            xml = new VncConsoles(host).liveXml(domain).get(30, TimeUnit.SECONDS);
        } finally {
            host.disconnect().get(30, TimeUnit.SECONDS);
        }
    }

    /** qemu+ssh to the lab sshd: libvirt checks the host key through the lab's ssh command, the tunnel through {@code knownHosts}. */
    private static String sshUri(String knownHosts, String keyFile) {
        return "qemu+ssh://root@127.0.0.1:" + Lab.get("RACKDESK_LAB_SSH_PORT") + "/system?keyfile=" + keyFile
                + "&command=" + Lab.get("RACKDESK_LAB_SSH_COMMAND") + "&no_tty=1&known_hosts=" + knownHosts;
    }

    private static String sshUri(String knownHostsKey) {
        return sshUri(Lab.get(knownHostsKey), Lab.get("RACKDESK_LAB_SSH_KEY"));
    }

    private static VncConsoles.Plan plan(String uri) throws Exception {
        VncConsoles.Plan p = VncConsoles.plan(uri, xml, domain);
        assertTrue(p.viaSsh(), p.toString());
        return p;
    }

    private static VncOptions options() {
        return new VncOptions().connectTimeout(TIMEOUT).readTimeout(TIMEOUT).shared(true);
    }

    /** SHA256:... of the lab sshd's host key, as ssh-keygen -lf prints it. */
    private static String labHostFingerprint() throws Exception {
        String pub = Files.readString(Path.of(Lab.get("RACKDESK_LAB_DIR"), "ssh", "host_ed25519.pub"), StandardCharsets.US_ASCII);
        byte[] blob = Base64.getDecoder().decode(pub.split("\\s+")[1]);
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
    }

    private static int[] rgb(BufferedImage img) {
        int[] p = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        for (int i = 0; i < p.length; i++) {
            p[i] &= 0xFFFFFF;
        }
        return p;
    }

    private static int[] rgb(Framebuffer fb) {
        return rgb(fb.toImage());
    }

    /*
     * The lab guest's screen is idle but for SeaBIOS's text cursor, whose blink phase QEMU advances
     * between client connections (consecutive connections alternate), so captures are taken in the
     * order direct, tunnel, tunnel, direct, ... and the test looks for an identical pair.
     */

    @Test
    void throughTheTunnelTheFrameEqualsTheDirectOne() throws Exception {
        VncConsoles.Plan p = plan(Lab.get("RACKDESK_LAB_URI_LIBSSH"));
        VncTarget direct = new VncTarget(VncTarget.Scheme.TCP, p.endpoint().host(), p.endpoint().port(), null);
        try (SshTunnels tunnels = new SshTunnels(TIMEOUT, Duration.ZERO)) {
            VncConsoleOpener opener = new VncConsoleOpener(tunnels);
            List<int[]> directFrames = new ArrayList<>();
            List<int[]> tunnelFrames = new ArrayList<>();
            boolean equal = false;
            String size = null;
            for (int i = 0; i < 8 && !equal; i++) {
                boolean viaSsh = i % 4 == 1 || i % 4 == 2;
                Framebuffer fb = viaSsh ? VncScreenshot.capture(l -> opener.open(p, options(), l), TIMEOUT).framebuffer()
                        : VncScreenshot.capture(direct, options(), TIMEOUT).framebuffer();
                size = size == null ? fb.width() + "x" + fb.height() : size;
                assertEquals(size, fb.width() + "x" + fb.height(), viaSsh ? "through the tunnel" : "direct");
                int[] frame = rgb(fb);
                (viaSsh ? tunnelFrames : directFrames).add(frame);
                equal = (viaSsh ? directFrames : tunnelFrames).stream().anyMatch(f -> Arrays.equals(f, frame));
            }
            assertTrue(equal, "no tunnelled frame equalled a direct one");
            assertEquals(0, tunnels.sessionCount(), "the session closes with its last console (no idle time)");
        }
    }

    @Test
    void commandLineTakesTheConsoleThroughTheTunnel() throws Exception {
        VncConsoles.Endpoint e = VncConsoles.plan(Lab.get("RACKDESK_LAB_URI_LIBSSH"), xml, domain).endpoint();
        List<int[]> directFrames = new ArrayList<>();
        List<int[]> tunnelFrames = new ArrayList<>();
        boolean equal = false;
        String size = null;
        // qemu+libssh (Rackdesk's own connections) and qemu+ssh with known_hosts= both take the tunnel
        List<String> uris = List.of(Lab.get("RACKDESK_LAB_URI_LIBSSH"), sshUri("RACKDESK_LAB_SSH_KNOWN_HOSTS"));
        for (int i = 0; i < 8 && !equal; i++) {
            boolean viaSsh = i % 4 == 1 || i % 4 == 2;
            Path png = dir.resolve(i + ".png");
            String[] args = viaSsh
                    ? new String[] {"vnc-screenshot", "--connect", uris.get(i % 2), "--domain", domain, png.toString(), "--timeout", "20"}
                    : new String[] {"vnc-screenshot", e.host() + ":" + e.port(), png.toString(), "--timeout", "20"};
            StringWriter err = new StringWriter();
            int code = RackdeskCommand.run(args, o -> { }, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
            assertEquals(0, code, String.join(" ", args) + ": " + err);
            BufferedImage img = ImageIO.read(png.toFile());
            size = size == null ? img.getWidth() + "x" + img.getHeight() : size;
            assertEquals(size, img.getWidth() + "x" + img.getHeight(), String.join(" ", args));
            int[] frame = rgb(img);
            (viaSsh ? tunnelFrames : directFrames).add(frame);
            equal = (viaSsh ? directFrames : tunnelFrames).stream().anyMatch(f -> Arrays.equals(f, frame));
        }
        assertTrue(equal, "no vnc-screenshot through the tunnel equalled a direct one");
    }

    @Test
    void twoConsolesShareOneSshSession() throws Exception {
        VncConsoles.Plan p = plan(sshUri("RACKDESK_LAB_SSH_KNOWN_HOSTS"));
        try (SshTunnels tunnels = new SshTunnels(TIMEOUT, Duration.ZERO)) {
            VncConsoleOpener opener = new VncConsoleOpener(tunnels);
            RfbSession one = opener.open(p, options(), null);
            RfbSession two = opener.open(p, options(), null);
            try {
                assertEquals(1, tunnels.sessionCount());
                assertEquals(one.framebuffer().width(), two.framebuffer().width());
                assertEquals(one.framebuffer().height(), two.framebuffer().height());
                one.close();
                assertEquals(1, tunnels.sessionCount(), "the second console still uses the session");
                two.requestUpdate(false);
                two.processMessage(); // still talking through the shared session
            } finally {
                one.close();
                two.close();
            }
            assertEquals(0, tunnels.sessionCount(), "closing the last console closes the session");
        }
        // with an idle time the session outlives its last tunnel and is reused
        try (SshTunnels tunnels = new SshTunnels(TIMEOUT, Duration.ofSeconds(30))) {
            SshTarget t = p.tunnel();
            try (Tunnel first = tunnels.open(t, p.endpoint().host(), p.endpoint().port())) {
                assertTrue(first.isOpen());
            }
            assertEquals(1, tunnels.sessionCount());
            try (Tunnel again = tunnels.open(t, p.endpoint().host(), p.endpoint().port())) {
                byte[] banner = again.input().readNBytes(12);
                assertEquals("RFB 003.008\n", new String(banner, StandardCharsets.US_ASCII));
                assertEquals(1, tunnels.sessionCount());
            }
        }
    }

    @Test
    void aChangedHostKeyIsRefused() throws Exception {
        VncConsoles.Plan p = plan(sshUri("RACKDESK_LAB_SSH_KNOWN_HOSTS_WRONG"));
        try (SshTunnels tunnels = new SshTunnels(TIMEOUT, Duration.ZERO)) {
            ChangedHostKeyException e = assertThrows(ChangedHostKeyException.class,
                    () -> new VncConsoleOpener(tunnels).open(p, options(), null));
            assertEquals("the SSH host key of 127.0.0.1:" + Lab.get("RACKDESK_LAB_SSH_PORT") + " differs from the one stored in "
                    + Lab.get("RACKDESK_LAB_SSH_KNOWN_HOSTS_WRONG") + " line [1]; the server now presents ED25519 key "
                    + labHostFingerprint(), e.getMessage());
            assertEquals(0, tunnels.sessionCount());
        }
        StringWriter err = new StringWriter();
        int code = RackdeskCommand.run(new String[] {"vnc-screenshot", "--connect", sshUri("RACKDESK_LAB_SSH_KNOWN_HOSTS_WRONG"),
            "--domain", domain, dir.resolve("x.png").toString(), "--timeout", "20"}, o -> { }, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));
        assertEquals(1, code);
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("differs from the one stored in") && err.toString().contains(labHostFingerprint()), err.toString());
        assertTrue(Files.notExists(dir.resolve("x.png")));
    }

    @Test
    void anUnknownHostKeyIsRefused() throws Exception {
        VncConsoles.Plan p = plan(sshUri("RACKDESK_LAB_SSH_KNOWN_HOSTS_EMPTY"));
        try (SshTunnels tunnels = new SshTunnels(TIMEOUT, Duration.ZERO)) {
            UnknownHostKeyException e = assertThrows(UnknownHostKeyException.class,
                    () -> new VncConsoleOpener(tunnels).open(p, options(), null));
            assertEquals("unknown SSH host key for 127.0.0.1:" + Lab.get("RACKDESK_LAB_SSH_PORT") + ": ssh-ed25519 "
                    + labHostFingerprint(), e.getMessage());
            assertEquals("ED25519", e.hostKey().displayType());
            assertEquals(0, tunnels.sessionCount());
        }
    }

    @Test
    void aMissingKeyFileIsNamed() throws Exception {
        Path missing = dir.resolve("id_missing");
        VncConsoles.Plan p = plan(sshUri(Lab.get("RACKDESK_LAB_SSH_KNOWN_HOSTS"), missing.toString()));
        try (SshTunnels tunnels = new SshTunnels(TIMEOUT, Duration.ZERO)) {
            IOException e = assertThrows(IOException.class, () -> new VncConsoleOpener(tunnels).open(p, options(), null));
            assertEquals("the SSH key file " + missing + " does not exist", e.getMessage());
            assertEquals(0, tunnels.sessionCount());
        }
    }

    @Test
    void aPortNothingListensOnFailsTheChannelNotTheSession() throws Exception {
        VncConsoles.Plan p = plan(sshUri("RACKDESK_LAB_SSH_KNOWN_HOSTS"));
        try (SshTunnels tunnels = new SshTunnels(TIMEOUT, Duration.ofSeconds(30))) {
            IOException e = assertThrows(IOException.class, () -> tunnels.open(p.tunnel(), "127.0.0.1", 1));
            assertTrue(e.getMessage().startsWith("the SSH server " + p.tunnel() + " did not open a channel to 127.0.0.1:1: "), e.getMessage());
            assertInstanceOf(IOException.class, e.getCause());
            try (Tunnel t = tunnels.open(p.tunnel(), p.endpoint().host(), p.endpoint().port())) {
                assertTrue(t.isOpen());
                assertEquals(1, tunnels.sessionCount());
            }
        }
    }
}
