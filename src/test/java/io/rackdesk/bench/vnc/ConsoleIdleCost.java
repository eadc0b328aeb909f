package io.rackdesk.bench.vnc;

import io.rackdesk.app.console.ConsoleLink;
import io.rackdesk.app.console.ConsoleStatus;
import io.rackdesk.app.console.VncConsoleConnection;
import io.rackdesk.app.vnc.VncOptions;
import io.rackdesk.app.vnc.VncTarget;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * "A console left open on an idle guest costs at most 2 % of a core": a {@link VncConsoleConnection}
 * (the console view's connection, with its reader and sender threads) to a VNC server, its frames
 * presented by a stand-in UI thread that copies the dirty region into an image-sized int array (as
 * the view's setPixels does), no toolkit. After the first frame and a settling pause, it measures for
 * SECONDS the CPU time of the console's threads (ThreadMXBean: vnc-read-*, vnc-send-*, the UI stand-in)
 * and of the whole process, and prints them as % of one core.
 * Usage: ConsoleIdleCost HOST:PORT [SECONDS=60] [SETTLE_SECONDS=10].
 */
public final class ConsoleIdleCost {
    private ConsoleIdleCost() {
    }

    public static void main(String[] args) throws Exception {
        VncTarget target = VncTarget.parse(args[0]);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int settle = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        ExecutorService ui = Executors.newSingleThreadExecutor(r -> new Thread(r, "console-ui-standin"));
        AtomicLong frames = new AtomicLong();
        Object firstFrame = new Object();
        int[][] image = {new int[0]};
        ConsoleLink[] link = new ConsoleLink[1];
        ConsoleLink.Listener listener = new ConsoleLink.Listener() {
            @Override
            public void status(ConsoleStatus status) {
                System.out.println("console: " + status.state() + (status.reason() == null ? "" : " (" + status.reason() + ")"));
            }

            @Override
            public void frameReady() {
                ui.execute(() -> {
                    link[0].frame().present((argb, stride, w, h, r, resized) -> {
                        if (image[0].length != w * h) {
                            image[0] = new int[w * h];
                        }
                        for (int y = r.y(); y < r.y() + r.height(); y++) {
                            System.arraycopy(argb, y * stride + r.x(), image[0], y * w + r.x(), r.width());
                        }
                    });
                    frames.incrementAndGet();
                    synchronized (firstFrame) {
                        firstFrame.notifyAll();
                    }
                });
            }
        };
        link[0] = new VncConsoleConnection(target, () -> new VncOptions().connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(10)), listener);
        synchronized (firstFrame) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (frames.get() == 0 && System.nanoTime() < deadline) {
                firstFrame.wait(1000);
            }
        }
        if (frames.get() == 0) {
            throw new IllegalStateException("no frame from " + target + " within 30 s");
        }
        Thread.sleep(settle * 1000L);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Map<Long, Long> before = consoleThreads(threads);
        long procBefore = os.getProcessCpuTime();
        long framesBefore = frames.get();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long wall = System.nanoTime() - t0;
        long proc = os.getProcessCpuTime() - procBefore;
        Map<Long, Long> after = consoleThreads(threads);
        long console = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            console += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        long idleFrames = frames.get() - framesBefore;
        link[0].close();
        ui.shutdown();
        System.out.println();
        System.out.println("| idle console, " + target + ", " + seconds + " s | CPU time | % of one core |");
        System.out.println("|---|---|---|");
        System.out.printf(Locale.ROOT, "| the console's threads (reader, sender, UI stand-in) | %.1f ms | **%.3f %%** |%n", console / 1e6, 100.0 * console / wall);
        System.out.printf(Locale.ROOT, "| the whole JVM (also JIT, GC, other JVM threads) | %.1f ms | %.3f %% |%n", proc / 1e6, 100.0 * proc / wall);
        System.out.printf(Locale.ROOT, "| frames presented meanwhile | %d | |%n", idleFrames);
        System.exit(0);
    }

    private static Map<Long, Long> consoleThreads(ThreadMXBean threads) {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && (t.getThreadName().startsWith("vnc-") || t.getThreadName().equals("console-ui-standin"))) {
                long ns = threads.getThreadCpuTime(t.getThreadId());
                if (ns >= 0) {
                    cpu.put(t.getThreadId(), ns);
                }
            }
        }
        return cpu;
    }
}
