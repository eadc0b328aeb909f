package io.rackdesk.app.console;

import io.rackdesk.app.vnc.Framebuffer;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * The picture the UI shows, double-buffered: the decoding thread copies the rows it changed from
 * the session's {@link Framebuffer} into this front buffer at the end of each update, and the UI
 * thread copies the dirty region out of it. Both copies hold one lock for a few milliseconds at
 * most, so the UI never sees a half-decoded frame nor an array that a resize just replaced.
 */
public final class ConsoleFrame {
    /** What the UI copies from, valid only inside {@link #present}. */
    public interface Sink {
        /**
         * Copy the region out: pixels are opaque ARGB, row after row, {@code stride} ints apart.
         * {@code resized} says the screen has a new size (the whole screen is dirty then).
         */
        void copy(int[] argb, int stride, int screenWidth, int screenHeight, DamageAccumulator.Region dirty, boolean resized);
    }

    /** One picture of the screen, for a screenshot. */
    public record Snapshot(int width, int height, int[] argb) {
        public BufferedImage toImage() {
            BufferedImage img = new BufferedImage(Math.max(width, 1), Math.max(height, 1), BufferedImage.TYPE_INT_RGB);
            int[] dst = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
            System.arraycopy(argb, 0, dst, 0, Math.min(argb.length, dst.length));
            return img;
        }

        /** Writes the picture as PNG (disk I/O: call it on a worker). */
        public void writePng(java.nio.file.Path file) throws java.io.IOException {
            java.nio.file.Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                java.nio.file.Files.createDirectories(dir);
            }
            if (!javax.imageio.ImageIO.write(toImage(), "png", file.toFile())) {
                throw new java.io.IOException("no PNG writer available");
            }
        }
    }

    private final Object lock = new Object();
    private final DamageAccumulator handOff = new DamageAccumulator();
    /** Decoded since the last publish; touched only by the decoding thread. */
    private final DamageAccumulator decoded = new DamageAccumulator();
    private int width;
    private int height;
    private int[] front = new int[0];
    private boolean resized;

    /** Decoding thread: this rectangle of the framebuffer changed. */
    public void damaged(int x, int y, int w, int h) {
        decoded.add(x, y, w, h);
    }

    /**
     * Decoding thread, at the end of an update: copies the changed rows to the front buffer.
     * Returns true when the UI must be signalled (at most one signal is outstanding).
     */
    public boolean publish(Framebuffer fb) {
        DamageAccumulator.Region r = decoded.take();
        synchronized (lock) {
            if (fb.width() != width || fb.height() != height) {
                width = fb.width();
                height = fb.height();
                front = new int[width * height];
                resized = true;
                r = new DamageAccumulator.Region(0, 0, width, height);
            }
            if (r == null) {
                return false;
            }
            int x = Math.max(0, r.x());
            int y = Math.max(0, r.y());
            int w = Math.min(width, r.x() + r.width()) - x;
            int h = Math.min(height, r.y() + r.height()) - y;
            if (w <= 0 || h <= 0) {
                return false;
            }
            int[] src = fb.pixels();
            if (w == width) { // the framebuffer is xRGB: the UI gets opaque ARGB
                Framebuffer.copyOpaque(src, y * width, front, y * width, w * h);
            } else {
                for (int row = y; row < y + h; row++) {
                    Framebuffer.copyOpaque(src, row * width + x, front, row * width + x, w);
                }
            }
            handOff.add(x, y, w, h);
        }
        return handOff.endFrame();
    }

    /** UI thread: hands the dirty region to {@code sink}; returns false when nothing was dirty. */
    public boolean present(Sink sink) {
        synchronized (lock) {
            DamageAccumulator.Region r = handOff.take();
            if (r == null || width == 0 || height == 0) {
                return false;
            }
            boolean wasResized = resized;
            resized = false;
            sink.copy(front, width, width, height, wasResized ? new DamageAccumulator.Region(0, 0, width, height) : r, wasResized);
            return true;
        }
    }

    /** A copy of the whole picture (for a screenshot), or null before the first update. */
    public Snapshot snapshot() {
        synchronized (lock) {
            return width == 0 || height == 0 ? null : new Snapshot(width, height, front.clone());
        }
    }

    public int width() {
        synchronized (lock) {
            return width;
        }
    }

    public int height() {
        synchronized (lock) {
            return height;
        }
    }
}
