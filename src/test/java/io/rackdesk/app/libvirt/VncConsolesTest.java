package io.rackdesk.app.libvirt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a VM's VNC console is reached, from its live XML and the libvirt URI. */
class VncConsolesTest {
    private static String domain(String graphics) {
        return "<domain type='kvm'><name>vm</name><devices><graphics type='spice' port='5999'/>" + graphics + "</devices></domain>";
    }

    @Test
    void loopbackOfALocalHost() throws Exception {
        VncConsoles.Endpoint e = VncConsoles.resolve("qemu:///system",
                domain("<graphics type='vnc' port='5901' autoport='yes' websocket='5701' listen='127.0.0.1' passwd='pw'/>"), "vm");
        assertEquals("127.0.0.1", e.host());
        assertEquals(5901, e.port());
        assertEquals(5701, e.websocketPort());
        assertArrayEquals("pw".getBytes(), e.password());
    }

    @Test
    void everyAddressMeansTheLibvirtHost() throws Exception {
        VncConsoles.Endpoint e = VncConsoles.resolve("qemu+tls://kvm-01.example.org/system",
                domain("<graphics type='vnc' port='5900'><listen type='address' address='0.0.0.0'/></graphics>"), "vm");
        assertEquals("kvm-01.example.org", e.host());
        assertNull(e.password());
    }

    @Test
    void noListenAddressMeansTheLibvirtHost() throws Exception {
        assertEquals("10.0.0.5", VncConsoles.resolve("qemu+tcp://10.0.0.5/system", domain("<graphics type='vnc' port='5900'/>"), "vm").host());
    }

    @Test
    void aSpecificAddressIsUsedAsIs() throws Exception {
        assertEquals("192.0.2.7", VncConsoles.resolve("qemu+ssh://root@kvm-01/system",
                domain("<graphics type='vnc' port='5900' listen='192.0.2.7'/>"), "vm").host());
    }

    @Test
    void loopbackOfARemoteHostNeedsATunnel() {
        VncConsoles.UnreachableException e = assertThrows(VncConsoles.UnreachableException.class, () -> VncConsoles.resolve(
                "qemu+ssh://root@kvm-01/system", domain("<graphics type='vnc' port='5900' listen='127.0.0.1'/>"), "vm"));
        assertTrue(e.getMessage().contains("needs an SSH tunnel"), e.getMessage());
    }

    @Test
    void loopbackOfALoopbackHostIsFine() throws Exception {
        assertEquals("127.0.0.1", VncConsoles.resolve("qemu+tcp://127.0.0.1:16509/system",
                domain("<graphics type='vnc' port='5900' listen='127.0.0.1'/>"), "vm").host());
    }

    @Test
    void whatCannotBeReached() {
        assertThrows(VncConsoles.UnreachableException.class, () -> VncConsoles.resolve("qemu:///system", domain(""), "vm"));
        VncConsoles.UnreachableException off = assertThrows(VncConsoles.UnreachableException.class,
                () -> VncConsoles.resolve("qemu:///system", domain("<graphics type='vnc' port='-1' autoport='yes'/>"), "vm"));
        assertTrue(off.getMessage().contains("not running"), off.getMessage());
        assertThrows(VncConsoles.UnreachableException.class, () -> VncConsoles.resolve("qemu:///system",
                domain("<graphics type='vnc'><listen type='socket' socket='/run/vnc.sock'/></graphics>"), "vm"));
        assertThrows(VncConsoles.UnreachableException.class, () -> VncConsoles.resolve("qemu:///system",
                domain("<graphics type='vnc' port='5900'><listen type='none'/></graphics>"), "vm"));
    }

    @Test
    void loopbackBehindSshIsTunnelledWithTheUrisLogin() throws Exception {
        VncConsoles.Plan p = VncConsoles.plan("qemu+ssh://ana@kvm-01.example.org:2200/system?keyfile=/keys/id_kvm&known_hosts=/keys/kh&no_tty=1",
                domain("<graphics type='vnc' port='5901' listen='127.0.0.1' passwd='pw'/>"), "vm");
        assertTrue(p.viaSsh());
        assertEquals("127.0.0.1", p.endpoint().host());
        assertEquals(5901, p.endpoint().port());
        assertArrayEquals("pw".getBytes(), p.endpoint().password());
        assertEquals("ana", p.tunnel().user());
        assertEquals("kvm-01.example.org", p.tunnel().host());
        assertEquals(2200, p.tunnel().port());
        assertEquals(List.of(Path.of("/keys/id_kvm")), p.tunnel().keyFiles());
        assertEquals(Path.of("/keys/kh"), p.tunnel().knownHosts());
        assertTrue(p.tunnel().verifyHostKey());
        assertEquals("127.0.0.1:5901 via SSH ana@kvm-01.example.org:2200", p.toString());
    }

    @Test
    void loopbackBehindLibsshToThisComputerIsTunnelledToo() throws Exception {
        // the lab's form: sshd on 127.0.0.1:2222 could as well forward into another machine
        VncConsoles.Plan p = VncConsoles.plan("qemu+libssh://root@127.0.0.1:2222/system?keyfile=/k&known_hosts=/kh&sshauth=privkey&no_tty=1",
                domain("<graphics type='vnc' port='5900'><listen type='address' address='127.0.0.1'/></graphics>"), "vm");
        assertTrue(p.viaSsh());
        assertEquals(2222, p.tunnel().port());
        assertEquals("127.0.0.1", p.endpoint().host());
    }

    @Test
    void loopbackBehindTlsOrTcpIsRefusedWithTheWayOut() {
        for (String uri : List.of("qemu+tls://kvm-01.example.org/system", "qemu+tcp://kvm-01.example.org:16509/system")) {
            VncConsoles.UnreachableException e = assertThrows(VncConsoles.UnreachableException.class, () -> VncConsoles.plan(
                    uri, domain("<graphics type='vnc' port='5900' listen='127.0.0.1'/>"), "vm"));
            String scheme = uri.substring(0, uri.indexOf(':'));
            assertTrue(e.getMessage().contains("listens on 127.0.0.1 of kvm-01.example.org, which cannot be reached over a "
                    + scheme + " connection"), e.getMessage());
            assertTrue(e.getMessage().contains("Connect with qemu+ssh"), e.getMessage());
        }
    }

    @Test
    void everyAddressBehindSshIsReachedDirectly() throws Exception {
        VncConsoles.Plan p = VncConsoles.plan("qemu+ssh://root@kvm-01/system",
                domain("<graphics type='vnc' port='5900' listen='0.0.0.0'/>"), "vm");
        assertFalse(p.viaSsh());
        assertEquals("kvm-01", p.endpoint().host());
        assertEquals("192.0.2.7", VncConsoles.plan("qemu+ssh://root@kvm-01/system",
                domain("<graphics type='vnc' port='5900' listen='192.0.2.7'/>"), "vm").endpoint().host());
    }

    @Test
    void loopbackOfTheLocalDaemonNeedsNoTunnel() throws Exception {
        assertFalse(VncConsoles.plan("qemu:///system", domain("<graphics type='vnc' port='5900' listen='127.0.0.1'/>"), "vm").viaSsh());
    }
}
