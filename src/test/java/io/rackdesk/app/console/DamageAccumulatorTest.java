package io.rackdesk.app.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.console.DamageAccumulator.Region;
import io.rackdesk.app.vnc.Framebuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DamageAccumulatorTest {
    @Test
    void rectanglesUniteIntoTheirBoundingBox() {
        DamageAccumulator d = new DamageAccumulator();
        d.add(10, 20, 5, 5);
        d.add(100, 2, 10, 3);
        d.add(0, 0, 0, 50); // empty: ignored
        assertTrue(d.endFrame());
        assertEquals(new Region(10, 2, 100, 23), d.take());
        assertNull(d.take());
    }

    @Test
    void atMostOneSignalIsOutstandingUntilTheUiTakesTheRegion() {
        DamageAccumulator d = new DamageAccumulator();
        assertFalse(d.endFrame(), "nothing dirty: no signal");
        d.add(0, 0, 1, 1);
        assertTrue(d.endFrame());
        for (int i = 1; i < 100; i++) { // a fast server: frames keep coming, no more signals
            d.add(i, i, 1, 1);
            assertFalse(d.endFrame());
        }
        assertEquals(new Region(0, 0, 100, 100), d.take());
        d.add(5, 5, 2, 2);
        assertTrue(d.endFrame(), "after the take the next frame signals again");
    }

    @Test
    void aFloodFromAnotherThreadCausesFewHandOffs() throws Exception {
        DamageAccumulator d = new DamageAccumulator();
        AtomicInteger signals = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        Thread decoder = new Thread(() -> {
            for (int i = 0; i < 200_000; i++) {
                d.add(i % 1000, 0, 1, 1);
                if (d.endFrame()) {
                    signals.incrementAndGet();
                }
            }
            done.countDown();
        });
        decoder.start();
        int takes = 0;
        while (done.getCount() > 0) {
            if (d.isPending()) {
                d.take();
                takes++;
            }
            Thread.sleep(1);
        }
        decoder.join();
        assertTrue(signals.get() <= takes + 1, signals + " signals for " + takes + " takes");
    }

    @Test
    void theFrameCopiesOnlyDirtyRowsAndReportsResizes() throws Exception {
        ConsoleFrame frame = new ConsoleFrame();
        Framebuffer fb = new Framebuffer(8, 4, 1000);
        assertTrue(frame.publish(fb), "the first publish is a resize: the whole screen");
        int[][] seen = new int[1][];
        boolean[] resized = new boolean[1];
        Region[] dirty = new Region[1];
        ConsoleFrame.Sink sink = (argb, stride, w, h, r, re) -> {
            seen[0] = argb.clone();
            resized[0] = re;
            dirty[0] = r;
        };
        assertTrue(frame.present(sink));
        assertTrue(resized[0]);
        assertEquals(new Region(0, 0, 8, 4), dirty[0]);

        fb.fill(2, 1, 3, 2, 0xFFFF0000);
        fb.fill(0, 3, 8, 1, 0xFF00FF00); // not reported damaged: must not be copied
        frame.damaged(2, 1, 3, 2);
        assertTrue(frame.publish(fb));
        assertTrue(frame.present(sink));
        assertFalse(resized[0]);
        assertEquals(new Region(2, 1, 3, 2), dirty[0]);
        assertEquals(0xFFFF0000, seen[0][1 * 8 + 2]);
        assertEquals(0xFF000000, seen[0][3 * 8], "undamaged rows stay as they were");
        assertFalse(frame.present(sink), "nothing new");
        assertArrayEquals(seen[0], frame.snapshot().argb());

        // the framebuffer is xRGB (Raw leaves the server's padding byte on top): the UI gets opaque pixels
        fb.pixels()[5] = 0x00123456;
        fb.pixels()[6] = 0x7F654321;
        frame.damaged(5, 0, 2, 1);
        assertTrue(frame.publish(fb));
        assertTrue(frame.present(sink));
        assertEquals(0xFF123456, seen[0][5]);
        assertEquals(0xFF654321, seen[0][6]);
    }
}
