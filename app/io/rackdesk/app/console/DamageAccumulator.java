package io.rackdesk.app.console;

/**
 * The screen region changed since the UI last looked, as one bounding rectangle, and whether the UI
 * has been told. The decoding thread adds rectangles and ends frames; {@link #endFrame()} says
 * "signal the UI" only when nothing is pending, so however fast a server sends, at most one
 * hand-off waits on the UI thread. Thread-safe.
 */
public final class DamageAccumulator {
    /** A rectangle of the screen. */
    public record Region(int x, int y, int width, int height) {
        public boolean isEmpty() {
            return width <= 0 || height <= 0;
        }
    }

    private int x0 = Integer.MAX_VALUE;
    private int y0 = Integer.MAX_VALUE;
    private int x1 = Integer.MIN_VALUE;
    private int y1 = Integer.MIN_VALUE;
    private boolean pending;

    /** Adds a damaged rectangle; empty ones are ignored. */
    public synchronized void add(int x, int y, int w, int h) {
        if (w <= 0 || h <= 0) {
            return;
        }
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x + w);
        y1 = Math.max(y1, y + h);
    }

    public synchronized void add(Region r) {
        add(r.x(), r.y(), r.width(), r.height());
    }

    /**
     * A frame is complete. True when the caller must signal the UI: something is dirty and no
     * signal is outstanding (the UI has taken everything signalled before).
     */
    public synchronized boolean endFrame() {
        if (pending || x1 <= x0) {
            return false;
        }
        pending = true;
        return true;
    }

    /** The UI takes the dirty region (null when there is none) and clears it; the next frame signals again. */
    public synchronized Region take() {
        pending = false;
        if (x1 <= x0) {
            return null;
        }
        Region r = new Region(x0, y0, x1 - x0, y1 - y0);
        x0 = Integer.MAX_VALUE;
        y0 = Integer.MAX_VALUE;
        x1 = Integer.MIN_VALUE;
        y1 = Integer.MIN_VALUE;
        return r;
    }

    /** Whether a signal is outstanding. */
    public synchronized boolean isPending() {
        return pending;
    }
}
