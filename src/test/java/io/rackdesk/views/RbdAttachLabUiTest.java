package io.rackdesk.views;

import static io.rackdesk.testsupport.FxWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.ceph.CephClusterService;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHost;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import io.rackdesk.app.libvirt.RbdDiskXml;
import io.rackdesk.app.libvirt.RbdDisks;
import io.rackdesk.app.settings.CephClusterSettings;
import io.rackdesk.app.settings.ConnectionSettings;
import io.rackdesk.app.settings.Theme;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.app.task.SerialWorker;
import io.rackdesk.testsupport.CephLab;
import io.rackdesk.testsupport.Lab;
import io.rackdesk.viewmodels.ceph.CephClusterViewModel;
import io.rackdesk.viewmodels.ceph.RbdAttachViewModel;
import io.rackdesk.viewmodels.ceph.RbdAttachViewModel.StepState;
import io.rackdesk.viewmodels.ceph.ServiceCephClusterAccess;
import io.rackdesk.viewmodels.ceph.ServiceRbdAttachAccess;
import io.rackdesk.viewmodels.connections.ConnectionState;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.viewmodels.vms.VmItem;
import io.rackdesk.views.ceph.RbdAttachView;
import io.rackdesk.views.theme.ThemeManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The dialog's ViewModel against both labs, shown in its real view: a new image "rbdatt-…" on the
 * Ceph lab attached to the libvirt lab's VM through the app's own workers (the cluster's and the
 * connection's), then the disk read back from libvirt with virsh. Afterwards the disk is detached,
 * the secret undefined, and the cephx client and the image removed, so the labs are as before. With
 * -Drackdesk.screenshot.rbdattach=FILE it writes the docs screenshot of the dialog after the run.
 */
class RbdAttachLabUiTest {
    private static final String CLIENT_ID = "rackdesk-rbdatt-test";
    private final FxRobot robot = new FxRobot();
    private final Localization l10n = new Localization(Locale.ENGLISH);
    private final List<Runnable> cleanup = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        for (Runnable r : cleanup) {
            r.run();
        }
    }

    @Test
    void attachesANewImageToTheLabVmAndLibvirtShowsIt() throws Exception {
        CephLab.require();
        Lab.require();
        String domain = Lab.get("RACKDESK_LAB_DOMAIN");
        String image = "rbdatt-" + UUID.randomUUID().toString().substring(0, 6);
        String usage = "client." + CLIENT_ID + " secret";
        FxToolkit.registerPrimaryStage();

        ServiceCephClusterAccess cephAccess = new ServiceCephClusterAccess(new CephClusterService(), new SerialWorker("rbdatt-checks"));
        DefaultTaskExecutor tasks = new DefaultTaskExecutor(Platform::runLater);
        AtomicReference<CephClusterViewModel> cluster = new AtomicReference<>();
        AtomicReference<ConnectionViewModel> conn = new AtomicReference<>();
        robot.interact(() -> {
            ThemeManager.apply(Theme.LIGHT);
            cluster.set(new CephClusterViewModel(new CephClusterSettings(null, "lab", CephLab.conf().toString(),
                    CephLab.keyring().toString(), List.of(), "admin", null, 5, true), cephAccess, tasks, l10n,
                    new io.rackdesk.testsupport.RecordingDialogs()));
            conn.set(new ConnectionViewModel(new ConnectionSettings(null, "lab-kvm", Lab.get("RACKDESK_LAB_URI_TCP"), true, false),
                    new LibvirtHostFactory(LibvirtEventLoop.start(), Duration.ofSeconds(30)), tasks, l10n, Duration.ofHours(1)));
            cluster.get().connect();
            conn.get().connect();
        });
        cleanup.add(() -> robot.interact(() -> {
            conn.get().disconnect();
            cluster.get().disconnect();
        }));
        cleanup.add(cephAccess::close);
        waitFor(() -> cluster.get().getState() == ConnectionState.CONNECTED, "the Ceph lab connected");
        waitFor(() -> conn.get().getState() == ConnectionState.CONNECTED
                && conn.get().vms().stream().anyMatch(v -> v.name().equals(domain)), "the lab VM listed");
        LibvirtHost host = conn.get().openHost().orElseThrow();
        // clean-up runs even when an assertion fails half-way (in reverse: detach, secret, client, image)
        cleanup.add(0, () -> {
            try {
                RbdDisks.detach(host, domain, "rbd/" + image).get(60, TimeUnit.SECONDS);
                RbdDisks.undefineCephSecret(host, usage).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("clean-up on the libvirt lab: " + e, e);
            }
            try {
                CephLab.cli("auth", "del", "client." + CLIENT_ID);
            } catch (AssertionError e) {
                // not made
            }
            CephLab.run(List.of("timeout", "60", "sh", "-c", "rbd -c " + CephLab.conf() + " -k " + CephLab.keyring()
                    + " rm rbd/" + image + " >/dev/null 2>&1 || true"));
        });

        AtomicReference<RbdAttachViewModel> model = new AtomicReference<>();
        robot.interact(() -> {
            VmItem vm = conn.get().vms().stream().filter(v -> v.name().equals(domain)).findFirst().orElseThrow();
            RbdAttachViewModel m = new RbdAttachViewModel(FXCollections.observableArrayList(cluster.get()),
                    FXCollections.observableArrayList(conn.get()),
                    new ServiceRbdAttachAccess(cephAccess, v -> v.connection().openHost().orElse(null)), tasks, l10n, null, null, vm);
            model.set(m);
            RbdAttachView.open(null, m, l10n);
        });
        RbdAttachViewModel m = model.get();
        try {
            waitFor(() -> m.domainProperty().get() != null && !m.pools().isEmpty() && m.loadingProperty().get().isEmpty(),
                    "the pools, the monitor map and the VM's disks");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the dialog says: " + m.loadingProperty().get() + " / "
                    + m.problemProperty().get() + " / pools " + m.pools() + " / images " + m.images(), e);
        }
        robot.interact(() -> {
            m.poolProperty().set("rbd");
            m.newImageProperty().set(true);
            m.newImageNameProperty().set(image);
            m.newImageSizeProperty().set("64M");
            m.clientIdProperty().set("client." + CLIENT_ID);
        });
        waitFor(() -> m.canRunProperty().get() && !m.previewXmlProperty().get().isEmpty(), "runnable: " + m.problemProperty().get());
        String target = m.targetProperty().get();
        assertTrue(m.previewXmlProperty().get().contains("<host name='127.0.0.1' port='16789'/>"), m.previewXmlProperty().get());

        robot.interact(m::run);   // the button's part is in RbdAttachUiTest
        try {
            WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !m.runningProperty().get() && !m.steps().isEmpty());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the run did not end: " + m.steps(), e);
        }
        assertEquals("", m.errorProperty().get(), m.steps().toString());
        assertTrue(m.steps().stream().noneMatch(s -> s.state() == StepState.FAILED), m.steps().toString());
        assertTrue(m.doneProperty().get());
        System.out.println("[rbdatt-lab] " + m.resultProperty().get());

        // what libvirt says, read by virsh on its own connection
        String inactive = virsh("dumpxml", "--inactive", domain);
        RbdDiskXml.RbdDisk found = RbdDisks.find(inactive, "rbd/" + image)
                .orElseThrow(() -> new AssertionError("rbd/" + image + " not in the VM's XML:\n" + inactive));
        assertEquals(target, found.targetDev());
        assertEquals(CLIENT_ID, found.username());
        assertEquals("raw", found.driverType());
        assertEquals(List.of(RbdDiskXml.Monitor.parse(CephLab.get("RACKDESK_CEPH_MON"))), found.monitors());
        assertTrue(virsh("secret-list").contains(found.secretUuid()), "the secret is on the host");
        String shown = robot.lookup("#attachFound").queryAs(TextArea.class).getText();
        assertTrue(shown.contains("name='rbd/" + image + "'") && shown.contains("dev='" + target + "'"), shown);
        assertTrue(robot.lookup("#attachResult").queryAs(Labeled.class).getText().startsWith("Attached rbd/" + image + " to " + domain
                + " as " + target), robot.lookup("#attachResult").queryAs(Labeled.class).getText());
        assertEquals("profile rbd pool=rbd", CephLab.cli("auth", "get", "client." + CLIENT_ID).get(0).path("caps").path("osd").asText());

        String file = System.getProperty("rackdesk.screenshot.rbdattach");
        if (file != null) {
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> Screenshots.write(robot.lookup("#attachFound").query().getScene(), Path.of(file)));
        }

        // the clean-up leaves the labs as they were
        close();
        cleanup.clear();
        assertFalse(RbdDisks.find(virsh("dumpxml", "--inactive", domain), "rbd/" + image).isPresent(), "detached");
        assertFalse(virsh("secret-list").contains(usage), "secret undefined");
        assertFalse(CephLab.run(List.of("timeout", "60", "rbd", "-c", CephLab.conf().toString(), "-k", CephLab.keyring().toString(),
                "ls", "rbd")).contains(image), "image removed");
    }

    private static String virsh(String... args) {
        List<String> cmd = new ArrayList<>(List.of("timeout", "60", "virsh", "-c", Lab.get("RACKDESK_LAB_URI_TCP")));
        cmd.addAll(List.of(args));
        return CephLab.run(cmd);
    }
}
