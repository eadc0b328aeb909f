package io.rackdesk.app.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Memory;
import io.rackdesk.app.model.VmState;
import io.rackdesk.app.model.VmStatsSample;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * One virDomainStatsRecord's typed parameters laid out as libvirt does (char field[80], int type,
 * 8-byte value), read by name without making strings: per-device counters are summed, others ignored.
 */
class LibvirtNativeStatsTest {
    private static final int SIZE = 96;

    private static void param(Memory m, int i, String name, int type, long value) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        m.write((long) i * SIZE, n, 0, n.length);
        m.setByte((long) i * SIZE + n.length, (byte) 0);
        m.setInt((long) i * SIZE + 80, type);
        if (type == 1 || type == 2) {
            m.setInt((long) i * SIZE + 88, (int) value);
        } else {
            m.setLong((long) i * SIZE + 88, value);
        }
    }

    @Test
    void countersAreFoundByNameAndSummedOverDevices() {
        String[] names = {"state.state", "cpu.time", "vcpu.current", "vcpu.0.time", "balloon.current", "balloon.rss",
            "net.count", "net.0.rx.bytes", "net.0.tx.bytes", "net.1.rx.bytes", "net.1.tx.bytes",
            "block.count", "block.0.rd.bytes", "block.0.wr.bytes", "block.1.rd.bytes", "block.1.wr.bytes", "block.1.rd.reqs"};
        Memory m = new Memory((long) names.length * SIZE);
        m.clear();
        int i = 0;
        param(m, i++, names[0], 1, 3);                  // INT: paused
        param(m, i++, names[1], 4, 5_000_000_000L);     // ULLONG
        param(m, i++, names[2], 2, 4);                  // UINT
        param(m, i++, names[3], 4, 999);                // per-vCPU time: not the total
        param(m, i++, names[4], 4, 2_097_152);
        param(m, i++, names[5], 4, 1_048_576);
        param(m, i++, names[6], 2, 2);
        param(m, i++, names[7], 4, 100);
        param(m, i++, names[8], 4, 10);
        param(m, i++, names[9], 4, 200);
        param(m, i++, names[10], 4, 20);
        param(m, i++, names[11], 2, 2);
        param(m, i++, names[12], 4, 1000);
        param(m, i++, names[13], 4, 3000);
        param(m, i++, names[14], 4, 500);
        param(m, i++, names[15], 4, 700);
        param(m, i++, names[16], 4, 123_456);          // requests, not bytes
        VmStatsSample s = LibvirtNative.readStats("u1", m, names.length);
        assertEquals(new VmStatsSample("u1", VmState.PAUSED, 5_000_000_000L, 4, 2_097_152, 1_048_576, 1500, 3700, 300, 30), s);
    }

    @Test
    void aRecordWithoutParametersGivesNoFigures() {
        VmStatsSample s = LibvirtNative.readStats("u2", null, 0);
        assertEquals(new VmStatsSample("u2", VmState.NOSTATE, -1, -1, -1, -1, -1, -1, -1, -1), s);
    }
}
