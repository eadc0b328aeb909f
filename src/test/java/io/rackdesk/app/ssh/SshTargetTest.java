package io.rackdesk.app.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An SSH login read from a libvirt URI, as libvirt reads it. */
class SshTargetTest {
    private static final Path HOME = Path.of("/home/ana");

    @Test
    void defaultsAreSshs() {
        SshTarget t = SshTarget.fromLibvirtUri("qemu+ssh://kvm-01/system", "ana", HOME);
        assertEquals("ana", t.user());
        assertEquals("kvm-01", t.host());
        assertEquals(22, t.port());
        assertEquals(List.of(HOME.resolve(".ssh/id_ed25519"), HOME.resolve(".ssh/id_ecdsa"), HOME.resolve(".ssh/id_rsa")), t.keyFiles());
        assertEquals(HOME.resolve(".ssh/known_hosts"), t.knownHosts());
        assertTrue(t.verifyHostKey());
        assertEquals("ana@kvm-01:22", t.address());
    }

    @Test
    void theUrisUserPortKeyAndKnownHosts() {
        SshTarget t = SshTarget.fromLibvirtUri(
                "qemu+libssh://root@[2001:db8::7]:2222/system?keyfile=/keys/my%20key&known_hosts=/keys/kh&sshauth=privkey&no_verify=1",
                "ana", HOME);
        assertEquals("root", t.user());
        assertEquals("2001:db8::7", t.host());
        assertEquals(2222, t.port());
        assertEquals(List.of(Path.of("/keys/my key")), t.keyFiles());
        assertEquals(Path.of("/keys/kh"), t.knownHosts());
        assertFalse(t.verifyHostKey());
        assertEquals("root@[2001:db8::7]:2222", t.address());
    }

    @Test
    void onlySshTransports() {
        assertTrue(SshTarget.isSshUri("qemu+ssh://h/system"));
        assertTrue(SshTarget.isSshUri("qemu+libssh2://h/system"));
        assertTrue(SshTarget.isSshUri("xen+ssh://h/"));
        assertFalse(SshTarget.isSshUri("qemu+tls://h/system"));
        assertFalse(SshTarget.isSshUri("qemu:///system"));
        assertFalse(SshTarget.isSshUri("not a uri"));
        assertThrows(IllegalArgumentException.class, () -> SshTarget.fromLibvirtUri("qemu+tcp://h/system", "ana", HOME));
    }

    @Test
    void sameLoginSameTarget() {
        assertEquals(SshTarget.fromLibvirtUri("qemu+ssh://root@h:2222/system?keyfile=/k", "ana", HOME),
                SshTarget.fromLibvirtUri("qemu+ssh://root@h:2222/session?keyfile=/k&no_tty=1", "ana", HOME));
    }
}
