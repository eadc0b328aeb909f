package io.rackdesk.bench;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHost;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import io.rackdesk.app.settings.ConnectionSettings;
import io.rackdesk.app.settings.Settings;
import io.rackdesk.app.settings.SettingsLoad;
import io.rackdesk.app.settings.SettingsStore;
import io.rackdesk.app.settings.Theme;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.testsupport.FixtureGenerator;
import io.rackdesk.testsupport.RecordingDialogs;
import io.rackdesk.viewmodels.main.MainViewModel;
import io.rackdesk.views.main.MainView;
import io.rackdesk.views.theme.ThemeManager;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Fleet benchmark (not a test): the real main window with N test-driver hosts of M generated VMs each.
 * Reports the time to fill the VM table, the cost of one stats tick, the longest FX-thread stall while
 * every VM updates at 1 Hz, the app's CPU use while idle at the default tick, and its resident memory.
 * Run with scripts/bench-fleet.sh; figures go to docs/benchmarks.md.
 */
public final class FleetBench {
    private static final Localization L10N = new Localization(Locale.ENGLISH);

    public static void main(String[] args) throws Exception {
        int hosts = intArg(args, 0, 10);
        int vmsPerHost = intArg(args, 1, 1000);
        int seconds = intArg(args, 2, 30);
        Path dir = Files.createTempDirectory("rackdesk-bench");
        CountDownLatch started = new CountDownLatch(1);
        io.rackdesk.app.platform.LinuxGraphics.prepare(); // as RackdeskApp does
        Platform.startup(started::countDown); // the toolkit before libvirt's loop: see LibvirtEventLoop
        started.await();
        // the one-host window closes before the fleet's opens: without this the toolkit would exit with
        // it, and the fleet's window would never show
        Platform.setImplicitExit(false);
        LibvirtEventLoop loop = LibvirtEventLoop.start();
        List<FixtureGenerator.Fixture> fixtures = new ArrayList<>();
        for (int i = 0; i < hosts; i++) {
            fixtures.add(FixtureGenerator.write(dir.resolve("h" + i), FixtureGenerator.Options.of(vmsPerHost, 1000 + i)));
        }
        System.out.printf(Locale.ROOT, "java %s, javafx %s, glass %s, %d cores%n", Runtime.version(),
                System.getProperty("javafx.runtime.version"), System.getProperty("glass.platform", "default"),
                Runtime.getRuntime().availableProcessors());

        // 1. one host: time from opening the connection to all its VMs in the table
        Window one = Window.open(dir.resolve("one"), fixtures.subList(0, 1), Settings.DEFAULT_STATS_INTERVAL_S);
        System.out.printf(Locale.ROOT, "1 host x %d VMs: connection open after %.0f ms, all VMs in the table %.0f ms after that (%.0f ms in all)%n",
                vmsPerHost, one.openMs, one.fillMs - one.openMs, one.fillMs);
        // idle cost at the default tick, and memory, with the one host open: after JIT warm-up and after
        // the 2-minute history window has filled (the test driver reports states only, so from then on
        // the figures stop changing, as an idle host's would)
        Thread.sleep(Long.getLong("bench.idleWarmupMs", 150_000));
        double cpu = cpuPercentOver(seconds);
        System.out.printf(Locale.ROOT, "idle with %d VMs at the default %d s tick: %.1f %% of one core over %d s, RSS %d MiB%n",
                vmsPerHost, Settings.DEFAULT_STATS_INTERVAL_S, cpu, seconds, rssMiB());
        one.close();

        // 2. the fleet: N hosts opened at once
        Window fleet = Window.open(dir.resolve("fleet"), fixtures, 1);
        System.out.printf(Locale.ROOT, "%d hosts x %d VMs: all connections open after %.0f ms, all VMs in the table after %.0f ms%n",
                hosts, vmsPerHost, fleet.openMs, fleet.fillMs);
        // 3. FX-thread stalls while every VM updates at 1 Hz: once the fill's garbage is collected and
        // the JIT has settled (the fill has its own figure above)
        Thread.sleep(Long.getLong("bench.settleMs", 10_000));
        GcPauses gc = GcPauses.listen();
        long maxProbeUs = measureStalls(seconds);
        gc.stop();
        // a collection stops the probing thread too, so a probe sees a pause only when one was in
        // flight: the FX thread's longest stall is the longer of the two
        System.out.printf(Locale.ROOT, "  GC meanwhile: %d collections, %d ms in all, longest pause %d ms%n", gc.count, gc.totalMs, gc.maxMs);
        long maxStallUs = Math.max(maxProbeUs, gc.maxMs * 1000);
        System.out.printf(Locale.ROOT, "longest FX-thread stall (probe or GC pause) with %d VMs updating at 1 Hz over %d s: %.1f ms%n",
                hosts * vmsPerHost, seconds, maxStallUs / 1000.0);
        System.out.printf(Locale.ROOT, "RSS with %d VMs: %d MiB%n", hosts * vmsPerHost, rssMiB());
        fleet.close();

        // 4. one stats tick of one host, measured on its worker (median of 30)
        LibvirtHost host = new LibvirtHost(fixtures.get(0).uri(), new SerialWorker("bench"), Duration.ofSeconds(30), loop);
        host.open().get(30, TimeUnit.SECONDS);
        double[] ticks = new double[30];
        for (int i = 0; i < ticks.length; i++) {
            long t0 = System.nanoTime();
            host.sampleStats().get(30, TimeUnit.SECONDS);
            ticks[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ticks);
        System.out.printf(Locale.ROOT, "one stats tick of %d VMs (bulk call + rates): median %.2f ms, max %.2f ms%n",
                vmsPerHost, ticks[ticks.length / 2], ticks[ticks.length - 1]);
        host.disconnect().get(30, TimeUnit.SECONDS);
        Platform.exit();
        System.exit(0);
    }

    /** The real main window with the given hosts, shown, filled. */
    private static final class Window {
        /** Every main view model made, for the report when opening times out. */
        static final List<MainViewModel> windows = new java.util.concurrent.CopyOnWriteArrayList<>();
        final MainViewModel vm;
        final Stage stage;
        final double openMs;
        final double fillMs;

        private Window(MainViewModel vm, Stage stage, double openMs, double fillMs) {
            this.vm = vm;
            this.stage = stage;
            this.openMs = openMs;
            this.fillMs = fillMs;
        }

        static Window open(Path config, List<FixtureGenerator.Fixture> fixtures, int statsSeconds) throws Exception {
            List<ConnectionSettings> conns = new ArrayList<>();
            int expected = 0;
            for (int i = 0; i < fixtures.size(); i++) {
                conns.add(new ConnectionSettings(null, "host-" + i, fixtures.get(i).uri(), true, false));
                expected += fixtures.get(i).vms().size();
            }
            Settings s = new Settings(1, Theme.LIGHT, conns, statsSeconds);
            SettingsStore store = new SettingsStore(config.resolve("settings.json"));
            LibvirtHostFactory factory = new LibvirtHostFactory(LibvirtEventLoop.start(), Duration.ofSeconds(60));
            CompletableFuture<Window> made = new CompletableFuture<>();
            int total = expected;
            Platform.runLater(() -> {
                ThemeManager.apply(Theme.LIGHT);
                MainViewModel vm = new MainViewModel(new SettingsLoad(s, false, Optional.empty(), Optional.empty()), store,
                        new SerialWorker("bench-io"), factory, new DefaultTaskExecutor(Platform::runLater), new RecordingDialogs(), L10N);
                windows.add(vm);
                MainView view = new MainView(vm, L10N, null); // no connection dialogs in the benchmark
                Stage stage = new Stage();
                Scene scene = new Scene(view.root(), 1280, 800);
                ThemeManager.addAppStylesheet(scene);
                stage.setScene(scene);
                stage.show();
                long t0 = System.nanoTime();
                long[] opened = {0};
                vm.start();
                waitOnFx(() -> {
                    if (opened[0] == 0 && vm.connections().stream().allMatch(c -> c.hostProperty().get() != null)) {
                        opened[0] = System.nanoTime();
                    }
                    return vm.vmTable().rows().size() == total;
                }, () -> made.complete(new Window(vm, stage, (opened[0] - t0) / 1e6, (System.nanoTime() - t0) / 1e6)));
            });
            try {
                return made.get(300, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // say where it stuck: each connection's state and rows, then every thread's stack
                CountDownLatch said = new CountDownLatch(1);
                Platform.runLater(() -> {
                    for (var w : Window.windows) {
                        w.connections().forEach(c -> System.err.printf("%s: %s %s, %d VMs, error %s, list error %s%n", c.name(),
                                c.stateProperty().get(), c.stateTextProperty().get(), c.vms().size(), c.errorProperty().get(),
                                c.listErrorProperty().get()));
                        System.err.println("rows: " + w.vmTable().rows().size());
                    }
                    said.countDown();
                });
                if (!said.await(10, TimeUnit.SECONDS)) {
                    System.err.println("the FX thread did not answer within 10 s");
                }
                Thread.getAllStackTraces().forEach((t, st) -> {
                    System.err.println("\"" + t.getName() + "\" " + t.getState());
                    for (StackTraceElement el : st) {
                        System.err.println("    at " + el);
                    }
                });
                throw e;
            }
        }

        void close() throws Exception {
            CountDownLatch done = new CountDownLatch(1);
            Platform.runLater(() -> {
                vm.shutdown();
                stage.close();
                done.countDown();
            });
            done.await();
        }
    }

    /** Checks {@code condition} once per frame on the FX thread, then runs {@code then} (within one frame, 16 ms). */
    private static void waitOnFx(BooleanSupplier condition, Runnable then) {
        new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                if (condition.getAsBoolean()) {
                    stop();
                    then.run();
                }
            }
        }.start();
    }

    /**
     * Posts a probe to the FX thread every 2 ms and records how long each waited; prints the median,
     * 99th percentile and the count over 16 ms, returns the longest wait in µs.
     */
    private static long measureStalls(int seconds) throws InterruptedException {
        List<Long> waits = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            long posted = System.nanoTime();
            AtomicLong waited = new AtomicLong();
            CountDownLatch ran = new CountDownLatch(1);
            Platform.runLater(() -> {
                waited.set((System.nanoTime() - posted) / 1000);
                ran.countDown();
            });
            ran.await();
            waits.add(waited.get());
            Thread.sleep(2);
        }
        waits.sort(null);
        long over16 = waits.stream().filter(w -> w > 16_000).count();
        System.out.printf(Locale.ROOT, "  FX probe waits: %d probes, median %.2f ms, p99 %.2f ms, %d over 16 ms%n", waits.size(),
                waits.get(waits.size() / 2) / 1000.0, waits.get((int) (waits.size() * 0.99)) / 1000.0, over16);
        return waits.get(waits.size() - 1);
    }

    /** Every collection's duration while listening (HotSpot's GC notifications). */
    private static final class GcPauses implements javax.management.NotificationListener {
        long count;
        long totalMs;
        long maxMs;

        static GcPauses listen() {
            GcPauses p = new GcPauses();
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) gc).addNotificationListener(p, null, null);
            }
            return p;
        }

        @Override
        public synchronized void handleNotification(javax.management.Notification n, Object handback) {
            if (com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                        (javax.management.openmbean.CompositeData) n.getUserData());
                long ms = info.getGcInfo().getDuration();
                count++;
                totalMs += ms;
                maxMs = Math.max(maxMs, ms);
            }
        }

        synchronized void stop() throws javax.management.ListenerNotFoundException {
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) gc).removeNotificationListener(this);
            }
        }
    }

    private static double cpuPercentOver(int seconds) throws InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        return 100.0 * (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - t0);
    }

    private static long rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }

    private static int intArg(String[] args, int i, int dflt) {
        return args.length > i ? Integer.parseInt(args[i]) : dflt;
    }
}
