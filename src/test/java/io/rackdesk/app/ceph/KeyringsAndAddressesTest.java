package io.rackdesk.app.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyringsAndAddressesTest {
    private static final String KEY = "AQBzqyxmAAAAABAAaVnZQm9yjGkNYVZYo9ai0w==";
    private static final String OTHER = "AQDk5yxmAAAAABAAv6rP5yD3JmB7jZgC1Lr9Zw==";

    @Test
    void aBareKeyAsCephAuthPrintKeyWritesIt() {
        assertEquals(Optional.of(KEY), Keyrings.keyFor(KEY + "\n", "client.admin"));
    }

    @Test
    void aKeyringGivesTheKeyOfItsSection() {
        String keyring = "[client.admin]\n\tkey = " + KEY + "\n\tcaps mon = \"allow *\"\n[client.libvirt]\n\tkey = " + OTHER + "\n";
        assertEquals(Optional.of(KEY), Keyrings.keyFor(keyring, "client.admin"));
        assertEquals(Optional.of(OTHER), Keyrings.keyFor(keyring, "client.libvirt"));
        assertEquals(Optional.empty(), Keyrings.keyFor(keyring, "client.nobody"));
        assertEquals(Optional.of("admin"), Keyrings.firstClientId(keyring));
    }

    @Test
    void aCephxKeyIsRecognised() {
        assertTrue(Keyrings.looksLikeCephxKey(KEY));
        assertFalse(Keyrings.looksLikeCephxKey("garbage"));
        assertFalse(Keyrings.looksLikeCephxKey("AQBzqyxm"));
        assertFalse(Keyrings.looksLikeCephxKey("not base64!"));
    }

    @Test
    void aBareHostPortIsMsgr1UnlessThePortIs3300() {
        assertEquals("v1:127.0.0.1:16789", MonitorAddresses.normalize("127.0.0.1:16789"));
        assertEquals("v1:mon1:6789", MonitorAddresses.normalize("mon1:6789"));
        assertEquals("v2:mon1:3300", MonitorAddresses.normalize(" mon1:3300 "));
        assertEquals("v2:127.0.0.1:13300", MonitorAddresses.normalize("v2:127.0.0.1:13300"));
        assertEquals("[v2:1.2.3.4:3300,v1:1.2.3.4:6789]", MonitorAddresses.normalize("[v2:1.2.3.4:3300,v1:1.2.3.4:6789]"));
        assertEquals("v1:[::1]:6789", MonitorAddresses.normalize("[::1]:6789"));
        assertEquals("mon1", MonitorAddresses.normalize("mon1"));
        assertEquals("v1:a:1,v2:b:3300", MonitorAddresses.monHost(List.of("a:1", "b:3300")));
    }

    @Test
    void hostsAreFoundInEveryForm() {
        assertEquals(List.of(), MonitorAddresses.hosts("[v2:1.2.3.4:3300/0,v1:1.2.3.4:6789/0]"));
        assertEquals(List.of("mon1", "mon1", "mon2.example.org"),
                MonitorAddresses.hosts("[v2:mon1:3300/0,v1:mon1:6789/0] mon2.example.org:6789,10.0.0.3"));
        assertEquals(List.of("mon1"), MonitorAddresses.hosts("mon1:6789"));
        assertEquals(List.of("mon1"), MonitorAddresses.hosts("mon1"));
        assertEquals(List.of(), MonitorAddresses.hosts("[fe80::1]:6789,[v2:[::1]:3300,v1:[::1]:6789]"));
    }

    @Test
    void anUnresolvableMonitorHostIsReportedBeforeLibradosIsAsked() throws Exception {
        CephException e = assertThrows(CephException.class,
                () -> MonitorAddresses.requireResolvable(List.of("127.0.0.1:6789", "no-such-monitor.invalid:6789")));
        assertEquals("monitor host not found: no-such-monitor.invalid", e.getMessage());
        assertThrows(CephException.class, () -> MonitorAddresses.requireResolvable(List.of("[v2:a.invalid:3300,v1:a.invalid:6789]")));
        MonitorAddresses.requireResolvable(List.of("127.0.0.1:6789", "v2:127.0.0.1:3300", "localhost"));
    }
}
