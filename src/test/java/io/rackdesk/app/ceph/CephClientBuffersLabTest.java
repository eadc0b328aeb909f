package io.rackdesk.app.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.rackdesk.testsupport.CephLab;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * rados-java 0.6.0 never gives rados_mon_command's two result buffers back (measured: 2000 'osd pool
 * ls detail' answers of 6 KB grew the native heap by 12.4 MiB without rados_buffer_free, by 148 KiB
 * with it). On the lab cluster, through a librados wrapped to watch the buffers: every buffer that
 * librados hands out, for answers and for errors, is freed exactly once.
 */
class CephClientBuffersLabTest {
    private final List<Long> handedOut = new ArrayList<>();
    private final List<Long> freed = new ArrayList<>();

    private LibRados watched() throws CephException {
        LibRados real = CephClient.library();
        return (LibRados) Proxy.newProxyInstance(LibRados.class.getClassLoader(), new Class<?>[] {LibRados.class}, (proxy, m, args) -> {
            Object result;
            try {
                result = m.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            switch (m.getName()) {
                case "rados_mon_command", "rados_mgr_command" -> {
                    for (int i : new int[] {5, 7}) {
                        Pointer p = ((PointerByReference) args[i]).getValue();
                        if (p != null) {
                            handedOut.add(Pointer.nativeValue(p));
                        }
                    }
                }
                case "rados_buffer_free" -> freed.add(Pointer.nativeValue((Pointer) args[0]));
                default -> { }
            }
            return result;
        });
    }

    @Test
    void everyResultBufferIsFreedOnceForAnswersAndErrors() throws Exception {
        CephLab.require();
        try (CephClient c = CephClient.connect(CephTarget.fromConf(CephLab.conf(), CephLab.keyring(), "admin", Duration.ofSeconds(10)),
                watched())) {
            for (int i = 0; i < 20; i++) {
                c.monCommand(CephClient.command("osd pool ls").put("detail", "detail"));
                c.mgrCommand(CephClient.command("pg stat"));
                assertThrows(CephException.class, () -> c.monCommand(CephClient.command("osd pool get").put("pool", "no-such-pool")
                        .put("var", "size")));
            }
        }
        assertTrue(handedOut.size() >= 60, "answers and status strings: " + handedOut.size());
        assertEquals(handedOut.stream().sorted().toList(), freed.stream().sorted().toList());
    }
}
