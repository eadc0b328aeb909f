package io.rackdesk.app.connections.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class HostKeyTest {
    /** The lab host key as libvirt prints it, and as ssh-keygen -lf prints it. */
    static final String HEX = "48:82:3c:e7:33:e6:5e:ed:19:12:1c:2c:c2:32:d6:ff:4c:97:aa:0d:b0:a5:56:31:b5:c0:a1:9b:2b:34:74:0b";

    @Test
    void libvirtsHexHashBecomesOpensshsFingerprint() {
        HostKey key = new HostKey("127.0.0.1", 2222, "ssh-ed25519", HEX.toUpperCase());
        assertEquals("SHA256:SII85zPmXu0ZEhwswjLW/0yXqg2wpVYxtcChmys0dAs", key.fingerprint());
        assertEquals("ED25519", key.displayType());
        assertEquals("127.0.0.1:2222", key.address());
        assertEquals("[fd00::1]:22", new HostKey("fd00::1", 22, null, HEX).address());
        assertEquals(null, new HostKey("h", 22, null, HEX).displayType());
        assertEquals("RSA", new HostKey("h", 22, "ssh-rsa", HEX).displayType());
        assertEquals("ECDSA", new HostKey("h", 22, "ecdsa-sha2-nistp256", HEX).displayType());
    }

    @Test
    void onlyTheSameHostPortAndHashIsTheSameKey() {
        HostKey key = new HostKey("127.0.0.1", 2222, null, HEX);
        assertTrue(key.sameKey(new HostKey("127.0.0.1", 2222, "ssh-ed25519", HEX.toUpperCase())));
        assertFalse(key.sameKey(new HostKey("127.0.0.1", 22, null, HEX)));
        assertFalse(key.sameKey(new HostKey("127.0.0.2", 2222, null, HEX)));
        assertFalse(key.sameKey(new HostKey("127.0.0.1", 2222, null, HEX.replace("48:", "49:"))));
        assertFalse(key.sameKey(null));
    }

    @Test
    void theLibvirtPromptIsRecognised() {
        Matcher m = HostKeyAuth.HOST_KEY_PROMPT.matcher("Accept SSH host key with hash '" + HEX + "' for host '127.0.0.1:2222' (y/n)?");
        assertTrue(m.find());
        assertEquals(HEX, m.group(1));
        assertEquals("127.0.0.1", m.group(2));
        assertEquals("2222", m.group(3));
    }
}
