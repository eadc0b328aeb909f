package io.rackdesk.app.vnc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Tight gradient filter's row decoder takes shortcuts on runs of zero residuals (copy the row
 * above, repeat the left pixel, keep X - above constant); each must give exactly what the filter's
 * definition gives, pixel by pixel, including where a channel clamps. Rows above with flat runs,
 * ramps towards 0 and 255 and noise, residuals mostly zero with scattered values of every size, and
 * rows up to three shift chunks long with a single residual.
 */
class TightGradientTest {
    /** The definition (RFB: Tight gradient filter), one channel at a time. */
    private static int[] reference(byte[] res, int p, int w, int[] up) {
        int[] out = new int[w];
        for (int i = 0; i < w; i++) {
            int px = 0;
            for (int shift = 16, c = 0; shift >= 0; shift -= 8, c++) {
                int above = up[i] >>> shift & 0xFF;
                int left = i > 0 ? out[i - 1] >>> shift & 0xFF : 0;
                int upLeft = i > 0 ? up[i - 1] >>> shift & 0xFF : 0;
                int est = Math.max(0, Math.min(255, above + left - upLeft));
                px |= ((est + res[p + i * 3 + c]) & 0xFF) << shift;
            }
            out[i] = px;
        }
        return out;
    }

    private static int[] rowAbove(Random rnd, int w) {
        int[] up = new int[w];
        int i = 0;
        while (i < w) {
            int n = 1 + rnd.nextInt(Math.min(w - i, 60));
            int kind = rnd.nextInt(4);
            int base = rnd.nextInt(1 << 24);
            int step = rnd.nextInt(7) - 3;
            for (int k = 0; k < n; k++, i++) {
                up[i] = switch (kind) {
                    case 0 -> base;                                               // flat
                    case 1 -> channels(base, step * k);                           // a ramp, clamped at 0 and 255
                    case 2 -> rnd.nextInt(1 << 24);                               // noise
                    default -> rnd.nextBoolean() ? 0xFFFFFF : 0;                   // extremes
                } | (rnd.nextBoolean() ? 0xFF000000 : 0);                         // the top byte is not colour
            }
        }
        return up;
    }

    private static int channels(int base, int d) {
        int v = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            v |= Math.max(0, Math.min(255, (base >>> shift & 0xFF) + d)) << shift;
        }
        return v;
    }

    @Test
    void everyShortcutGivesWhatTheDefinitionGives() {
        Random rnd = new Random(42);
        for (int round = 0; round < 3000; round++) {
            boolean long_ = round % 7 == 0; // one residual, then zeros: a row-long run (longer than SHIFT_CHUNK)
            int w = long_ ? 1 + rnd.nextInt(3 * TightDecoder.SHIFT_CHUNK) : 1 + rnd.nextInt(200);
            int[] up = rowAbove(rnd, w);
            if (long_ && rnd.nextBoolean()) { // a smooth ramp and a small residual: no channel ever clamps
                for (int i = 0; i < w; i++) {
                    up[i] = channels(0x404040, i * 100 / w);
                }
            }
            int p = rnd.nextInt(5);
            byte[] res = new byte[p + w * 3 + rnd.nextInt(9)];
            double density = rnd.nextInt(4) == 0 ? 0.3 : 0.02;
            for (int k = p; k < res.length; k++) {
                if (rnd.nextDouble() < density) {
                    res[k] = (byte) (rnd.nextBoolean() ? rnd.nextInt(256) : rnd.nextInt(5) - 2);
                }
            }
            if (long_) {
                java.util.Arrays.fill(res, (byte) 0);
                res[p + rnd.nextInt(3)] = (byte) (1 + rnd.nextInt(20));
            }
            int u = rnd.nextInt(3);
            int[] upAt = new int[u + w];
            System.arraycopy(up, 0, upAt, u, w);
            int o = rnd.nextInt(3);
            int[] dst = new int[o + w + 2];
            TightDecoder.gradientRgbRow(res, p, w, upAt, u, dst, o, new int[2 * TightDecoder.SHIFT_CHUNK]);
            int[] want = reference(res, p, w, up);
            for (int i = 0; i < w; i++) {
                assertEquals(want[i], dst[o + i] & 0xFFFFFF, "round " + round + ", pixel " + i + " of " + w);
            }
            assertEquals(0, dst[o + w] | dst[o + w + 1], "round " + round + ": wrote past the row");
            if (o > 0) {
                assertEquals(0, dst[o - 1], "round " + round + ": wrote before the row");
            }
        }
    }

    @Test
    void zeroPixelsCountsWholeZeroResiduals() {
        byte[] b = new byte[64];
        assertEquals(20, TightDecoder.zeroPixels(b, 1, 20));
        b[1 + 3 * 11 + 2] = 1; // the 12th pixel's blue
        assertEquals(11, TightDecoder.zeroPixels(b, 1, 20));
        assertEquals(2, TightDecoder.zeroPixels(b, 1 + 3 * 9, 20 - 9));
        assertEquals(0, TightDecoder.zeroPixels(b, 1 + 3 * 11, 5));
        b[0] = 7; // before the start: not looked at
        assertEquals(11, TightDecoder.zeroPixels(b, 1, 11));
    }
}
