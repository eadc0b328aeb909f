package io.rackdesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rackdesk.app.model.Sizes;
import org.junit.jupiter.api.Test;

class SizesTest {
    @Test
    void binaryUnits() {
        assertEquals("0 B", Sizes.bytes(0));
        assertEquals("1023 B", Sizes.bytes(1023));
        assertEquals("1.5 KiB", Sizes.bytes(1536));
        assertEquals("10.0 GiB", Sizes.bytes(10L << 30));
        assertEquals("512.0 MiB", Sizes.kib(512 * 1024));
        assertEquals("8.0 EiB", Sizes.bytes(Long.MAX_VALUE));
        assertEquals("1.5 MiB/s", Sizes.rate(1.5 * 1024 * 1024));
        assertEquals("0 B/s", Sizes.rate(0));
        assertEquals("—", Sizes.rate(Double.NaN));
    }
}
