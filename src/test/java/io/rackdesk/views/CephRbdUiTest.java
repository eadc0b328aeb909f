package io.rackdesk.views;

import static io.rackdesk.testsupport.FxWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.ceph.rbd.RbdImageSummary;
import io.rackdesk.app.ceph.rbd.RbdTree;
import io.rackdesk.app.settings.AppDirs;
import io.rackdesk.app.settings.CephClusterSettings;
import io.rackdesk.app.settings.Settings;
import io.rackdesk.app.settings.SettingsStore;
import io.rackdesk.testsupport.CephLab;
import io.rackdesk.testsupport.RbdLab;
import io.rackdesk.testsupport.MainWindowFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The RBD images tab of the real main window (headless) on the Ceph lab: create an image from the
 * dialog, snapshot and protect it, clone it into a pool of its own and see the clone under the
 * snapshot in the tree, be told why an image with snapshots cannot be deleted, and delete the clone
 * by typing its name. With -Drackdesk.screenshot.ceph=DIR it writes screenshot-ceph-rbd.png there.
 */
class CephRbdUiTest {
    private static final String POOL = "rbdgui-ui-pool";
    @TempDir
    Path root;
    private final FxRobot robot = new FxRobot();
    private final String tag = "rbdgui-" + UUID.randomUUID().toString().substring(0, 6);
    private MainWindowFixture app;
    private boolean labUsed;

    @AfterEach
    void close() throws Exception {
        MainWindowFixture.cleanUp(app);
        if (labUsed) {
            RbdLab.cleanUp(tag, POOL);
        }
    }

    @Test
    void createSnapshotProtectCloneAcrossPoolsAndDeleteByTypedName() throws Exception {
        CephLab.require();
        labUsed = true;
        RbdLab.createImagePool(POOL);
        new SettingsStore(AppDirs.under(root).settingsFile()).save(Settings.defaults().withCephCluster(new CephClusterSettings(
                "rbdgui-ui", "lab", CephLab.conf().toString(), CephLab.keyring().toString(), List.of(), "admin", null, 5, true)));
        app = MainWindowFixture.prepare(root, Locale.ENGLISH);
        app.show();
        waitFor(() -> treeTexts().stream().anyMatch(t -> t.startsWith("lab · HEALTH_")), "the cluster in the tree: " + treeTexts());
        robot.clickOn(robot.lookup("#navigation .tree-cell").queryAllAs(Labeled.class).stream()
                .filter(c -> c.getText() != null && c.getText().startsWith("lab · HEALTH_")).findFirst().orElseThrow());
        robot.interact(() -> robot.lookup("#cephTabs").queryAs(TabPane.class).getSelectionModel().select(4));

        @SuppressWarnings("unchecked")
        ComboBox<String> pool = robot.lookup("#rbdPool").queryAs(ComboBox.class);
        waitFor(() -> pool.getItems().containsAll(List.of("rbd", POOL)), "the image pools: " + pool.getItems());
        assertFalse(pool.getItems().contains("lab-ec"), "erasure-coded: data only");
        robot.interact(() -> pool.setValue("rbd"));
        @SuppressWarnings("unchecked")
        TableView<RbdImageSummary> table = robot.lookup("#rbdImageTable").queryAs(TableView.class);
        waitFor(() -> names(table).containsAll(List.of("img1", "clone1")), "the lab's images: " + names(table));
        assertTrue(texts("#rbdImageTable .table-cell").contains("rbd/img1@snap1"), "clone1's parent is shown");

        // create an image from the dialog; a bad size first
        robot.clickOn("#rbdCreate");
        waitFor(() -> robot.lookup("#rbdFormName").tryQuery().isPresent(), "the image dialog");
        robot.interact(() -> {
            robot.lookup("#rbdFormName").queryAs(TextField.class).setText(tag + "-base");
            robot.lookup("#rbdFormSize").queryAs(TextField.class).setText("64");
        });
        robot.clickOn("#rbdFormSave");
        Labeled formMessage = robot.lookup("#rbdFormMessage").queryAs(Labeled.class);
        waitFor(() -> formMessage.getText().startsWith("Not a size: 64."), "the size needs a unit: " + formMessage.getText());
        robot.interact(() -> robot.lookup("#rbdFormSize").queryAs(TextField.class).setText("64M"));
        robot.clickOn("#rbdFormSave");
        waitFor(() -> names(table).contains(tag + "-base"), "the new image in the table");
        RbdImageSummary base = table.getItems().stream().filter(i -> i.name().equals(tag + "-base")).findFirst().orElseThrow();
        assertEquals(64L << 20, base.size());

        // snapshot it: select the row, type the snapshot's name
        robot.interact(() -> table.getSelectionModel().select(base));
        robot.clickOn("#rbdSnapCreate");
        typeInTextDialog("s1");
        @SuppressWarnings("unchecked")
        TreeTableView<RbdTree.Node> tree = robot.lookup("#rbdTree").queryAs(TreeTableView.class);
        waitFor(() -> snapItem(tree, "s1").isPresent(), "the snapshot under the image in the tree");
        selectSnap(tree, "s1");
        waitFor(() -> !robot.lookup("#rbdProtect").queryButton().isDisabled(), "Protect enabled for an unprotected snapshot");
        assertTrue(robot.lookup("#rbdClone").queryButton().isDisabled(), "an unprotected snapshot cannot be cloned");
        robot.clickOn("#rbdProtect");
        waitFor(() -> snapItem(tree, "s1").map(i -> i.getValue().snapshot().isProtected()).orElse(false), "s1 protected");
        selectSnap(tree, "s1");
        waitFor(() -> !robot.lookup("#rbdClone").queryButton().isDisabled(), "Clone enabled for a protected snapshot");

        // clone into the other pool: it shows under the snapshot
        robot.clickOn("#rbdClone");
        waitFor(() -> robot.lookup("#rbdFormName").tryQuery().isPresent(), "the clone dialog");
        robot.interact(() -> {
            robot.lookup("#rbdFormPool").queryAs(ComboBox.class).setValue(POOL);
            robot.lookup("#rbdFormName").queryAs(TextField.class).setText(tag + "-clone");
        });
        robot.clickOn("#rbdFormSave");
        waitFor(() -> snapItem(tree, "s1").map(i -> i.getChildren().stream()
                .anyMatch(c -> c.getValue().ref().toString().equals(POOL + "/" + tag + "-clone"))).orElse(false),
                "the clone under the snapshot");
        robot.interact(() -> tree.scrollTo(tree.getRow(snapItem(tree, "s1").orElseThrow()) - 2));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(texts("#rbdTree .tree-table-cell").containsAll(List.of("@s1", "protected", POOL + "/" + tag + "-clone")),
                texts("#rbdTree .tree-table-cell").toString());

        // the docs picture: the table and the tree with clones across pools, the snapshot's details
        selectSnap(tree, "s1");
        Labeled details = robot.lookup("#rbdDetails").queryAs(Labeled.class);
        waitFor(() -> details.getText().contains("1 clone: " + POOL + "/" + tag + "-clone"), "details: " + details.getText());
        shot("rbd");

        // the image has a snapshot: delete explains instead of asking
        // its row is still selected (the snapshot's image): a click on it selects the image itself
        robot.clickOn(robot.lookup("#rbdImageTable .table-cell").queryAllAs(Labeled.class).stream()
                .filter(c -> (tag + "-base").equals(c.getText())).findFirst().orElseThrow());
        waitFor(() -> !robot.lookup("#rbdDelete").queryButton().isDisabled(), "Delete enabled");
        // "Attach to VM…" opens the attach dialog with this cluster and image chosen
        robot.clickOn("#rbdAttach");
        waitFor(() -> robot.lookup("#attachImage").tryQuery().isPresent(), "the attach dialog");
        waitFor(() -> (tag + "-base").equals(robot.lookup("#attachImage").queryComboBox().getValue()), "the image chosen");
        assertEquals("rbd", robot.lookup("#attachPool").queryComboBox().getValue(), "the base image is in pool rbd");
        robot.interact(() -> robot.lookup("#attachImage").query().getScene().getWindow().hide());
        robot.clickOn("#rbdDelete");
        waitFor(() -> texts(".dialog-pane .label").stream().anyMatch(t -> t.startsWith("Cannot delete rbd/" + tag + "-base: it has 1 snapshot (s1).")),
                "the refusal names the snapshot");
        robot.clickOn(robot.lookup(".dialog-pane .button").queryAllAs(Button.class).stream().filter(b -> b.isDefaultButton()
                || "OK".equals(b.getText())).findFirst().orElseThrow());

        // delete the clone by typing its name (selected in the tree: it lives in the other pool)
        robot.interact(() -> tree.getSelectionModel().select(snapItem(tree, "s1").orElseThrow().getChildren().get(0)));
        waitFor(() -> !robot.lookup("#rbdDelete").queryButton().isDisabled(), "Delete enabled for the clone");
        robot.clickOn("#rbdDelete");
        typeInTextDialog(tag + "-clone");
        waitFor(() -> snapItem(tree, "s1").map(i -> i.getChildren().isEmpty()).orElse(false), "the clone is gone");
        waitFor(() -> robot.lookup("#rbdMessage").queryAs(Labeled.class).getText().equals("Image " + POOL + "/" + tag + "-clone deleted."),
                "the outcome");
    }

    private void typeInTextDialog(String text) throws Exception {
        waitFor(() -> robot.lookup(".text-input-dialog").tryQuery().isPresent(), "the text question");
        TextField typed = robot.lookup(".text-input-dialog .text-field").queryAs(TextField.class);
        robot.clickOn(typed).write(text).type(KeyCode.ENTER);
    }

    private Optional<TreeItem<RbdTree.Node>> snapItem(TreeTableView<RbdTree.Node> tree, String snap) {
        return tree.getRoot() == null ? Optional.empty() : items(tree.getRoot())
                .filter(i -> i.getValue() != null && i.getValue().kind() == RbdTree.Kind.SNAPSHOT
                        && i.getValue().ref().image().equals(tag + "-base") && i.getValue().snapshot().name().equals(snap)).findFirst();
    }

    private void selectSnap(TreeTableView<RbdTree.Node> tree, String snap) {
        robot.interact(() -> snapItem(tree, snap).ifPresent(i -> tree.getSelectionModel().select(i)));
    }

    private static Stream<TreeItem<RbdTree.Node>> items(TreeItem<RbdTree.Node> i) {
        return Stream.concat(Stream.of(i), i.getChildren().stream().flatMap(CephRbdUiTest::items));
    }

    private static List<String> names(TableView<RbdImageSummary> table) {
        return table.getItems().stream().map(RbdImageSummary::name).toList();
    }

    private void shot(String name) {
        String dir = System.getProperty("rackdesk.screenshot.ceph");
        if (dir != null) {
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> Screenshots.write(robot.lookup("#navigation").query().getScene(),
                    Path.of(dir, "screenshot-ceph-" + name + ".png")));
        }
    }

    private java.util.Set<String> treeTexts() {
        assertTrue(robot.lookup("#navigation").queryAs(TreeView.class) != null);
        return texts("#navigation .tree-cell");
    }

    private java.util.Set<String> texts(String query) {
        return robot.lookup(query).queryAllAs(Labeled.class).stream().filter(Node::isVisible).map(Labeled::getText)
                .filter(t -> t != null && !t.isEmpty()).collect(java.util.stream.Collectors.toSet());
    }
}
