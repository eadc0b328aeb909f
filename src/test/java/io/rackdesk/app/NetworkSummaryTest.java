package io.rackdesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.rackdesk.app.model.NetworkSummary;
import org.junit.jupiter.api.Test;

class NetworkSummaryTest {
    private static NetworkSummary net(String ip, String mask) {
        return new NetworkSummary("n", "u", true, false, true, "virbr0", "nat", ip, mask, null, null);
    }

    @Test
    void cidrFromNetmaskOrPrefix() {
        assertEquals("192.168.122.1/24", net("192.168.122.1", "255.255.255.0").cidr());
        assertEquals("10.0.0.1/8", net("10.0.0.1", "255.0.0.0").cidr());
        assertEquals("10.10.20.1/22", net("10.10.20.1", "/22").cidr());
        assertEquals("10.1.1.1", net("10.1.1.1", null).cidr());
        assertEquals("10.1.1.1 / bogus", net("10.1.1.1", "bogus").cidr());
        assertNull(net(null, null).cidr());
    }
}
