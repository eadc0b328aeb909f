package io.rackdesk.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.settings.AppDirs;
import io.rackdesk.app.settings.SettingsStore;
import io.rackdesk.app.settings.Theme;
import io.rackdesk.testsupport.DemoHost;
import io.rackdesk.testsupport.MainWindowFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static io.rackdesk.testsupport.FxWait.waitFor;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The real main window, headless (Monocle), on the bundled demo host: what a user sees and clicks. */
class MainWindowUiTest {
    @TempDir
    Path root;
    private final FxRobot robot = new FxRobot();
    private MainWindowFixture app;

    private void open(Locale locale) throws Exception {
        app = MainWindowFixture.prepare(root, locale); // disk and libvirt set-up, off the FX thread
        app.show();
        assertEquals(app.stage(), robot.listWindows().stream().filter(w -> w instanceof Stage).findFirst().orElseThrow());
    }

    @AfterEach
    void close() throws Exception {
        MainWindowFixture.cleanUp(app);
    }

    @Test
    void showsTheDemoVmsWithStateVcpusAndMemory() throws Exception {
        open(Locale.ENGLISH);
        TableView<?> table = robot.lookup("#vmTable").queryAs(TableView.class);
        waitFor(() -> table.getItems().size() == DemoHost.VM_COUNT, "the demo VMs fill the table");

        Set<String> cells = visibleTexts("#vmTable .table-cell");
        assertTrue(cells.containsAll(List.of("db-01", "web-01", "kiosk-zürich", "Demo host (libvirt test driver)")), cells.toString());
        assertTrue(cells.containsAll(List.of("Running", "Paused", "Shut off", "Crashed", "Suspended (PM)", "Shutting down", "Blocked")), cells.toString());
        assertTrue(cells.containsAll(List.of("32.0 GiB", "512.0 MiB", "16")), cells.toString());
        assertEquals("14 VMs, 5 running", robot.lookup("#vmSummary").queryAs(Labeled.class).getText());
        assertEquals("All virtual machines", robot.lookup("#vmTableTitle").queryAs(Labeled.class).getText());
        assertEquals("1 of 1 connections open", robot.lookup("#statusBar").queryAs(StatusBar.class).getText());
    }

    @Test
    void typingInTheFilterNarrowsTheTable() throws Exception {
        open(Locale.ENGLISH);
        TableView<?> table = robot.lookup("#vmTable").queryAs(TableView.class);
        waitFor(() -> table.getItems().size() == DemoHost.VM_COUNT, "the demo VMs fill the table");
        robot.clickOn("#vmFilter").write("paused");
        waitFor(() -> table.getItems().size() == 1, "one paused VM");
        assertTrue(visibleTexts("#vmTable .table-cell").contains("ci-runner-01"));
        assertEquals("1 VM, 0 running", robot.lookup("#vmSummary").queryAs(Labeled.class).getText());
    }

    @Test
    void storageAndNetworksPagesShowWhatTheHostHas() throws Exception {
        open(Locale.ENGLISH);
        TableView<?> table = robot.lookup("#vmTable").queryAs(TableView.class);
        waitFor(() -> table.getItems().size() == DemoHost.VM_COUNT, "connected");

        robot.clickOn(treeCell("Storage"));
        TreeTableView<?> storage = robot.lookup("#storageTree").queryAs(TreeTableView.class);
        waitFor(() -> storage.getRoot() != null && storage.getRoot().getChildren().size() == 2, "two pools");
        assertEquals(List.of("default", "iso"), storage.getRoot().getChildren().stream()
                .map(i -> ((io.rackdesk.views.storage.StorageView.Row) i.getValue()).pool().name()).toList());
        Set<String> cells = visibleTexts("#storageTree .tree-table-cell");
        assertTrue(cells.containsAll(List.of("default", "alpine-3.20-base.qcow2", "qcow2", "/var/lib/libvirt/images")), cells.toString());
        assertTrue(cells.stream().anyMatch(c -> c.startsWith("/var/lib/libvirt/images/") && c.contains("golden")),
                "a backing file is shown: " + cells);

        robot.clickOn(treeCell("Networks"));
        TableView<?> nets = robot.lookup("#networksTable").queryAs(TableView.class);
        waitFor(() -> nets.getItems().size() == 2, "two networks");
        Set<String> netCells = visibleTexts("#networksTable .table-cell");
        assertTrue(netCells.containsAll(List.of("default", "storage-net", "nat", "isolated", "Active")), netCells.toString());
    }

    @Test
    void theThemeToggleSwitchesToDarkAndIsRemembered() throws Exception {
        open(Locale.ENGLISH);
        assertTrue(Application.getUserAgentStylesheet().contains("primer-light"), Application.getUserAgentStylesheet());
        robot.clickOn("#themeButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Application.getUserAgentStylesheet().contains("primer-dark"), Application.getUserAgentStylesheet());
        SettingsStore store = new SettingsStore(AppDirs.under(root).settingsFile());
        waitFor(() -> store.load().settings().theme() == Theme.DARK, "the dark theme is saved");
        robot.clickOn("#themeButton");
        waitFor(() -> store.load().settings().theme() == Theme.LIGHT, "and light again");
    }

    @Test
    void chineseLocaleShowsChineseText() throws Exception {
        open(Locale.SIMPLIFIED_CHINESE);
        TableView<?> table = robot.lookup("#vmTable").queryAs(TableView.class);
        waitFor(() -> table.getItems().size() == DemoHost.VM_COUNT, "connected");
        assertEquals("全部虚拟机", robot.lookup("#vmTableTitle").queryAs(Labeled.class).getText());
        assertTrue(visibleTexts("#vmTable .table-cell").contains("运行中"));
        assertEquals("共 14 台虚拟机，5 台运行中", robot.lookup("#vmSummary").queryAs(Labeled.class).getText());
    }

    @Test
    void bulkPauseAsksWithTheListOfVmsThenPausesThem() throws Exception {
        open(Locale.ENGLISH);
        TableView<io.rackdesk.viewmodels.vms.VmItem> table = robot.lookup("#vmTable").queryAs(TableView.class);
        waitFor(() -> table.getItems().size() == DemoHost.VM_COUNT, "the demo VMs fill the table");
        robot.clickOn(cell("web-01"));
        robot.press(javafx.scene.input.KeyCode.CONTROL).clickOn(cell("db-01")).release(javafx.scene.input.KeyCode.CONTROL);
        waitFor(() -> table.getSelectionModel().getSelectedItems().size() == 2, "two rows selected");
        assertTrue(robot.lookup("#action-start").queryButton().isDisabled(), "both run: Start is off");

        robot.clickOn("#action-pause");
        javafx.scene.control.ListView<?> items = robot.lookup("#confirmItems").queryAs(javafx.scene.control.ListView.class);
        assertEquals(List.of("db-01 (Demo host (libvirt test driver))", "web-01 (Demo host (libvirt test driver))"),
                items.getItems().stream().map(Object::toString).sorted().toList());
        robot.clickOn(robot.lookup(".dialog-pane .button").queryAllAs(javafx.scene.control.Button.class).stream()
                .filter(b -> "Pause".equals(b.getText())).findFirst().orElseThrow());
        waitFor(() -> table.getItems().stream().filter(vm -> Set.of("web-01", "db-01").contains(vm.name()))
                .allMatch(vm -> vm.getState() == io.rackdesk.app.model.VmState.PAUSED), "both paused");
        assertEquals("14 VMs, 3 running", robot.lookup("#vmSummary").queryAs(Labeled.class).getText());
        assertTrue(!robot.lookup("#action-resume").queryButton().isDisabled());
    }

    @Test
    void everyRowOffersTheActionsOfTheSelectedVmInItsMenu() throws Exception {
        open(Locale.ENGLISH);
        TableView<io.rackdesk.viewmodels.vms.VmItem> table = robot.lookup("#vmTable").queryAs(TableView.class);
        waitFor(() -> table.getItems().size() == DemoHost.VM_COUNT, "the demo VMs fill the table");
        assertTrue(robot.lookup("#vmDetails").tryQuery().isEmpty(), "the details pane is made when a VM is first selected");
        javafx.scene.control.ContextMenu db = row("db-01").getContextMenu();
        javafx.scene.control.ContextMenu k8s = row("k8s-worker-03").getContextMenu();
        assertTrue(db != null && db == k8s, "one menu shared by the rows");

        robot.clickOn(cell("db-01"));
        waitFor(() -> !menuItem(db, "Pause").isDisable(), "Pause offered for the running VM");
        assertTrue(menuItem(db, "Start").isDisable(), "db-01 runs: no Start");
        waitFor(() -> robot.lookup("#vmDetails").tryQuery().map(Node::isVisible).orElse(false), "the details of the selected VM");

        robot.clickOn(cell("k8s-worker-03")); // shut off
        waitFor(() -> !menuItem(k8s, "Start").isDisable(), "Start offered for the shut-off VM");
        assertTrue(menuItem(k8s, "Pause").isDisable());
    }

    private javafx.scene.control.TableRow<?> row(String vm) {
        return robot.lookup("#vmTable .table-row-cell").queryAllAs(javafx.scene.control.TableRow.class).stream()
                .filter(r -> r.getItem() instanceof io.rackdesk.viewmodels.vms.VmItem i && i.name().equals(vm)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + vm));
    }

    private static javafx.scene.control.MenuItem menuItem(javafx.scene.control.ContextMenu menu, String text) {
        return menu.getItems().stream().filter(i -> text.equals(i.getText())).findFirst()
                .orElseThrow(() -> new AssertionError("no menu item " + text));
    }

    @Test
    void hostPageShowsVersionsAndVmsByState() throws Exception {
        open(Locale.ENGLISH);
        TableView<?> table = robot.lookup("#vmTable").queryAs(TableView.class);
        waitFor(() -> table.getItems().size() == DemoHost.VM_COUNT, "connected");
        robot.clickOn(treeCell("Demo host (libvirt test driver)"));
        waitFor(() -> visibleTexts("#hostVmCounts .label").contains("Crashed"), "VM counts shown");
        Set<String> texts = visibleTexts("#hostFacts .label");
        assertTrue(texts.contains("libvirt") && texts.stream().anyMatch(t -> t.matches("\\d+\\.\\d+\\.\\d+")), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.contains("32 CPUs")), texts.toString());
    }

    @Test
    void selectingAVmShowsItsSnapshotTree() throws Exception {
        open(Locale.ENGLISH);
        TableView<?> table = robot.lookup("#vmTable").queryAs(TableView.class);
        waitFor(() -> table.getItems().size() == DemoHost.VM_COUNT, "connected");
        robot.clickOn(cell("dev-sandbox"));
        robot.clickOn(robot.lookup(".tab-pane .tab-label").queryAllAs(Labeled.class).stream()
                .filter(l -> "Snapshots".equals(l.getText())).findFirst().orElseThrow());
        TreeTableView<?> tree = robot.lookup("#vmSnapshots").queryAs(TreeTableView.class);
        waitFor(() -> tree.getRoot() != null && tree.getRoot().getChildren().size() == 1, "the snapshot tree");
        Set<String> cells = visibleTexts("#vmSnapshots .tree-table-cell");
        assertTrue(cells.containsAll(List.of("fresh-install", "base-config", "docker-engine (current)", "compose-stack")), cells.toString());
        List<String> all = new java.util.ArrayList<>();
        collect(tree.getRoot(), all);
        assertEquals(List.of("fresh-install", "base-config", "docker-engine", "compose-stack", "hardened-baseline",
                "apparmor-enforce", "pre-kernel-6.10"), all, "the whole tree, depth first");
        String shot = System.getProperty("rackdesk.screenshot.snapshots");
        if (shot != null) {
            robot.interact(() -> Screenshots.write(robot.lookup("#vmTable").query().getScene(), Path.of(shot)));
        }
    }

    @Test
    void addConnectionFromTheToolbarPutsTheHostInTheTreeAndSavesIt() throws Exception {
        open(Locale.ENGLISH);
        TableView<?> table = robot.lookup("#vmTable").queryAs(TableView.class);
        waitFor(() -> table.getItems().size() == DemoHost.VM_COUNT, "connected");
        robot.clickOn("#addConnectionButton");
        waitFor(() -> robot.lookup("#transportChoice").tryQuery().isPresent(), "the connection dialog");
        robot.clickOn(robot.lookup("#transportChoice").queryComboBox());
        robot.clickOn("Test driver (mock host)");
        Path fixture = io.rackdesk.app.demo.DemoFixture.install(root.resolve("second"));
        robot.clickOn("#testFileField").write(fixture.toString());
        robot.clickOn("#nameField").write("second demo");
        robot.clickOn("#saveButton");
        waitFor(() -> table.getItems().size() == 2 * DemoHost.VM_COUNT, "the new host's VMs join the table");
        assertTrue(visibleTexts("#navigation .tree-cell").contains("second demo"));
        SettingsStore store = new SettingsStore(AppDirs.under(root).settingsFile());
        waitFor(() -> store.load().settings().connections().size() == 2, "saved");
    }

    private static void collect(javafx.scene.control.TreeItem<?> item, List<String> out) {
        for (var child : item.getChildren()) {
            out.add(((io.rackdesk.app.model.SnapshotTree.Node) child.getValue()).snapshot().name());
            collect(child, out);
        }
    }

    private Node cell(String text) {
        return robot.lookup("#vmTable .table-cell").queryAllAs(Labeled.class).stream()
                .filter(c -> text.equals(c.getText())).findFirst()
                .orElseThrow(() -> new AssertionError("no VM cell '" + text + "'"));
    }

    private Node treeCell(String text) {
        TreeView<?> tree = robot.lookup("#navigation").queryAs(TreeView.class);
        assertTrue(tree.getRoot() instanceof TreeItem<?>);
        return robot.lookup("#navigation .tree-cell").queryAllAs(Labeled.class).stream()
                .filter(c -> text.equals(c.getText())).findFirst()
                .orElseThrow(() -> new AssertionError("no tree cell '" + text + "'"));
    }

    private Set<String> visibleTexts(String query) {
        return robot.lookup(query).queryAllAs(Labeled.class).stream()
                .filter(Node::isVisible)
                .map(Labeled::getText)
                .filter(t -> t != null && !t.isEmpty())
                .collect(java.util.stream.Collectors.toSet());
    }

}
