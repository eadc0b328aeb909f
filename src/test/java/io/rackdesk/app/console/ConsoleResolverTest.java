package io.rackdesk.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rackdesk.app.console.ConsolePlan.Problem;
import io.rackdesk.app.libvirt.ConsoleXml;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleResolverTest {
    private static ConsolePlan plan(String graphics, String uri) {
        return ConsoleResolver.plan(ConsoleXml.graphics("<domain><name>vm</name><devices>" + graphics + "</devices></domain>"), uri);
    }

    private static String direct(ConsolePlan p) {
        ConsolePlan.Direct d = (ConsolePlan.Direct) p;
        return d.target() + (d.password() == null ? "" : " pw=" + d.password());
    }

    private static Problem problem(ConsolePlan p) {
        return ((ConsolePlan.Impossible) p).problem();
    }

    @Test
    void aLocalVmOnTheLoopbackIsReachedDirectly() {
        assertEquals("127.0.0.1:5901", direct(plan("<graphics type='vnc' port='5901' autoport='yes' listen='127.0.0.1'>"
                + "<listen type='address' address='127.0.0.1'/></graphics>", "qemu:///system")));
        assertEquals("127.0.0.1:5900", direct(plan("<graphics type='vnc' port='5900' listen='localhost'/>", "qemu:///session")));
    }

    @Test
    void noListenAddressMeansLibvirtsDefaultLoopback() {
        assertEquals("127.0.0.1:5902", direct(plan("<graphics type='vnc' port='5902'/>", "qemu:///system")));
        assertEquals(Problem.NEEDS_SSH_TUNNEL, problem(plan("<graphics type='vnc' port='5902'/>", "qemu+ssh://root@kvm-01/system")));
    }

    @Test
    void aWildcardListenerIsReachedThroughTheUrisHost() {
        assertEquals("kvm-01.example.net:5903", direct(plan("<graphics type='vnc' port='5903' listen='0.0.0.0'/>",
                "qemu+ssh://root@kvm-01.example.net/system")));
        assertEquals("10.0.0.5:5904", direct(plan("<graphics type='vnc' port='5904'><listen type='address' address='::'/></graphics>",
                "qemu+tls://10.0.0.5/system")));
        assertEquals("127.0.0.1:5905", direct(plan("<graphics type='vnc' port='5905' listen='0.0.0.0'/>", "qemu:///system")));
    }

    @Test
    void aSpecificAddressIsUsedAsItIs() {
        assertEquals("192.168.10.4:5906", direct(plan("<graphics type='vnc' port='5906' listen='192.168.10.4'/>",
                "qemu+ssh://root@kvm-01/system")));
    }

    @Test
    void thePasswordComesFromTheSecureXml() {
        assertEquals("127.0.0.1:5907 pw=s3cret", direct(plan("<graphics type='vnc' port='5907' passwd='s3cret' listen='127.0.0.1'/>",
                "qemu:///system")));
    }

    @Test
    void theLoopbackBehindARemoteConnectionIsExplained() {
        ConsolePlan p = plan("<graphics type='vnc' port='5901' listen='127.0.0.1'/>", "qemu+ssh://root@kvm-01/system");
        assertEquals(Problem.NEEDS_SSH_TUNNEL, problem(p));
        assertEquals("kvm-01", ((ConsolePlan.Impossible) p).detail());
        assertEquals(Problem.LOOPBACK_UNREACHABLE, problem(plan("<graphics type='vnc' port='5901' listen='127.0.0.1'/>",
                "qemu+tls://kvm-01/system")));
        assertEquals(Problem.LOOPBACK_UNREACHABLE, problem(plan("<graphics type='vnc' port='5901' listen='::1'/>",
                "qemu+tcp://kvm-01/system")));
    }

    @Test
    void impossibleCombinationsSayWhy() {
        assertEquals(Problem.NO_GRAPHICS, problem(plan("", "qemu:///system")));
        assertEquals(Problem.NOT_VNC, problem(plan("<graphics type='spice' port='5930' autoport='yes'/>", "qemu:///system")));
        assertEquals(Problem.NOT_RUNNING, problem(plan("<graphics type='vnc' port='-1' autoport='yes'/>", "qemu:///system")));
        assertEquals(Problem.NOT_RUNNING, problem(plan("<graphics type='vnc' autoport='yes'/>", "qemu:///system")));
        assertEquals(Problem.UNIX_SOCKET, problem(plan("<graphics type='vnc'><listen type='socket' socket='/run/vnc.sock'/></graphics>",
                "qemu:///system")));
        assertEquals(Problem.UNIX_SOCKET, problem(plan("<graphics type='vnc' socket='/run/vnc.sock'/>", "qemu:///system")));
        assertEquals(Problem.NO_LISTENER, problem(plan("<graphics type='vnc'><listen type='none'/></graphics>", "qemu:///system")));
        assertEquals(Problem.BAD_URI, problem(plan("<graphics type='vnc' port='5900'/>", "qemu+ssh://bad host/system")));
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
    }
}
