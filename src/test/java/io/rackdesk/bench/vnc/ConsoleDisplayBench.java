package io.rackdesk.bench.vnc;

import io.rackdesk.app.console.ConsoleFrame;
import io.rackdesk.app.vnc.Framebuffer;
import io.rackdesk.app.vnc.PixelFormat;
import io.rackdesk.app.vnc.RawDecoder;
import io.rackdesk.app.vnc.RectDecoder;
import io.rackdesk.app.vnc.StreamInput;
import io.rackdesk.app.vnc.ZlibDecoder;
import io.rackdesk.app.vnc.ZrleDecoder;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * "A full 1280x800 update decoded and on screen": the VNC lab's 320x200 picture (from the Raw
 * recording) tiled 4x4 to 1280x800, encoded here as one full-screen Raw, Zlib and ZRLE rectangle
 * (QEMU's lab guest cannot show 1280x800). Each sample, timed on the decoding thread as the console's
 * reader thread would run it: decode into the Framebuffer, {@link ConsoleFrame#damaged}/{@link
 * ConsoleFrame#publish} (the copy to the front buffer), the hand-off to the FX thread, and there
 * {@link ConsoleFrame#present} into a 1280x800 WritableImage shown in an ImageView with
 * PixelWriter.setPixels in IntArgbPre (what ConsoleView.copy does), until that returns.
 * Run under Monocle headless (scripts/bench-vnc.sh). Usage: ConsoleDisplayBench [SAMPLES=200].
 */
public final class ConsoleDisplayBench {
    static final int W = 1280;
    static final int H = 800;
    /** Between samples: -Dbench.pauseMs, default 40 (about what a 25 frame/s full-screen video leaves). */
    static final long PAUSE_MS = Long.getLong("bench.pauseMs", 40);

    private ConsoleDisplayBench() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } finally {
            Platform.exit(); // also after a failure: the FX thread would keep the JVM up
        }
    }

    private static void run(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        VncRecording rec = VncRecording.load("raw");
        int[] screen = new int[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                screen[y * W + x] = rec.finalPixels[(y % rec.height) * rec.width + x % rec.width];
            }
        }
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        up.await();
        WritableImage[] image = new WritableImage[1];
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            image[0] = new WritableImage(W, H);
            Stage stage = new Stage();
            stage.setScene(new Scene(new StackPane(new ImageView(image[0])), W, H));
            stage.show();
            shown.countDown();
        });
        shown.await();

        System.out.println();
        System.out.println("| 1280x800 full update | bytes | decode ms (median) | setPixels on the FX thread ms (median) | decode to pixels in the image ms (median) | p90 | max |");
        System.out.println("|---|---|---|---|---|---|---|");
        row("Raw", raw(screen), RawDecoder::new, samples, image[0], screen);
        row("Zlib (level 6)", zlib(screen), ZlibDecoder::new, samples, image[0], screen);
        row("ZRLE", zrle(screen), ZrleDecoder::new, samples, image[0], screen);
    }

    private static void row(String name, byte[] payload, Supplier<RectDecoder> decoders, int samples, WritableImage image, int[] expected)
            throws Exception {
        Framebuffer fb = new Framebuffer(W, H, 1L << 26);
        ConsoleFrame frame = new ConsoleFrame();
        int[] argbRow = new int[W];
        double[] decode = new double[samples];
        double[] total = new double[samples];
        double[] fxCopy = new double[samples];
        double[] decodeCpu = new double[samples];
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] fxTime = new long[1];
        int warmup = Math.max(50, samples / 2);
        for (int i = -warmup; i < samples; i++) {
            Thread.sleep(PAUSE_MS); // the previous picture has been rendered: the update finds the FX thread idle
            RectDecoder d = decoders.get(); // a fresh zlib stream, as the payload was compressed with one
            StreamInput in = new StreamInput(new BytesInputStream(payload));
            CountDownLatch onScreen = new CountDownLatch(1);
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            d.decode(in, 0, 0, W, H, fb, PixelFormat.ARGB32);
            long t1 = System.nanoTime();
            long c1 = mx.getCurrentThreadCpuTime();
            frame.damaged(0, 0, W, H);
            if (frame.publish(fb)) {
                Platform.runLater(() -> {
                    long f0 = System.nanoTime();
                    frame.present((argb, stride, sw, sh, r, resized) -> image.getPixelWriter().setPixels(r.x(), r.y(), r.width(),
                            r.height(), javafx.scene.image.PixelFormat.getIntArgbPreInstance(), argb, r.y() * stride + r.x(), stride));
                    fxTime[0] = System.nanoTime() - f0;
                    onScreen.countDown();
                });
            } else {
                throw new IllegalStateException("no hand-off");
            }
            onScreen.await();
            long t2 = System.nanoTime();
            d.close();
            if (i >= 0) {
                decode[i] = (t1 - t0) / 1e6;
                decodeCpu[i] = (c1 - c0) / 1e6;
                total[i] = (t2 - t0) / 1e6;
                fxCopy[i] = fxTime[0] / 1e6;
            }
        }
        CountDownLatch read = new CountDownLatch(1);
        Platform.runLater(() -> {
            image.getPixelReader().getPixels(0, H - 1, W, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), argbRow, 0, W);
            read.countDown();
        });
        read.await();
        if (!Arrays.equals(argbRow, Arrays.copyOfRange(expected, (H - 1) * W, H * W))) {
            throw new AssertionError(name + ": the image's last row is not the picture's");
        }
        Arrays.sort(decode);
        Arrays.sort(total);
        Arrays.sort(fxCopy);
        Arrays.sort(decodeCpu);
        System.out.printf(Locale.ROOT, "| %s | %,d | %.2f (CPU %.2f) | %.2f | **%.2f** | %.2f | %.2f |%n", name, payload.length,
                decode[samples / 2], decodeCpu[samples / 2],
                fxCopy[samples / 2],
                total[samples / 2], total[samples * 9 / 10], total[samples - 1]);
    }

    static byte[] raw(int[] argb) {
        byte[] b = new byte[argb.length * 4];
        for (int i = 0; i < argb.length; i++) {
            int v = argb[i] & 0xFFFFFF;
            b[i * 4] = (byte) v;
            b[i * 4 + 1] = (byte) (v >>> 8);
            b[i * 4 + 2] = (byte) (v >>> 16);
        }
        return b;
    }

    /** A Zlib rectangle as QEMU sends one: u32 length, then raw pixels deflated and sync-flushed. */
    static byte[] zlib(int[] argb) {
        return withLength(deflate(raw(argb)));
    }

    /**
     * A ZRLE rectangle: 64x64 tiles, each solid, packed palette (up to 16 colours), plain RLE or raw
     * CPIXELs, whichever is smallest in that order (QEMU's encoder also has palette RLE).
     */
    static byte[] zrle(int[] argb) {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        for (int ty = 0; ty < H; ty += 64) {
            for (int tx = 0; tx < W; tx += 64) {
                int tw = Math.min(64, W - tx);
                int th = Math.min(64, H - ty);
                int[] pal = new int[17];
                int n = 0;
                for (int y = ty; y < ty + th && n <= 16; y++) {
                    for (int x = tx; x < tx + tw && n <= 16; x++) {
                        int c = argb[y * W + x] & 0xFFFFFF;
                        int k = 0;
                        while (k < n && pal[k] != c) {
                            k++;
                        }
                        if (k == n) {
                            pal[n++] = c;
                        }
                    }
                }
                if (n == 1) {
                    t.write(1);
                    cpixel(t, pal[0]);
                } else if (n <= 16) {
                    t.write(n);
                    for (int k = 0; k < n; k++) {
                        cpixel(t, pal[k]);
                    }
                    int bits = n == 2 ? 1 : n <= 4 ? 2 : 4;
                    for (int y = ty; y < ty + th; y++) {
                        int cur = 0;
                        int used = 0;
                        for (int x = tx; x < tx + tw; x++) {
                            int c = argb[y * W + x] & 0xFFFFFF;
                            int k = 0;
                            while (pal[k] != c) {
                                k++;
                            }
                            cur = cur << bits | k;
                            used += bits;
                            if (used == 8) {
                                t.write(cur);
                                cur = 0;
                                used = 0;
                            }
                        }
                        if (used > 0) {
                            t.write(cur << (8 - used));
                        }
                    }
                } else {
                    ByteArrayOutputStream rle = new ByteArrayOutputStream();
                    rle.write(128);
                    int[] tile = new int[tw * th];
                    for (int y = 0; y < th; y++) {
                        for (int x = 0; x < tw; x++) {
                            tile[y * tw + x] = argb[(ty + y) * W + tx + x] & 0xFFFFFF;
                        }
                    }
                    for (int i = 0; i < tile.length; ) {
                        int run = 1;
                        while (i + run < tile.length && tile[i + run] == tile[i]) {
                            run++;
                        }
                        cpixel(rle, tile[i]);
                        for (int left = run - 1; ; left -= 255) {
                            rle.write(Math.min(left, 255));
                            if (left < 255) {
                                break;
                            }
                        }
                        i += run;
                    }
                    if (rle.size() < 1 + tile.length * 3) { // plain RLE when it is smaller, as QEMU chooses
                        t.writeBytes(rle.toByteArray());
                    } else {
                        t.write(0);
                        for (int c : tile) {
                            cpixel(t, c);
                        }
                    }
                }
            }
        }
        return withLength(deflate(t.toByteArray()));
    }

    private static void cpixel(ByteArrayOutputStream t, int c) {
        t.write(c);
        t.write(c >>> 8);
        t.write(c >>> 16);
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(6);
        d.setInput(data);
        byte[] out = new byte[data.length + data.length / 64 + 4096];
        int n = d.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        d.end();
        return Arrays.copyOf(out, n);
    }

    private static byte[] withLength(byte[] z) {
        byte[] b = new byte[z.length + 4];
        b[0] = (byte) (z.length >>> 24);
        b[1] = (byte) (z.length >>> 16);
        b[2] = (byte) (z.length >>> 8);
        b[3] = (byte) z.length;
        System.arraycopy(z, 0, b, 4, z.length);
        return b;
    }
}
