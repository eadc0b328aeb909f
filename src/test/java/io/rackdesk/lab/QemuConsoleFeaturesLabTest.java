package io.rackdesk.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.vnc.RfbSession;
import io.rackdesk.app.vnc.VncOptions;
import io.rackdesk.app.vnc.VncTarget;
import io.rackdesk.testsupport.VncLab;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the VNC lab's QEMU (7.2, -vga std) says to the console features of issue 4: it offers
 * ExtendedDesktopSize and the Extended Clipboard, and it answers SetDesktopSize. Its std VGA has no
 * way to take a size from the UI (only virtio-vga/virtio-gpu and a guest driver do), so QEMU answers
 * "invalid screen layout" (3): the console shows that once and turns "resize guest" off.
 */
class QemuConsoleFeaturesLabTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @BeforeEach
    void lab() {
        VncLab.require();
    }

    @Test
    void qemuOffersExtendedDesktopSizeAndTheExtendedClipboardAndAnswersSetDesktopSize() throws Exception {
        List<int[]> results = new ArrayList<>();
        RfbSession.Listener listener = new RfbSession.Listener() {
            @Override
            public void desktopSizeResult(int reason, int status, int width, int height) {
                results.add(new int[] {reason, status, width, height});
            }
        };
        VncOptions o = new VncOptions().connectTimeout(TIMEOUT).readTimeout(TIMEOUT);
        try (RfbSession s = RfbSession.connect(VncTarget.parse(VncLab.get("RACKDESK_VNC_LAB_PLAIN")), o, listener)) {
            s.requestUpdate(false);
            long end = System.nanoTime() + TIMEOUT.toNanos();
            while (!(s.supportsDesktopResize() && s.supportsExtendedClipboard()) && System.nanoTime() < end) {
                s.processMessage();
            }
            assertTrue(s.supportsDesktopResize(), "QEMU sends ExtendedDesktopSize to a client that offers it");
            assertTrue(s.supportsExtendedClipboard(), "QEMU sends its Extended Clipboard caps");
            int w = s.framebuffer().width();
            int h = s.framebuffer().height();
            results.clear();
            s.setDesktopSize(640, 480);
            while (results.stream().noneMatch(r -> r[0] == 1) && System.nanoTime() < end) {
                s.processMessage();
            }
            int[] answer = results.stream().filter(r -> r[0] == 1).findFirst().orElseThrow(() -> new AssertionError("no answer"));
            assertEquals(3, answer[1], "std VGA: invalid screen layout");
            assertEquals(w + "x" + h, answer[2] + "x" + answer[3], "the screen stays as it was");
            assertEquals(w + "x" + h, s.framebuffer().width() + "x" + s.framebuffer().height());
        }
    }
}
