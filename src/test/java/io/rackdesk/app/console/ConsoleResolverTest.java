package io.rackdesk.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.console.ConsolePlan.Problem;
import io.rackdesk.app.libvirt.ConsoleXml;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one console resolver (the console view and vnc-screenshot --connect): ConsoleXml's parsing,
 * then direct, SSH tunnel or an explained problem. Covers what VncConsolesTest and the old
 * ConsoleResolverTest did.
 */
class ConsoleResolverTest {
    /** A domain whose first graphics is SPICE, so the VNC one must be looked for. */
    private static String domain(String graphics) {
        return "<domain type='kvm'><name>vm</name><devices><graphics type='spice' port='5999'/>" + graphics + "</devices></domain>";
    }

    private static ConsolePlan plan(String graphics, String uri) {
        return ConsoleResolver.plan(ConsoleXml.graphics("<domain><name>vm</name><devices>" + graphics + "</devices></domain>"), uri, "vm");
    }

    private static ConsolePlan planIn(String domainXml, String uri) {
        return ConsoleResolver.plan(ConsoleXml.graphics(domainXml), uri, "vm");
    }

    private static String direct(ConsolePlan p) {
        ConsolePlan.Direct d = assertInstanceOf(ConsolePlan.Direct.class, p, p.toString());
        return d.target() + (d.password() == null ? "" : " pw=" + d.password());
    }

    private static ConsolePlan.ViaSsh tunnel(ConsolePlan p) {
        return assertInstanceOf(ConsolePlan.ViaSsh.class, p, p.toString());
    }

    private static ConsolePlan.Impossible impossible(ConsolePlan p) {
        return assertInstanceOf(ConsolePlan.Impossible.class, p, p.toString());
    }

    private static Problem problem(ConsolePlan p) {
        return impossible(p).problem();
    }

    // ------------------------------------------------------------------ direct

    @Test
    void aLocalVmOnTheLoopbackIsReachedDirectly() {
        assertEquals("127.0.0.1:5901", direct(plan("<graphics type='vnc' port='5901' autoport='yes' listen='127.0.0.1'>"
                + "<listen type='address' address='127.0.0.1'/></graphics>", "qemu:///system")));
        assertEquals("127.0.0.1:5900", direct(plan("<graphics type='vnc' port='5900' listen='localhost'/>", "qemu:///session")));
    }

    @Test
    void loopbackOfALocalHostKeepsPortWebsocketAndPassword() {
        ConsolePlan.Direct d = assertInstanceOf(ConsolePlan.Direct.class, planIn(domain(
                "<graphics type='vnc' port='5901' autoport='yes' websocket='5701' listen='127.0.0.1' passwd='pw'/>"), "qemu:///system"));
        assertEquals("127.0.0.1", d.target().host());
        assertEquals(5901, d.target().port());
        assertEquals(5701, d.websocket());
        assertEquals("pw", d.password());
        assertEquals("127.0.0.1:5901", d.where());
    }

    @Test
    void loopbackOfALoopbackHostOverTcpIsFine() {
        assertEquals("127.0.0.1:5900", direct(plan("<graphics type='vnc' port='5900' listen='127.0.0.1'/>", "qemu+tcp://127.0.0.1:16509/system")));
    }

    @Test
    void noListenAddressMeansLibvirtsDefaultLoopback() {
        // libvirt's vnc_listen default is 127.0.0.1 (VncConsoles used to take the URI's host here: wrong)
        assertEquals("127.0.0.1:5902", direct(plan("<graphics type='vnc' port='5902'/>", "qemu:///system")));
        ConsolePlan.ViaSsh t = tunnel(plan("<graphics type='vnc' port='5902'/>", "qemu+ssh://root@kvm-01/system"));
        assertEquals("127.0.0.1", t.host());
        assertEquals(Problem.LOOPBACK_UNREACHABLE, problem(plan("<graphics type='vnc' port='5900'/>", "qemu+tcp://10.0.0.5/system")));
    }

    @Test
    void aWildcardListenerIsReachedThroughTheUrisHost() {
        assertEquals("kvm-01.example.net:5903", direct(plan("<graphics type='vnc' port='5903' listen='0.0.0.0'/>",
                "qemu+ssh://root@kvm-01.example.net/system")));
        assertEquals("10.0.0.5:5904", direct(plan("<graphics type='vnc' port='5904'><listen type='address' address='::'/></graphics>",
                "qemu+tls://10.0.0.5/system")));
        assertEquals("127.0.0.1:5905", direct(plan("<graphics type='vnc' port='5905' listen='0.0.0.0'/>", "qemu:///system")));
        ConsolePlan.Direct d = assertInstanceOf(ConsolePlan.Direct.class, planIn(domain(
                "<graphics type='vnc' port='5900'><listen type='address' address='0.0.0.0'/></graphics>"), "qemu+tls://kvm-01.example.org/system"));
        assertEquals("kvm-01.example.org", d.target().host());
        assertEquals(null, d.password());
    }

    @Test
    void aSpecificAddressIsUsedAsItIs() {
        assertEquals("192.168.10.4:5906", direct(plan("<graphics type='vnc' port='5906' listen='192.168.10.4'/>",
                "qemu+ssh://root@kvm-01/system")));
        assertEquals("192.0.2.7:5900", direct(plan("<graphics type='vnc' port='5900' listen='192.0.2.7'/>", "qemu+tls://kvm-01/system")));
    }

    @Test
    void aListenChildWinsAndANetworkListenerUsesItsAddress() {
        assertEquals("192.0.2.9:5900", direct(plan("<graphics type='vnc' port='5900' listen='192.0.2.9'>"
                + "<listen type='address' address='192.0.2.9'/></graphics>", "qemu+ssh://root@kvm-01/system")));
        assertEquals("192.168.122.1:5900", direct(plan("<graphics type='vnc' port='5900'>"
                + "<listen type='network' network='default' address='192.168.122.1'/></graphics>", "qemu+ssh://root@kvm-01/system")));
        // the address of a network listener is filled in only while the VM runs
        assertEquals(Problem.NOT_RUNNING, problem(plan("<graphics type='vnc' port='5900'><listen type='network' network='default'/></graphics>",
                "qemu+ssh://root@kvm-01/system")));
    }

    @Test
    void thePasswordComesFromTheSecureXml() {
        assertEquals("127.0.0.1:5907 pw=s3cret", direct(plan("<graphics type='vnc' port='5907' passwd='s3cret' listen='127.0.0.1'/>",
                "qemu:///system")));
    }

    @Test
    void theReadOnlyXmlHasNoPasswordAndStillResolves() {
        // a read-only connection reads the XML without the secure flag (ConsoleXml.readLive): no passwd attribute
        assertEquals("127.0.0.1:5907", direct(plan("<graphics type='vnc' port='5907' listen='127.0.0.1'/>", "qemu:///system")));
    }

    // ------------------------------------------------------------------ SSH tunnel

    @Test
    void loopbackBehindSshIsTunnelledWithTheUrisLogin() {
        ConsolePlan.ViaSsh p = tunnel(planIn(domain("<graphics type='vnc' port='5901' listen='127.0.0.1' passwd='pw'/>"),
                "qemu+ssh://ana@kvm-01.example.org:2200/system?keyfile=/keys/id_kvm&known_hosts=/keys/kh&no_tty=1"));
        assertEquals("127.0.0.1", p.host());
        assertEquals(5901, p.port());
        assertEquals("pw", p.password());
        assertEquals("ana", p.ssh().user());
        assertEquals("kvm-01.example.org", p.ssh().host());
        assertEquals(2200, p.ssh().port());
        assertEquals(List.of(Path.of("/keys/id_kvm")), p.ssh().keyFiles());
        assertEquals(Path.of("/keys/kh"), p.ssh().knownHosts());
        assertTrue(p.ssh().verifyHostKey());
        assertEquals("127.0.0.1:5901 via SSH ana@kvm-01.example.org:2200", p.where());
        assertFalse(p.toString().contains("pw]"), p.toString());
    }

    @Test
    void noVerifyAndIpv6LoopbackAndLocalhost() {
        ConsolePlan.ViaSsh p = tunnel(plan("<graphics type='vnc' port='5901' listen='::1'/>", "qemu+libssh2://root@kvm-01/system?no_verify=1"));
        assertFalse(p.ssh().verifyHostKey());
        assertEquals("[::1]:5901 via SSH root@kvm-01:22", p.where());
        assertEquals("127.0.0.1", tunnel(plan("<graphics type='vnc' port='5901' listen='localhost'/>", "qemu+ssh://root@kvm-01/system")).host());
    }

    @Test
    void loopbackBehindLibsshToThisComputerIsTunnelledToo() {
        // the lab's form: sshd on 127.0.0.1:2222 could as well forward into another machine
        ConsolePlan.ViaSsh p = tunnel(planIn(domain("<graphics type='vnc' port='5900'><listen type='address' address='127.0.0.1'/></graphics>"),
                "qemu+libssh://root@127.0.0.1:2222/system?keyfile=/k&known_hosts=/kh&sshauth=privkey&no_tty=1"));
        assertEquals(2222, p.ssh().port());
        assertEquals("127.0.0.1", p.host());
    }

    @Test
    void everyAddressBehindSshIsReachedDirectly() {
        assertEquals("kvm-01:5900", direct(plan("<graphics type='vnc' port='5900' listen='0.0.0.0'/>", "qemu+ssh://root@kvm-01/system")));
        assertEquals("192.0.2.7:5900", direct(plan("<graphics type='vnc' port='5900' listen='192.0.2.7'/>", "qemu+ssh://root@kvm-01/system")));
    }

    @Test
    void loopbackOfTheLocalDaemonNeedsNoTunnel() {
        assertInstanceOf(ConsolePlan.Direct.class, plan("<graphics type='vnc' port='5900' listen='127.0.0.1'/>", "qemu:///system"));
    }

    // ------------------------------------------------------------------ problems

    @Test
    void loopbackBehindTlsOrTcpIsRefusedWithTheWayOut() {
        for (String uri : List.of("qemu+tls://kvm-01.example.org/system", "qemu+tcp://kvm-01.example.org:16509/system")) {
            ConsolePlan.Impossible e = impossible(planIn(domain("<graphics type='vnc' port='5900' listen='127.0.0.1'/>"), uri));
            assertEquals(Problem.LOOPBACK_UNREACHABLE, e.problem());
            assertEquals("kvm-01.example.org", e.detail());
            String scheme = uri.substring(0, uri.indexOf(':'));
            assertTrue(e.message().contains("listens on 127.0.0.1 of kvm-01.example.org, which cannot be reached over a "
                    + scheme + " connection"), e.message());
            assertTrue(e.message().contains("Connect with qemu+ssh"), e.message());
        }
        assertEquals(Problem.LOOPBACK_UNREACHABLE, problem(plan("<graphics type='vnc' port='5901' listen='::1'/>", "qemu+tcp://kvm-01/system")));
    }

    @Test
    void impossibleCombinationsSayWhy() {
        assertEquals(Problem.NO_GRAPHICS, problem(plan("", "qemu:///system")));
        assertEquals(Problem.NOT_VNC, problem(plan("<graphics type='spice' port='5930' autoport='yes'/>", "qemu:///system")));
        assertEquals("spice", impossible(plan("<graphics type='spice' port='5930'/>", "qemu:///system")).detail());
        ConsolePlan.Impossible off = impossible(plan("<graphics type='vnc' port='-1' autoport='yes'/>", "qemu:///system"));
        assertEquals(Problem.NOT_RUNNING, off.problem());
        assertTrue(off.message().contains("not running"), off.message());
        assertEquals(Problem.NOT_RUNNING, problem(plan("<graphics type='vnc' autoport='yes'/>", "qemu:///system")));
        ConsolePlan.Impossible socket = impossible(plan("<graphics type='vnc'><listen type='socket' socket='/run/vnc.sock'/></graphics>",
                "qemu:///system"));
        assertEquals(Problem.UNIX_SOCKET, socket.problem());
        assertEquals("/run/vnc.sock", socket.detail());
        assertTrue(socket.message().contains("unix socket"), socket.message());
        assertEquals(Problem.UNIX_SOCKET, problem(plan("<graphics type='vnc' socket='/run/vnc.sock'/>", "qemu:///system")));
        assertEquals(Problem.NO_LISTENER, problem(plan("<graphics type='vnc' port='5900'><listen type='none'/></graphics>", "qemu:///system")));
        assertEquals(Problem.BAD_URI, problem(plan("<graphics type='vnc' port='5900'/>", "qemu+ssh://bad host/system")));
        for (ConsolePlan p : List.of(plan("", "qemu:///system"), plan("<graphics type='vnc' port='5900'><listen type='none'/></graphics>", "x:///"))) {
            assertTrue(impossible(p).message().contains("vm"), impossible(p).message());
        }
    }

    @Test
    void vncIsPreferredWhenSpiceIsThereToo() {
        assertEquals("127.0.0.1:5901", direct(plan("<graphics type='spice' port='5930'/><graphics type='vnc' port='5901'/>",
                "test:///tmp/demo-host.xml")));
    }

    @Test
    void graphicsKeepWebsocketAndDoNotPrintThePassword() {
        List<ConsoleGraphics> g = ConsoleXml.graphics("<domain><devices><graphics type='vnc' port='5901' websocket='5701' "
                + "passwd='hidden'/></devices></domain>");
        assertEquals(5701, g.get(0).websocket());
        assertEquals(false, g.get(0).toString().contains("hidden"));
        assertFalse(new ConsolePlan.Direct(io.rackdesk.app.vnc.VncTarget.parse("h:5901"), "hidden").toString().contains("hidden"));
    }
}
