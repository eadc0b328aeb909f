package io.rackdesk.views;

import static io.rackdesk.testsupport.FxWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.vnc.VncTarget;
import io.rackdesk.testsupport.DemoHost;
import io.rackdesk.testsupport.FxMenus;
import io.rackdesk.testsupport.VncLab;
import io.rackdesk.viewmodels.console.ConsoleViewModel;
import io.rackdesk.viewmodels.console.ConsoleViewModel.Phase;
import io.rackdesk.viewmodels.console.ConsolesViewModel;
import io.rackdesk.testsupport.MainWindowFixture;
import io.rackdesk.views.main.MainView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Several consoles in tabs, in the real main window: "Open console" on web-01 and on db-01 (both
 * pointed at the VNC lab's QEMU servers, db-01's with its password) opens one consoles window with
 * a tab each; opening web-01 again selects its tab; closing a tab closes its connection; closing
 * the window closes the rest. With -Drackdesk.screenshot.consoleTabs=FILE it writes the docs
 * screenshot of the window with two tabs.
 */
class ConsoleTabsUiTest {
    @TempDir
    Path root;
    private final FxRobot robot = new FxRobot();
    private MainWindowFixture app;

    @AfterEach
    void close() throws Exception {
        MainWindowFixture.cleanUp(app);
    }

    @Test
    void openConsoleAddsATabPerVmSelectsAnOpenOneAndClosingATabClosesItsConnection() throws Exception {
        VncTarget plain = VncTarget.parse(VncLab.get("RACKDESK_VNC_LAB_PLAIN"));
        VncTarget withPassword = VncTarget.parse(VncLab.get("RACKDESK_VNC_LAB_PASSWORD"));
        String password = Files.readString(Path.of(VncLab.get("RACKDESK_VNC_LAB_PASSWORD_FILE"))).strip();
        app = MainWindowFixture.prepare(root, Locale.ENGLISH);
        DemoHost.replaceGraphics(app.dirs(), "<graphics type='vnc' port='5900' autoport='no' listen='127.0.0.1'>",
                "<graphics type='vnc' port='" + plain.port() + "' autoport='no' listen='127.0.0.1'>"); // web-01
        DemoHost.replaceGraphics(app.dirs(), "<graphics type='vnc' port='5901' autoport='no' listen='127.0.0.1'>",
                "<graphics type='vnc' port='" + withPassword.port() + "' autoport='no' listen='127.0.0.1' passwd='" + password + "'>"); // db-01
        MainView mainView = app.show();
        TableView<?> table = robot.lookup("#vmTable").queryAs(TableView.class);
        waitFor(() -> table.getItems().size() == DemoHost.VM_COUNT, "the demo VMs fill the table");
        ConsolesViewModel consoles = app.context().mainViewModel().consoles();

        openConsole("web-01");
        waitFor(() -> mainView.consoles().window() != null && mainView.consoles().window().isShowing(), "the consoles window");
        Stage window = mainView.consoles().window();
        TabPane tabs = (TabPane) window.getScene().lookup("#consoleTabs");
        assertEquals(1, tabs.getTabs().size());
        ConsoleViewModel web = consoles.consoles().get(0);
        waitFor(() -> web.phaseProperty().get() == Phase.CONNECTED, "web-01's console connects to the lab");

        toFront((Stage) table.getScene().getWindow()); // the main window over the consoles window
        openConsole("db-01");
        try {
            waitFor(() -> tabs.getTabs().size() == 2, "a second tab instead of replacing the first");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; consoles " + consoles.consoles().size() + ", selected VM "
                    + app.context().mainViewModel().vmTable().singleSelectionProperty().get() + ", windows " + robot.listWindows(), e);
        }
        ConsoleViewModel db = consoles.consoles().get(1);
        assertEquals(1, tabs.getSelectionModel().getSelectedIndex(), "the new tab in front");
        assertTrue(tabs.getTabs().get(1).getText().startsWith("db-01 · "), tabs.getTabs().get(1).getText());
        try {
            waitFor(() -> db.phaseProperty().get() == Phase.CONNECTED, "db-01's console connects with the XML's password");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + db.statusTextProperty().get(), e);
        }
        assertEquals(Phase.CONNECTED, web.phaseProperty().get(), "both consoles connected side by side");

        String shot = System.getProperty("rackdesk.screenshot.consoleTabs");
        if (shot != null) {
            Thread.sleep(1000); // the guest's picture in the image
            robot.interact(() -> Screenshots.write(window.getScene(), Path.of(shot)));
        }

        toFront((Stage) table.getScene().getWindow()); // the main window over the consoles window
        openConsole("web-01");
        try {
            waitFor(() -> tabs.getSelectionModel().getSelectedIndex() == 0, "an open VM's tab is selected again");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; consoles " + consoles.consoles().size() + ", selected " + consoles.selectedProperty().get()
                    + " web " + web + ", selected VM " + app.context().mainViewModel().vmTable().singleSelectionProperty().get(), e);
        }
        assertEquals(2, tabs.getTabs().size());
        assertSame(web, consoles.selectedProperty().get());

        // closing db-01's tab with its close button
        robot.interact(() -> tabs.getSelectionModel().select(1));
        toFront(window);
        Node dbHeader = window.getScene().getRoot().lookupAll(".tab").stream()
                .filter(n -> n.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("selected"))).findFirst().orElseThrow();
        robot.clickOn(dbHeader.lookup(".tab-close-button"));
        waitFor(() -> tabs.getTabs().size() == 1, "the tab closes");
        assertEquals(Phase.IDLE, db.phaseProperty().get(), "its connection is closed");
        assertEquals(java.util.List.of(web), consoles.consoles());
        assertEquals(Phase.CONNECTED, web.phaseProperty().get(), "the other console stays connected");
        assertSame(web, consoles.selectedProperty().get());

        robot.interact(window::close);
        waitFor(() -> consoles.consoles().isEmpty(), "closing the window closes its consoles");
        assertEquals(Phase.IDLE, web.phaseProperty().get());
        assertFalse(window.isShowing());
    }

    /** Brings {@code w} in front of the other window (they overlap on Monocle's one screen) and waits until it has the focus. */
    private void toFront(Stage w) throws Exception {
        robot.interact(() -> {
            w.toFront();
            w.requestFocus();
        });
        waitFor(w::isFocused, "the window in front");
    }

    /** The row's context menu (headless Monocle sends no context-menu request for a right click: shown as one would be). */
    private void openConsole(String vm) throws Exception {
        Node cell = cell(vm);
        robot.clickOn(cell);
        robot.interact(() -> { // the click selects the row; with two overlapping windows Monocle may send it elsewhere
            @SuppressWarnings("unchecked")
            TableView<io.rackdesk.viewmodels.vms.VmItem> vms = (TableView<io.rackdesk.viewmodels.vms.VmItem>) robot.lookup("#vmTable").query();
            vms.getItems().stream().filter(v -> v.name().equals(vm)).findFirst()
                    .ifPresent(v -> vms.getSelectionModel().clearAndSelect(vms.getItems().indexOf(v)));
        });
        robot.interact(() -> ((javafx.scene.control.TableRow<?>) cell.getParent()).getContextMenu()
                .show(cell, javafx.geometry.Side.BOTTOM, 0, 0));
        FxMenus.clickItem(robot, "Open console");
    }

    private Node cell(String text) {
        return robot.lookup("#vmTable .table-cell").queryAllAs(Labeled.class).stream()
                .filter(c -> text.equals(c.getText())).findFirst()
                .orElseThrow(() -> new AssertionError("no VM cell '" + text + "'"));
    }

}
