package io.rackdesk.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import io.rackdesk.app.model.VmState;
import io.rackdesk.app.settings.ConnectionSettings;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.testsupport.Lab;
import io.rackdesk.testsupport.UiQueue;
import io.rackdesk.viewmodels.connections.ConnectionState;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.viewmodels.vms.VmItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A connection to the real lab libvirtd: events, and reconnecting after the daemon restarts. */
class LabConnectionTest {
    private final UiQueue ui = new UiQueue();
    private ConnectionViewModel conn;

    private ConnectionViewModel open(String uriKey, Duration statsInterval) {
        LibvirtHostFactory hosts = new LibvirtHostFactory(LibvirtEventLoop.start(), Duration.ofSeconds(15));
        conn = new ConnectionViewModel(new ConnectionSettings(null, "lab", Lab.get(uriKey), true, false), hosts,
                new DefaultTaskExecutor(ui), new Localization(Locale.ENGLISH), statsInterval);
        conn.connect();
        ui.pumpUntil(() -> labVm().isPresent(), Duration.ofSeconds(60), "the lab VM is listed");
        return conn;
    }

    @AfterEach
    void close() {
        if (conn != null) {
            conn.disconnect();
        }
    }

    @Test
    void lifecycleEventsFromAnotherClientUpdateTheListWithoutPolling() throws Exception {
        open("RACKDESK_LAB_URI_TLS", Duration.ofHours(1)); // no stats tick: only events can tell us
        String domain = Lab.get("RACKDESK_LAB_DOMAIN");
        try {
            virsh("suspend", domain);
            ui.pumpUntil(() -> labVm().map(vm -> vm.getState() == VmState.PAUSED).orElse(false), "paused, seen through an event");
        } finally {
            virsh("resume", domain);
        }
        ui.pumpUntil(() -> labVm().map(vm -> vm.getState() == VmState.RUNNING).orElse(false), "running again");
    }

    @Test
    void reconnectsByItselfAfterLibvirtdRestarts() throws Exception {
        open("RACKDESK_LAB_URI_TCP", Duration.ofSeconds(1));
        Path pidFile = Path.of(Lab.get("RACKDESK_LAB_DIR"), "run", "libvirtd.pid");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
        daemon.destroy();
        daemon.onExit().get(30, TimeUnit.SECONDS);

        ui.pumpUntil(() -> conn.getState() == ConnectionState.RETRYING, Duration.ofSeconds(30), "lost, retrying");
        assertTrue(conn.stateTextProperty().get().startsWith("Disconnected – retrying in "), conn.stateTextProperty().get());
        assertEquals(0, conn.vms().size(), "no stale VMs while the host is away");

        run(List.of("bash", "scripts/lab/start-libvirt-lab.sh")); // brings libvirtd back; the VM kept running
        ui.pumpUntil(() -> conn.getState() == ConnectionState.CONNECTED && labVm().isPresent(), Duration.ofSeconds(90),
                "reconnected and the list refilled without user action");
        assertEquals(VmState.RUNNING, labVm().orElseThrow().getState());
    }

    private Optional<VmItem> labVm() {
        String domain = Lab.get("RACKDESK_LAB_DOMAIN");
        return conn.vms().stream().filter(vm -> vm.name().equals(domain)).findFirst();
    }

    private static void virsh(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("virsh", "-q", "-c", Lab.get("RACKDESK_LAB_URI_TCP")));
        cmd.addAll(List.of(args));
        run(cmd);
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), cmd + " did not finish");
        assertEquals(0, p.exitValue(), cmd + " failed: " + out);
    }
}
