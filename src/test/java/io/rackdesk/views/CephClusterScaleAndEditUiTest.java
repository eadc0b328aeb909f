package io.rackdesk.views;

import static io.rackdesk.testsupport.FxWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.ceph.CephClusterState;
import io.rackdesk.app.ceph.CephOsdTree;
import io.rackdesk.app.ceph.CephPools;
import io.rackdesk.app.ceph.CephRates;
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
import io.rackdesk.testsupport.CephClusterGenerator;
import io.rackdesk.testsupport.FakeCephClusters;
import io.rackdesk.testsupport.RecordingDialogs;
import io.rackdesk.viewmodels.main.MainViewModel;
import io.rackdesk.views.main.MainView;
import io.rackdesk.views.theme.ThemeManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real main window (headless) on Ceph clusters answered by {@link FakeCephClusters}: a generated
 * 1,000-OSD, 100,000-PG cluster in the OSD tree and the pool table (counts, the down OSD, sorting, a
 * re-read that keeps the rows), and a saved cluster edited and removed from the tree's context menu.
 */
class CephClusterScaleAndEditUiTest {
    private static final String KEY = "AQBOYF1pAAAAABAAx3rsJp0C3cDi3ao5HCrY3w==";
    private static final String NEW_KEY = "AQCGYF1pAAAAABAAtlGLD0wVxv0VkRKFm0Bm1Q==";
    private static final Localization L10N = new Localization(Locale.ENGLISH);
    @TempDir
    Path root;
    private final FxRobot robot = new FxRobot();
    private final FakeCephClusters fake = new FakeCephClusters();
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private MainViewModel main;
    private SettingsStore store;

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        if (main != null) {
            FxToolkit.setupFixture(main::shutdown);
        }
    }

    private void open(CephClusterSettings cluster) throws Exception {
        FxToolkit.registerPrimaryStage();
        store = new SettingsStore(root.resolve("settings.json"));
        Settings s = new Settings(1, Theme.LIGHT, List.of(), 2).withCephCluster(cluster);
        LibvirtHostFactory hosts = new LibvirtHostFactory(LibvirtEventLoop.start(), Duration.ofSeconds(10));
        FxToolkit.setupStage(stage -> {
            ThemeManager.apply(Theme.LIGHT);
            main = new MainViewModel(new SettingsLoad(s, false, Optional.empty(), Optional.empty()), store, new SerialWorker("ui-test-io"),
                    hosts, new DefaultTaskExecutor(Platform::runLater), dialogs, L10N, fake);
            Scene scene = new Scene(new MainView(main, L10N, null).root(), 1280, 800);
            ThemeManager.addAppStylesheet(scene);
            stage.setScene(scene);
            stage.show();
            main.start();
        });
    }

    @Test
    void aGeneratedThousandOsdClusterInTheOsdTreeAndPoolTable() throws Exception {
        CephClusterGenerator big = new CephClusterGenerator(1000, 100_000, 32);
        fake.osdTreeAnswer = big.parsedOsdTree();
        fake.poolsAnswer = big.parsedPools();
        CephClusterSettings c = new CephClusterSettings("big", "big", "/etc/ceph/ceph.conf", null, List.of(), "admin", null, 5, true);
        open(c);
        waitFor(() -> fake.listeners.containsKey("big"), "watched");
        fake.publish("big", CephClusterState.Phase.CONNECTED, big.parsedStatus(), CephRates.UNKNOWN, null, null);
        waitFor(() -> treeTexts().contains("big · HEALTH_WARN"), "the cluster in the tree: " + treeTexts());
        robot.clickOn(treeCell("big · HEALTH_WARN"));

        selectTab(2);
        @SuppressWarnings("unchecked")
        TreeTableView<CephOsdTree.Node> osdTree = robot.lookup("#cephOsdTree").queryAs(TreeTableView.class);
        waitFor(() -> osdTree.getRoot() != null && osdTree.getRoot().getChildren().size() == 1, "the OSD tree");
        TreeItem<CephOsdTree.Node> rootItem = osdTree.getRoot().getChildren().get(0);
        assertEquals("default", rootItem.getValue().name());
        assertEquals(50, rootItem.getChildren().size(), "50 hosts of 20 OSDs");
        assertEquals(1000, rootItem.getChildren().stream().mapToInt(h -> h.getChildren().size()).sum());
        TreeItem<CephOsdTree.Node> host0 = rootItem.getChildren().get(0);
        assertEquals("node-000", host0.getValue().name());
        assertEquals("osd.0", host0.getChildren().get(0).getValue().name(), "OSDs by id");

        // the down OSD is visible with its state marked
        TreeItem<CephOsdTree.Node> osd7 = host0.getChildren().get(CephClusterGenerator.DOWN_OSD);
        robot.interact(() -> osdTree.scrollTo(osdTree.getRow(osd7)));
        WaitForAsyncUtils.waitForFxEvents();
        Labeled downCell = robot.lookup("#cephOsdTree .tree-table-cell").queryAllAs(Labeled.class).stream()
                .filter(l -> "down / out".equals(l.getText()) && l.isVisible()).findFirst()
                .orElseThrow(() -> new AssertionError("no 'down / out' cell shown"));
        assertTrue(downCell.getStyleClass().contains("ceph-sev-err"), downCell.getStyleClass().toString());

        // sorting by Status puts the down OSD first on its host
        robot.clickOn(header("#cephOsdTree", "Status"));
        WaitForAsyncUtils.waitForFxEvents();
        waitFor(() -> "osd.7".equals(host0.getChildren().get(0).getValue().name()), "sorted by status");
        robot.interact(() -> osdTree.scrollTo(0));
        shotOf("#cephOsdTree", "osds-1000");

        // a re-read of the same layout updates the rows in place: the same items, still sorted
        CephClusterGenerator later = new CephClusterGenerator(1000, 100_000, 32, 1);
        CephOsdTree next = later.parsedOsdTree();
        fake.osdTreeAnswer = next;
        long reads = fake.calls.stream().filter("osdTree"::equals).count();
        robot.clickOn("#cephOsdRefresh");
        waitFor(() -> fake.calls.stream().filter("osdTree"::equals).count() > reads
                && o(osdTree).getValue() == rootItem.getValue() && host0.getChildren().get(1).getValue().equals(
                        next.roots().get(0).children().get(0).children().get(0)), "re-read and applied");
        assertSame(rootItem, osdTree.getRoot().getChildren().get(0), "the same rows");
        assertSame(host0, rootItem.getChildren().get(0));
        assertSame(osd7, host0.getChildren().get(0), "still sorted, the down OSD first");

        selectTab(3);
        @SuppressWarnings("unchecked")
        TableView<CephPools.Detail> pools = robot.lookup("#cephPoolsTable").queryAs(TableView.class);
        waitFor(() -> pools.getItems().size() == 32, "32 pools");
        assertEquals("pool-000", pools.getItems().get(0).name());
        robot.clickOn(header("#cephPoolsTable", "Pool"));
        robot.clickOn(header("#cephPoolsTable", "Pool"));
        waitFor(() -> "pool-031".equals(pools.getItems().get(0).name()), "sorted by name, descending");
        assertTrue(texts("#cephPoolsTable .table-cell").contains("3125"), "the PG count per pool is shown");
    }

    @Test
    void editAndRemoveASavedClusterFromTheTree() throws Exception {
        CephClusterSettings prod = new CephClusterSettings("prod-id", "prod", null, null, List.of("127.0.0.1:6789"), "rackdesk", null, 5, true,
                true);
        fake.keyring.put(prod.keyAccount(), KEY);
        open(prod);
        waitFor(() -> fake.listeners.containsKey("prod-id"), "watched with the stored key");
        fake.publish("prod-id", CephClusterState.Phase.CONNECTED, FakeCephClusters.healthy(), CephRates.UNKNOWN, null, null);
        waitFor(() -> treeTexts().contains("prod · HEALTH_OK"), "in the tree");

        menuItem(treeCell("prod · HEALTH_OK"), "cephEditCluster", "Edit cluster…");
        waitFor(() -> robot.lookup("#cephName").tryQuery().isPresent(), "the edit dialog");
        assertEquals("prod", robot.lookup("#cephName").queryAs(TextField.class).getText());
        assertEquals("127.0.0.1:6789", robot.lookup("#cephMonitors").queryAs(TextField.class).getText());
        assertEquals("rackdesk", robot.lookup("#cephClientId").queryAs(TextField.class).getText());
        PasswordField key = robot.lookup("#cephKey").queryAs(PasswordField.class);
        assertEquals("", key.getText());
        assertEquals("stored in keyring", key.getPromptText());
        assertTrue(key.isDisabled(), "the stored key is kept unless replaced");
        assertTrue(robot.lookup("#cephKey").queryAs(Node.class).getParent().isVisible());
        assertFalse(robot.lookup("#cephKeyFile").queryAs(Node.class).getParent().isVisible(), "no key file in this mode");
        waitFor(() -> robot.lookup("#cephKeyPlacement").queryAs(Labeled.class).getText().startsWith("The key is kept in"),
                "where the key is kept");
        assertEquals("Save", robot.lookup("#cephSave").queryAs(Labeled.class).getText());

        shotOf("#cephName", "edit");
        robot.interact(() -> robot.lookup("#cephName").queryAs(TextField.class).setText("prod-eu"));
        robot.clickOn("#cephReplaceKey");
        assertTrue(robot.lookup("#cephReplaceKey").queryAs(CheckBox.class).isSelected());
        assertFalse(key.isDisabled());
        robot.interact(() -> key.setText(NEW_KEY));
        robot.clickOn("#cephSave");
        waitFor(() -> treeTexts().stream().anyMatch(t -> t.startsWith("prod-eu · ")), "renamed: " + treeTexts());
        assertTrue(fake.calls.contains("unwatch prod-id"), "the old worker stopped");
        waitFor(() -> fake.calls.stream().filter("watch prod-id"::equals).count() == 2, "a new one started");
        assertEquals(Optional.of(NEW_KEY), fake.keyring.get(prod.keyAccount()));
        waitFor(() -> Files.exists(store.file()) && store.load().settings().cephClusters().get(0).name().equals("prod-eu"), "saved");
        String json = Files.readString(store.file());
        assertFalse(json.contains(NEW_KEY) || json.contains(KEY), "no key in settings.json");

        String line = treeTexts().stream().filter(t -> t.startsWith("prod-eu · ")).findFirst().orElseThrow();
        menuItem(treeCell(line), "cephRemoveCluster", "Remove cluster…");
        waitFor(() -> treeTexts().stream().noneMatch(t -> t.startsWith("prod-eu")), "removed");
        assertTrue(dialogs.shown.stream().anyMatch(x -> x.startsWith("confirm: Remove prod-eu")), dialogs.shown.toString());
        waitFor(() -> fake.keyring.get(prod.keyAccount()).isEmpty(), "its key left the keyring");
    }

    /** Chooses an item of a tree cell's context menu (the edit dialog is modal: fired without waiting for it). */
    private void menuItem(Node cell, String id, String text) {
        javafx.scene.control.MenuItem item = ((javafx.scene.control.Control) cell).getContextMenu().getItems().stream()
                .filter(i -> id.equals(i.getId())).findFirst().orElseThrow(() -> new AssertionError("no menu item " + id));
        assertEquals(text, item.getText());
        Platform.runLater(item::fire);
    }

    private static TreeItem<CephOsdTree.Node> o(TreeTableView<CephOsdTree.Node> t) {
        return t.getRoot().getChildren().get(0);
    }

    /** With -Drackdesk.screenshot.ceph=DIR: the window holding {@code query} as DIR/screenshot-ceph-NAME.png. */
    private void shotOf(String query, String name) {
        String dir = System.getProperty("rackdesk.screenshot.ceph");
        if (dir != null) {
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> Screenshots.write(robot.lookup(query).query().getScene(), Path.of(dir, "screenshot-ceph-" + name + ".png")));
        }
    }

    private void selectTab(int i) {
        robot.interact(() -> robot.lookup("#cephTabs").queryAs(TabPane.class).getSelectionModel().select(i));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Node header(String table, String text) {
        return robot.lookup(table + " .column-header .label").queryAllAs(Labeled.class).stream().filter(l -> text.equals(l.getText()))
                .findFirst().orElseThrow(() -> new AssertionError("no column " + text));
    }

    private Set<String> treeTexts() {
        return texts("#navigation .tree-cell");
    }

    private Node treeCell(String text) {
        return robot.lookup("#navigation .tree-cell").queryAllAs(Labeled.class).stream().filter(c -> text.equals(c.getText()))
                .findFirst().orElseThrow(() -> new AssertionError("no tree cell '" + text + "'"));
    }

    private Set<String> texts(String query) {
        return robot.lookup(query).queryAllAs(Labeled.class).stream().filter(Node::isVisible).map(Labeled::getText)
                .filter(t -> t != null && !t.isEmpty()).collect(Collectors.toSet());
    }
}
