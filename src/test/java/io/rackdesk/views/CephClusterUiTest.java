package io.rackdesk.views;

import static io.rackdesk.testsupport.FxWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.ceph.CephOsdTree;
import io.rackdesk.app.settings.AppDirs;
import io.rackdesk.app.settings.CephClusterSettings;
import io.rackdesk.app.settings.SettingsStore;
import io.rackdesk.testsupport.CephLab;
import io.rackdesk.testsupport.MainWindowFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.PieChart;
import javafx.scene.control.Labeled;
import javafx.scene.control.Spinner;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.TreeView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real main window (headless) with the real Ceph lab cluster: add it from the toolbar, then see its
 * health, PG counts, OSD tree and pools. With -Drackdesk.screenshot.ceph=DIR it writes the docs
 * screenshots (screenshot-ceph-*.png) there.
 */
class CephClusterUiTest {
    @TempDir
    Path root;
    private final FxRobot robot = new FxRobot();
    private MainWindowFixture app;

    @AfterEach
    void close() throws Exception {
        MainWindowFixture.cleanUp(app);
    }

    @Test
    void addTheLabClusterAndSeeHealthPgsOsdTreeAndPools() throws Exception {
        CephLab.require();
        for (var p : CephLab.cli("osd", "pool", "ls")) {
            if (p.asText().equals("rackdesk-ui-pool")) { // left by an interrupted run
                CephLab.cli("osd", "pool", "delete", "rackdesk-ui-pool", "rackdesk-ui-pool", "--yes-i-really-really-mean-it");
            }
        }
        app = MainWindowFixture.prepare(root, Locale.ENGLISH);
        app.show();

        robot.clickOn("#addCephButton");
        waitFor(() -> robot.lookup("#cephName").tryQuery().isPresent(), "the Add Ceph cluster dialog");
        robot.interact(() -> {
            robot.lookup("#cephName").queryAs(TextField.class).setText("lab");
            robot.lookup("#cephConf").queryAs(TextField.class).setText(CephLab.conf().toString());
            robot.lookup("#cephKeyring").queryAs(TextField.class).setText(CephLab.keyring().toString());
            robot.lookup("#cephPoll").queryAs(Spinner.class).getValueFactory().setValue(5); // the default; the manager publishes PG statistics about every 5 s
        });
        // a keyring that is not there: the core's message, and the dialog stays open
        robot.interact(() -> robot.lookup("#cephKeyring").queryAs(TextField.class).setText(root.resolve("missing.keyring").toString()));
        robot.clickOn("#cephSave");
        Labeled message = robot.lookup("#cephDialogMessage").queryAs(Labeled.class);
        waitFor(() -> message.getText().startsWith("keyring not found: "), "the missing keyring is reported");
        robot.interact(() -> robot.lookup("#cephKeyring").queryAs(TextField.class).setText(CephLab.keyring().toString()));
        robot.clickOn("#cephTest");
        waitFor(() -> message.getText().startsWith("Connected: HEALTH_OK, 3 of 3 OSDs up"), "test connection: " + message.getText());
        robot.clickOn("#cephSave");

        waitFor(() -> treeTexts().contains("lab · HEALTH_OK"), "the cluster in the tree with its health");
        waitFor(() -> robot.lookup("#statusBar").queryAs(org.controlsfx.control.StatusBar.class).getText()
                .contains("Ceph: 1 of 1 clusters connected"), "the status bar counts the cluster");
        SettingsStore store = new SettingsStore(AppDirs.under(root).settingsFile());
        waitFor(() -> store.load().settings().cephClusters().size() == 1, "saved");
        CephClusterSettings saved = store.load().settings().cephClusters().get(0);
        assertEquals(CephLab.keyring().toString(), saved.keyring());
        String json = Files.readString(AppDirs.under(root).settingsFile());
        String key = Files.readString(Path.of(CephLab.get("RACKDESK_CEPH_KEY_FILE"))).strip();
        assertFalse(json.contains(key), "the key never reaches settings.json");

        robot.clickOn(treeCell("lab · HEALTH_OK"));
        waitFor(() -> "HEALTH_OK".equals(robot.lookup("#cephHealthBadge").queryAs(Labeled.class).getText()), "the health badge");
        waitFor(() -> texts("#cephFacts .label").containsAll(List.of("3 up, 3 in, of 3", "1 of 1 in quorum", "x active, 0 standby")),
                "services: " + texts("#cephFacts .label"));
        assertTrue(robot.lookup("#cephCapacityText").queryAs(Labeled.class).getText().contains("total"));

        // client I/O for the charts: another client reads and writes in place over the 32 MiB image until they fill
        Process bench = new ProcessBuilder("timeout", "90", "rbd", "-c", CephLab.conf().toString(), "-k", CephLab.keyring().toString(),
                "bench", "--io-type", "readwrite", "--rw-mix-read", "30", "--io-size", "4K", "--io-threads", "1", "--io-total", "256M",
                "--io-pattern", "rand", "rbd/img1")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        LineChart<?, ?> throughput = robot.lookup("#cephThroughputChart").queryAs(LineChart.class);
        // a rate needs two polls 5 s apart: a few points take longer than waitFor's 20 s
        try {
            WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS, () ->
                    throughput.getData().get(1).getData().stream().filter(d -> ((Number) d.getYValue()).doubleValue() > 0).count() >= 4);
        } finally {
            // only a load for the charts: how far it got does not matter (on a busy CI machine 256M takes longer than 90 s)
            bench.destroy();
            bench.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        shot("health");
        selectTab(0);
        robot.clickOn("#themeButton");
        WaitForAsyncUtils.waitForFxEvents();
        shot("health-dark");
        robot.clickOn("#themeButton");
        WaitForAsyncUtils.waitForFxEvents();

        selectTab(1);
        PieChart pie = robot.lookup("#cephPgChart").queryAs(PieChart.class);
        waitFor(() -> pie.getData().size() == 1 && pie.getData().get(0).getPieValue() > 0, "the PG chart");
        int pgs = CephLab.cli("pg", "stat").path("pg_summary").path("num_pgs").asInt();
        assertEquals("Clean " + pgs, pie.getData().get(0).getName());
        TableView<?> states = robot.lookup("#cephPgStates").queryAs(TableView.class);
        waitFor(() -> states.getItems().size() == 1, "one state: active+clean");
        TableView<?> perPool = robot.lookup("#cephPgPools").queryAs(TableView.class);
        waitFor(() -> perPool.getItems().size() == 4, "PGs of the 4 pools");
        TableView<?> list = robot.lookup("#cephPgList").queryAs(TableView.class);
        waitFor(() -> list.getItems().size() == pgs, "every PG listed");
        shot("pgs");

        selectTab(2);
        @SuppressWarnings("unchecked")
        TreeTableView<CephOsdTree.Node> osdTree = robot.lookup("#cephOsdTree").queryAs(TreeTableView.class);
        waitFor(() -> osdTree.getRoot() != null && osdTree.getRoot().getChildren().size() == 1, "the OSD tree");
        TreeItem<CephOsdTree.Node> defaultRoot = osdTree.getRoot().getChildren().get(0);
        assertEquals("root", defaultRoot.getValue().type());
        assertEquals(1, defaultRoot.getChildren().size());
        TreeItem<CephOsdTree.Node> host = defaultRoot.getChildren().get(0);
        assertEquals("host", host.getValue().type());
        assertEquals(List.of("osd.0", "osd.1", "osd.2"), host.getChildren().stream().map(i -> i.getValue().name()).toList());
        assertTrue(texts("#cephOsdTree .tree-table-cell").contains("up / in"), texts("#cephOsdTree .tree-table-cell").toString());
        assertFalse(robot.lookup("#cephFlag-noout").queryAs(javafx.scene.control.CheckBox.class).isSelected());
        robot.interact(() -> osdTree.getSelectionModel().select(host.getChildren().get(1)));
        shot("osds");

        selectTab(3);
        TableView<?> pools = robot.lookup("#cephPoolsTable").queryAs(TableView.class);
        waitFor(() -> pools.getItems().size() == 4, "4 pools");
        Set<String> cells = texts("#cephPoolsTable .table-cell");
        assertTrue(cells.containsAll(List.of("lab-repl", "lab-ec", "rbd", "erasure", "3 / 2", "replicated")), cells.toString());
        shot("pools");

        // create a pool from the dialog, then delete it by typing its name
        robot.clickOn("#cephPoolCreate");
        waitFor(() -> robot.lookup("#cephPoolName").tryQuery().isPresent(), "the pool dialog");
        robot.interact(() -> {
            robot.lookup("#cephPoolName").queryAs(TextField.class).setText("rackdesk-ui-pool");
            robot.lookup("#cephPoolSize").queryAs(Spinner.class).getValueFactory().setValue(2);
            robot.lookup("#cephPoolPgNum").queryAs(javafx.scene.control.ComboBox.class).setValue(8);
        });
        shotOf("#cephPoolName", "pool-create");
        robot.clickOn("#cephPoolSave");
        waitFor(() -> pools.getItems().size() == 5, "the new pool in the table");
        assertEquals(2, CephLab.cli("osd", "pool", "get", "rackdesk-ui-pool", "size").path("size").asInt());
        @SuppressWarnings("unchecked")
        TableView<io.rackdesk.app.ceph.CephPools.Detail> poolTable = (TableView<io.rackdesk.app.ceph.CephPools.Detail>) pools;
        robot.interact(() -> poolTable.getSelectionModel().select(poolTable.getItems().stream()
                .filter(p -> p.name().equals("rackdesk-ui-pool")).findFirst().orElseThrow()));
        assertFalse(robot.lookup("#cephPoolDelete").queryButton().isDisabled(), "a pool is selected");
        robot.clickOn("#cephPoolDelete");
        waitFor(() -> robot.lookup(".text-input-dialog").tryQuery().isPresent(), "the typed-name question");
        TextField typed = robot.lookup(".text-input-dialog .text-field").queryAs(TextField.class);
        robot.clickOn(typed).write("rackdesk-ui-pool").type(javafx.scene.input.KeyCode.ENTER);
        waitFor(() -> pools.getItems().size() == 4, "the pool is gone");
    }

    private void selectTab(int i) {
        robot.interact(() -> robot.lookup("#cephTabs").queryAs(TabPane.class).getSelectionModel().select(i));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void shot(String name) {
        String dir = System.getProperty("rackdesk.screenshot.ceph");
        if (dir != null) {
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> Screenshots.write(robot.lookup("#navigation").query().getScene(),
                    Path.of(dir, "screenshot-ceph-" + name + ".png")));
        }
    }

    /** The window that holds {@code query} (a dialog). */
    private void shotOf(String query, String name) {
        String dir = System.getProperty("rackdesk.screenshot.ceph");
        if (dir != null) {
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> Screenshots.write(robot.lookup(query).query().getScene(), Path.of(dir, "screenshot-ceph-" + name + ".png")));
        }
    }

    private Set<String> treeTexts() {
        return texts("#navigation .tree-cell");
    }

    private Node treeCell(String text) {
        assertTrue(robot.lookup("#navigation").queryAs(TreeView.class).getRoot() != null);
        return robot.lookup("#navigation .tree-cell").queryAllAs(Labeled.class).stream().filter(c -> text.equals(c.getText()))
                .findFirst().orElseThrow(() -> new AssertionError("no tree cell '" + text + "'"));
    }

    private Set<String> texts(String query) {
        return robot.lookup(query).queryAllAs(Labeled.class).stream().filter(Node::isVisible).map(Labeled::getText)
                .filter(t -> t != null && !t.isEmpty()).collect(Collectors.toSet());
    }
}
