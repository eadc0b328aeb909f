package io.rackdesk.views;

import static io.rackdesk.testsupport.FxWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.ceph.CephClusterState.Phase;
import io.rackdesk.app.ceph.CephRates;
import io.rackdesk.app.ceph.rbd.RbdImageRef;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.LibvirtEventLoop;
import io.rackdesk.app.libvirt.LibvirtHostFactory;
import io.rackdesk.app.settings.CephClusterSettings;
import io.rackdesk.app.settings.ConnectionSettings;
import io.rackdesk.app.task.DefaultTaskExecutor;
import io.rackdesk.testsupport.DemoHost;
import io.rackdesk.testsupport.FakeCephClusters;
import io.rackdesk.testsupport.FakeRbdAttach;
import io.rackdesk.testsupport.FxMenus;
import io.rackdesk.testsupport.RecordingDialogs;
import io.rackdesk.viewmodels.ceph.CephClusterViewModel;
import io.rackdesk.viewmodels.ceph.RbdAttachViewModel;
import io.rackdesk.viewmodels.connections.ConnectionState;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.viewmodels.vms.VmItem;
import io.rackdesk.views.ceph.RbdAttachView;
import io.rackdesk.testsupport.MainWindowFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The "Attach RBD image to VM" dialog headless: with a fake cluster and host it shows the choices,
 * the exact XML and each bad input, runs and reports the steps; in the real main window the VM
 * row's menu opens it with the VM chosen.
 */
class RbdAttachUiTest {
    @TempDir
    Path root;
    private final FxRobot robot = new FxRobot();
    private final Localization l10n = new Localization(Locale.ENGLISH);
    private ConnectionViewModel conn;
    private MainWindowFixture app;

    @AfterEach
    void close() throws Exception {
        if (conn != null) {
            robot.interact(conn::disconnect);
        }
        MainWindowFixture.cleanUp(app);
    }

    @Test
    void theDialogShowsThePlanAndTheStepsOfARun() throws Exception {
        FxToolkit.registerPrimaryStage();
        FakeRbdAttach access = new FakeRbdAttach();
        FakeCephClusters ceph = new FakeCephClusters();
        AtomicReference<CephClusterViewModel> cluster = new AtomicReference<>();
        DefaultTaskExecutor tasks = new DefaultTaskExecutor(Platform::runLater);
        robot.interact(() -> {
            io.rackdesk.views.theme.ThemeManager.apply(io.rackdesk.app.settings.Theme.LIGHT);
            cluster.set(new CephClusterViewModel(new CephClusterSettings("c1", "lab", "/tmp/ceph.conf", null,
                    List.of(), "admin", null, 5, true), ceph, tasks, l10n, new RecordingDialogs()));
            cluster.get().connect();
            ceph.publish("c1", Phase.CONNECTED, FakeCephClusters.healthy(), CephRates.UNKNOWN, null, null);
            conn = new ConnectionViewModel(new ConnectionSettings(null, "kvm-test", "test:///default", true, false),
                    new LibvirtHostFactory(LibvirtEventLoop.start(), Duration.ofSeconds(10)), tasks, l10n, Duration.ofHours(1));
            conn.connect();
        });
        waitFor(() -> conn.getState() == ConnectionState.CONNECTED && !conn.vms().isEmpty(), "the test host's VMs");
        robot.interact(() -> {
            RbdAttachViewModel model = new RbdAttachViewModel(FXCollections.observableArrayList(cluster.get()),
                    FXCollections.observableArrayList(conn), access, tasks, l10n, null, new RbdImageRef("rbd", "web-data"),
                    conn.vms().get(0));
            model.clientIdProperty().set("rackdesk-test");
            RbdAttachView.open(null, model, l10n);
        });

        waitFor(() -> robot.lookup("#attachPreview").tryQuery().isPresent()
                && !robot.lookup("#attachPreview").queryAs(TextArea.class).getText().isEmpty(), "the preview");
        assertEquals("lab", shown("#attachCluster"));
        assertEquals("web-data", robot.lookup("#attachImage").queryAs(ComboBox.class).getValue());
        assertEquals("kvm-test", shown("#attachHost"));
        assertEquals("test  (running)", shown("#attachVm"));
        TextField target = robot.lookup("#attachTarget").queryAs(TextField.class);
        assertEquals("vdb", target.getText(), "vda is used");
        String preview = robot.lookup("#attachPreview").queryAs(TextArea.class).getText();
        assertTrue(preview.contains("<source protocol='rbd' name='rbd/web-data'>"), preview);
        assertTrue(preview.contains("<secret type='ceph' uuid='" + FakeRbdAttach.SECRET + "'/>"), preview);
        assertTrue(texts("#attachPlan .label").get(2).startsWith("3. Reuse the libvirt ceph secret"), texts("#attachPlan .label").toString());
        Button run = robot.lookup("#attachRun").queryAs(Button.class);
        assertFalse(run.isDisabled());

        // a target that is taken: said under the form, Run off
        robot.doubleClickOn(target).write("vda");
        Labeled problem = robot.lookup("#attachProblem").queryAs(Labeled.class);
        waitFor(() -> problem.isVisible() && problem.getText().equals("vda is already used by another disk of test; vdb is free."),
                "the problem: " + problem.getText());
        assertTrue(run.isDisabled());
        // a new image with a size without a unit
        robot.clickOn("#attachNew");
        robot.clickOn("#attachNewName").write("rbdatt-ui");
        robot.doubleClickOn("#attachNewSize").write("10");
        waitFor(() -> problem.getText().equals("10 is not a size with a unit: type e.g. 10G, 512M or 1.5T."), "size: " + problem.getText());
        robot.doubleClickOn("#attachNewSize").write("2G");
        robot.doubleClickOn(target).write("vdc");
        waitFor(() -> !problem.isVisible(), "nothing wrong");

        // the host refuses the secret: said in the step and below, the form as typed
        access.secret = () -> java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("internal error: boom"));
        robot.clickOn(run);
        Labeled error = robot.lookup("#attachError").queryAs(Labeled.class);
        waitFor(() -> error.isVisible() && error.getText().equals("Defining the libvirt ceph secret on kvm-test failed: internal error: boom"),
                "the error: " + error.getText());
        assertTrue(robot.lookup("#attachStep-SECRET").query().getStyleClass().contains("rbd-step-FAILED"));
        assertTrue(robot.lookup("#attachStep-ATTACH").query().getStyleClass().contains("rbd-step-SKIPPED"));
        assertEquals("rbdatt-ui", robot.lookup("#attachNewName").queryAs(TextField.class).getText());
        assertEquals("vdc", target.getText());

        // the image was made before the failure: the form now names it as an existing image
        assertEquals("rbdatt-ui", robot.lookup("#attachImage").queryAs(ComboBox.class).getValue());
        assertTrue(robot.lookup("#attachImage").query().isVisible());
        access.secret = () -> java.util.concurrent.CompletableFuture.completedFuture(FakeRbdAttach.SECRET);
        robot.clickOn(run);
        Labeled result = robot.lookup("#attachResult").queryAs(Labeled.class);
        waitFor(() -> result.isVisible(), "the second run's result; error: " + error.getText());
        assertFalse(error.isVisible());
        assertEquals("Attached rbd/rbdatt-ui to test as vdc, in the running VM and its config.", result.getText());
        assertTrue(robot.lookup("#attachFound").queryAs(TextArea.class).getText().contains("<alias name='virtio-disk1'/>"));
        for (String step : List.of("CHECK", "CLIENT", "SECRET", "ATTACH")) {
            assertTrue(robot.lookup("#attachStep-" + step).query().getStyleClass().contains("rbd-step-DONE"), step);
        }
        assertTrue(robot.lookup("#attachStep-CREATE_IMAGE").query().getStyleClass().contains("rbd-step-SKIPPED"));
        assertTrue(run.isDisabled(), "one run per dialog");
        assertTrue(robot.lookup("#attachNewName").query().isDisabled(), "the form is read-only after success");
    }

    @Test
    void theVmRowMenuOpensTheDialogForThatVm() throws Exception {
        app = MainWindowFixture.prepare(root, Locale.ENGLISH);
        app.show();
        TableView<?> table = robot.lookup("#vmTable").queryAs(TableView.class);
        waitFor(() -> table.getItems().size() == DemoHost.VM_COUNT, "the demo VMs fill the table");
        Node cell = robot.lookup("#vmTable .table-cell").queryAll().stream()
                .filter(n -> n instanceof Labeled l && "web-01".equals(l.getText())).findFirst().orElseThrow();
        robot.clickOn(cell);
        robot.interact(() -> ((javafx.scene.control.TableRow<?>) cell.getParent()).getContextMenu()
                .show(cell, javafx.geometry.Side.BOTTOM, 0, 0));
        FxMenus.clickItem(robot, "Attach Ceph RBD disk…");
        waitFor(() -> robot.lookup("#attachVm").tryQuery().isPresent(), "the dialog");
        ComboBox<?> vm = robot.lookup("#attachVm").queryAs(ComboBox.class);
        assertEquals("web-01", ((VmItem) vm.getValue()).name());
        assertEquals("Demo host (libvirt test driver)", ((ConnectionViewModel) robot.lookup("#attachHost").queryAs(ComboBox.class)
                .getValue()).name());
        Labeled problem = robot.lookup("#attachProblem").queryAs(Labeled.class);
        assertEquals("No Ceph cluster is connected. Connect one in the main window first.", problem.getText());
        assertTrue(robot.lookup("#attachRun").queryAs(Button.class).isDisabled());
    }

    /** What a combo box shows in its button. */
    private String shown(String combo) {
        ComboBox<?> box = robot.lookup(combo).queryAs(ComboBox.class);
        return robot.from(box).lookup(".list-cell").queryAll().stream().filter(n -> n.getParent() == box)
                .map(n -> ((Labeled) n).getText()).findFirst().orElse(null);
    }

    private List<String> texts(String query) {
        return robot.lookup(query).queryAll().stream().map(n -> ((Labeled) n).getText()).toList();
    }
}
