package io.rackdesk.views;

import static io.rackdesk.testsupport.FxWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.vnc.VncTarget;
import io.rackdesk.testsupport.DemoHost;
import io.rackdesk.testsupport.VncLab;
import io.rackdesk.testsupport.MainWindowFixture;
import java.nio.file.Path;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The Console tab of the VM details in the real main window: the demo host's web-01 is pointed at
 * the VNC lab's QEMU (its graphics port rewritten in the fixture), so the tab resolves the VM's
 * graphics from its XML and shows the lab guest. With -Drackdesk.screenshot.console=FILE it writes
 * the docs screenshot.
 */
class ConsoleTabUiTest {
    @TempDir
    Path root;
    private final FxRobot robot = new FxRobot();
    private MainWindowFixture app;

    @AfterEach
    void close() throws Exception {
        MainWindowFixture.cleanUp(app);
    }

    @Test
    void theConsoleTabShowsTheVmsScreenAndExplainsAStoppedVm() throws Exception {
        VncTarget lab = VncTarget.parse(VncLab.get("RACKDESK_VNC_LAB_PLAIN"));
        assertTrue(lab.host().equals("127.0.0.1"), "the lab listens on 127.0.0.1: " + lab);
        app = MainWindowFixture.prepare(root, Locale.ENGLISH);
        // the lab listens on 127.0.0.1 too, like web-01's <listen> element: only the port changes
        DemoHost.replaceGraphics(app.dirs(), "<graphics type='vnc' port='5900' autoport='no' listen='127.0.0.1'>",
                "<graphics type='vnc' port='" + lab.port() + "' autoport='no' listen='127.0.0.1'>");
        app.show();
        TableView<?> table = robot.lookup("#vmTable").queryAs(TableView.class);
        waitFor(() -> table.getItems().size() == DemoHost.VM_COUNT, "the demo VMs fill the table");

        Node webCell = cell("web-01");
        robot.clickOn(webCell);
        robot.clickOn(tab("Console")); // "Open console" in the row's menu opens the consoles window instead (ConsoleTabsUiTest)
        ImageView screen = robot.lookup("#consoleScreen").queryAs(ImageView.class);
        try {
            waitFor(() -> screen.getImage() != null && screen.getImage().getWidth() == 320 && !robot.lookup("#consoleOverlay").query().isVisible(),
                    "web-01's console shows the lab guest");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the console says: " + robot.lookup("#consoleStatus").queryAs(Label.class).getText(), e);
        }
        waitFor(() -> (screen.getImage().getPixelReader().getArgb(160, 100) & 0xFFFFFF) != 0, "the guest's picture");
        assertTrue(robot.lookup("#consoleStatus").queryAs(Label.class).getText().startsWith("Connected to " + lab));

        String shot = System.getProperty("rackdesk.screenshot.console");
        if (shot != null) {
            robot.interact(() -> {
                // more room for the console, and the selected VM in view
                robot.lookup(".split-pane").queryAllAs(javafx.scene.control.SplitPane.class).stream()
                        .filter(p -> p.getOrientation() == javafx.geometry.Orientation.VERTICAL)
                        .forEach(p -> p.setDividerPositions(0.32));
            });
            robot.interact(() -> table.scrollTo(Math.max(0, table.getSelectionModel().getSelectedIndex() - 2)));
            robot.moveTo("#consoleStatus"); // the pointer away from buttons and the picture
            Thread.sleep(500);
            robot.interact(() -> Screenshots.write(screen.getScene(), Path.of(shot)));
        }

        // detached to its own window, the console keeps its connection; closing the window brings it back
        robot.clickOn("#consoleDetach");
        waitFor(() -> robot.listWindows().size() == 2, "the console's own window");
        Stage window = (Stage) robot.listWindows().stream().filter(w -> w != table.getScene().getWindow()).findFirst().orElseThrow();
        assertTrue(window.getTitle().equals("Console of web-01"), window.getTitle());
        assertTrue(screen.getScene() == window.getScene(), "the screen moved to the new window");
        assertTrue(robot.lookup(".console-detached").tryQuery().isPresent(), "the tab says where the console went");
        assertTrue(robot.lookup("#consoleStatus").queryAs(Label.class).getText().startsWith("Connected to "));
        robot.interact(window::close);
        waitFor(() -> screen.getScene() == table.getScene(), "back in the tab");
        assertTrue(robot.lookup("#consoleStatus").queryAs(Label.class).getText().startsWith("Connected to "), "still connected");

        // another VM, shut off: the tab follows the selection and explains instead of connecting
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            TableView<io.rackdesk.viewmodels.vms.VmItem> vms = (TableView<io.rackdesk.viewmodels.vms.VmItem>) table;
            io.rackdesk.viewmodels.vms.VmItem k8s = vms.getItems().stream().filter(v -> v.name().equals("k8s-worker-03")).findFirst().orElseThrow();
            vms.scrollTo(k8s);
            vms.getSelectionModel().clearAndSelect(vms.getItems().indexOf(k8s));
        });
        waitFor(() -> overlayText().startsWith("The VM is not running"), "a stopped VM's console is explained");
        assertTrue(screen.getImage() == null, "no picture of the previous VM behind the explanation");

        robot.clickOn(tab("Overview"));
        waitFor(() -> robot.lookup("#consoleStatus").queryAs(Label.class).getText().equals("No console open."),
                "leaving the tab closes the console");
    }

    private String overlayText() {
        return robot.lookup("#consoleOverlayText").queryAs(Label.class).getText();
    }

    private Node tab(String text) {
        return robot.lookup(".tab-pane .tab-label").queryAllAs(Labeled.class).stream()
                .filter(l -> text.equals(l.getText())).findFirst().orElseThrow(() -> new AssertionError("no tab " + text));
    }

    private Node cell(String text) {
        return robot.lookup("#vmTable .table-cell").queryAllAs(Labeled.class).stream()
                .filter(c -> text.equals(c.getText())).findFirst()
                .orElseThrow(() -> new AssertionError("no VM cell '" + text + "'"));
    }
}
