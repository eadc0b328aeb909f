package io.rackdesk.bench;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import io.rackdesk.app.settings.CephClusterSettings;
import io.rackdesk.app.settings.Settings;
import io.rackdesk.app.settings.SettingsLoad;
import io.rackdesk.app.settings.SettingsStore;
import io.rackdesk.app.settings.Theme;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.testsupport.CephLab;
import io.rackdesk.testsupport.RecordingDialogs;
import io.rackdesk.viewmodels.ceph.CephClusterViewModel;
import io.rackdesk.viewmodels.main.MainViewModel;
import io.rackdesk.viewmodels.main.NavigationTarget;
import io.rackdesk.views.main.MainView;
import io.rackdesk.views.theme.ThemeManager;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;

/**
 * The lab cluster in the real main window: the time from connecting (the click on Connect: {@code
 * CephClusterViewModel.connect}) to the cluster's health page painted with its health, and then the CPU
 * that the open window with the cluster watched at the default 5 s interval costs over SECONDS (the
 * process, the cluster's worker thread, the FX thread). Not a test: run by scripts/bench-ceph.sh lab,
 * figures in docs/benchmarks.md. Needs the Ceph lab (RACKDESK_CEPH_LAB_ENV). -Dbench.leavePage=true measures the
 * idle CPU with the all-VMs page shown instead (the cluster still watched).
 *   CephLabBench [SECONDS=60]
 */
public final class CephLabBench {
    private static final Localization L10N = new Localization(Locale.ENGLISH);

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        long warmupMs = Long.getLong("bench.warmupMs", 20_000);
        CephLab.require();
        Path dir = Files.createTempDirectory("rackdesk-ceph-bench");
        io.rackdesk.app.platform.LinuxGraphics.prepare();
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        LibvirtEventLoop loop = LibvirtEventLoop.start();
        CephClusterSettings lab = new CephClusterSettings("lab", "lab", CephLab.conf().toString(), CephLab.keyring().toString(), List.of(),
                "admin", null, CephClusterSettings.DEFAULT_POLL_S, false);
        Settings settings = new Settings(1, Theme.LIGHT, List.of(), Settings.DEFAULT_STATS_INTERVAL_S).withCephCluster(lab);
        CompletableFuture<double[]> painted = new CompletableFuture<>();
        MainViewModel[] main = {null};
        Platform.runLater(() -> {
            ThemeManager.apply(Theme.LIGHT);
            MainViewModel vm = new MainViewModel(new SettingsLoad(settings, false, Optional.empty(), Optional.empty()),
                    new SettingsStore(dir.resolve("settings.json")), new SerialWorker("bench-io"),
                    new LibvirtHostFactory(loop, Duration.ofSeconds(30)), new DefaultTaskExecutor(Platform::runLater), new RecordingDialogs(), L10N);
            main[0] = vm;
            Stage stage = new Stage();
            Scene scene = new Scene(new MainView(vm, L10N, null).root(), 1280, 800);
            ThemeManager.addAppStylesheet(scene);
            stage.setScene(scene);
            CephClusterViewModel cluster = vm.cephClusters().get(0);
            vm.selectionProperty().set(new NavigationTarget.CephCluster(cluster));
            stage.show();
            Labeled badge = (Labeled) scene.lookup("#cephHealthBadge");
            long t0 = System.nanoTime();
            long[] connected = {0};
            long[] shown = {0};
            cluster.stateProperty().addListener((o, a, s) -> {
                if (s == io.rackdesk.viewmodels.connections.ConnectionState.CONNECTED && connected[0] == 0) {
                    connected[0] = System.nanoTime();
                }
            });
            badge.textProperty().addListener((o, a, text) -> {
                if (shown[0] == 0 && text != null && text.startsWith("HEALTH")) {
                    shown[0] = System.nanoTime();
                    // the next pulse lays the page out with the health and renders it
                    Runnable[] once = {null};
                    once[0] = () -> {
                        scene.removePostLayoutPulseListener(once[0]);
                        long p = System.nanoTime();
                        painted.complete(new double[] {(connected[0] - t0) / 1e6, (shown[0] - t0) / 1e6, (p - t0) / 1e6});
                    };
                    scene.addPostLayoutPulseListener(once[0]);
                    Platform.requestNextPulse();
                }
            });
            cluster.connect();
        });
        double[] t = painted.get(60, TimeUnit.SECONDS);
        if (Boolean.getBoolean("bench.leavePage")) { // what the window costs with the cluster watched but its page not shown
            Platform.runLater(() -> main[0].selectionProperty().set(new NavigationTarget.AllVms()));
        }
        System.out.printf(Locale.ROOT, "java %s, javafx %s, %d cores, load average %.2f%n", Runtime.version(),
                System.getProperty("javafx.runtime.version"), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Thread.sleep(warmupMs);

        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> before = threadCpu(threads);
        long cpu0 = os.getProcessCpuTime();
        long w0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long wall = System.nanoTime() - w0;
        double process = 100.0 * (os.getProcessCpuTime() - cpu0) / wall;
        Map<String, Long> after = threadCpu(threads);
        double worker = 100.0 * delta(before, after, "rackdesk-ceph-lab") / wall;
        double fx = 100.0 * delta(before, after, "JavaFX Application Thread") / wall;
        double javaThreads = 100.0 * after.entrySet().stream().mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum() / wall;
        double renderer = 100.0 * delta(before, after, "QuantumRenderer-0") / wall;

        System.out.println();
        System.out.println("| what | figure |");
        System.out.println("|---|---|");
        System.out.printf(Locale.ROOT, "| lab cluster: connect to CONNECTED (first status read) | %.0f ms |%n", t[0]);
        System.out.printf(Locale.ROOT, "| lab cluster: connect to health shown in the page | %.0f ms |%n", t[1]);
        System.out.printf(Locale.ROOT, "| lab cluster: connect to health page painted (next pulse) | %.0f ms |%n", t[2]);
        System.out.printf(Locale.ROOT, "| open window, lab cluster watched at 5 s, over %d s: process CPU | %.2f %% of one core |%n", seconds, process);
        System.out.printf(Locale.ROOT, "| of which the cluster's worker thread (rackdesk-ceph-lab) | %.2f %% |%n", worker);
        System.out.printf(Locale.ROOT, "| of which the FX thread | %.2f %% |%n", fx);
        System.out.printf(Locale.ROOT, "| of which the renderer thread | %.2f %% |%n", renderer);
        System.out.printf(Locale.ROOT, "| of which other Java threads | %.2f %% |%n", javaThreads - worker - fx - renderer);
        System.out.printf(Locale.ROOT, "| of which native threads (librados' messenger, GC, JIT) | %.2f %% |%n", process - javaThreads);
        Platform.runLater(() -> main[0].shutdown());
        Thread.sleep(1000);
        Platform.exit();
        System.exit(0);
    }

    private static Map<String, Long> threadCpu(ThreadMXBean threads) {
        Map<String, Long> out = new HashMap<>();
        for (ThreadInfo i : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (i != null) {
                long c = threads.getThreadCpuTime(i.getThreadId());
                if (c >= 0) {
                    out.merge(i.getThreadName() + "#" + i.getThreadId(), c, Long::sum);
                }
            }
        }
        return out;
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String name) {
        return after.entrySet().stream().filter(e -> e.getKey().startsWith(name + "#"))
                .mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
    }
}
