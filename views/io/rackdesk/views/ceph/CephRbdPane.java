package io.rackdesk.views.ceph;

import io.rackdesk.app.ceph.rbd.RbdImageRef;
import io.rackdesk.app.ceph.rbd.RbdImageSummary;
import io.rackdesk.app.ceph.rbd.RbdSnapshot;
import io.rackdesk.app.ceph.rbd.RbdTree;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.model.Sizes;
import io.rackdesk.viewmodels.ceph.CephRbdViewModel;
import io.rackdesk.views.icons.RackdeskIcon;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The RBD images tab of a cluster's page: pool chooser, the pool's image table, the tree of
 * parents, snapshots and clones across the image pools, details of the selection, the actions and a
 * flatten's progress with Cancel. Table and tree select through the ViewModel, so each follows the other.
 */
final class CephRbdPane {
    private final CephRbdViewModel vm;
    private final Localization l10n;
    private final Supplier<Window> window;
    private final TableView<RbdImageSummary> table;
    private final TreeTableView<RbdTree.Node> tree;
    private boolean syncing;

    CephRbdPane(CephRbdViewModel vm, Localization l10n, Supplier<Window> window, VBox box) {
        this.vm = vm;
        this.l10n = l10n;
        this.window = window;
        this.table = table();
        this.tree = tree();

        ComboBox<String> pool = new ComboBox<>(vm.poolNames());
        pool.setId("rbdPool");
        pool.valueProperty().bindBidirectional(vm.poolProperty());
        pool.setPrefWidth(160);
        Label poolLabel = new Label(l10n.lang("ceph.rbd.pool"));
        var image = vm.selectedImageProperty();
        var snapshot = vm.selectedSnapshotProperty();
        Button refresh = button("toolbar.refresh", RackdeskIcon.REFRESH, "rbdRefresh", vm::refresh);
        Button create = button("ceph.rbd.create.button", RackdeskIcon.ADD, "rbdCreate",
                () -> RbdImageDialog.show(window.get(), vm, vm.newImageForm(), l10n));
        create.disableProperty().bind(vm.poolProperty().isNull());
        Button resize = imageButton("ceph.rbd.resize.button", RackdeskIcon.RESIZE, "rbdResize", vm::resize);
        Button delete = imageButton("ceph.rbd.delete.button", RackdeskIcon.REMOVE, "rbdDelete", vm::delete);
        Button flatten = button("ceph.rbd.flatten.button", RackdeskIcon.FLATTEN, "rbdFlatten", vm::flatten);
        flatten.disableProperty().bind(Bindings.createBooleanBinding(() -> image.get() == null || image.get().parent() == null
                || vm.flatteningProperty().get(), image, vm.flatteningProperty()));
        Button attach = button("ceph.rbd.attach.button", RackdeskIcon.ATTACH_DISK, "rbdAttach", vm::attach);
        attach.disableProperty().bind(image.isNull().or(vm.attachHandlerProperty().isNull()));
        Button snap = imageButton("ceph.rbd.snap.button", RackdeskIcon.RBD_SNAPSHOT, "rbdSnapCreate", vm::createSnapshot);
        Button protect = snapButton("ceph.rbd.protect.button", RackdeskIcon.PROTECT, "rbdProtect", vm::protect);
        protect.disableProperty().bind(Bindings.createBooleanBinding(() -> snapshot.get() == null || snapshot.get().isProtected(), snapshot));
        Button unprotect = snapButton("ceph.rbd.unprotect.button", RackdeskIcon.UNPROTECT, "rbdUnprotect", vm::unprotect);
        unprotect.disableProperty().bind(Bindings.createBooleanBinding(() -> snapshot.get() == null || !snapshot.get().isProtected(), snapshot));
        Button rollback = snapButton("ceph.rbd.rollback.button", RackdeskIcon.ROLLBACK, "rbdRollback", vm::rollback);
        Button snapDelete = snapButton("ceph.rbd.snapDelete.button", RackdeskIcon.REMOVE, "rbdSnapDelete", vm::deleteSnapshot);
        Button clone = button("ceph.rbd.clone.button", RackdeskIcon.CLONE, "rbdClone",
                () -> RbdImageDialog.show(window.get(), vm, vm.cloneForm(), l10n));
        clone.disableProperty().bind(Bindings.createBooleanBinding(() -> snapshot.get() == null || !snapshot.get().isProtected(), snapshot));

        // while an action's result is being read back, the selection may be stale: its actions wait
        HBox imageActions = new HBox(6, create, resize, delete, flatten, attach);
        imageActions.disableProperty().bind(vm.busyProperty());
        HBox imageBar = new HBox(6, poolLabel, pool, refresh, new Separator(Orientation.VERTICAL), imageActions);
        imageBar.setAlignment(Pos.CENTER_LEFT);
        HBox snapBar = new HBox(6, snap, protect, unprotect, clone, rollback, snapDelete);
        snapBar.setAlignment(Pos.CENTER_LEFT);
        snapBar.disableProperty().bind(vm.busyProperty());

        ProgressBar progress = new ProgressBar();
        progress.setId("rbdFlattenProgress");
        progress.setPrefWidth(260);
        progress.progressProperty().bind(vm.flattenProgressProperty());
        Label progressText = new Label();
        progressText.setId("rbdFlattenText");
        progressText.textProperty().bind(vm.flattenTextProperty());
        Button cancel = button("ceph.rbd.flatten.cancel", RackdeskIcon.CANCEL, "rbdFlattenCancel", vm::cancelFlatten);
        HBox flattenBar = new HBox(8, progress, progressText, cancel);
        flattenBar.setAlignment(Pos.CENTER_LEFT);
        flattenBar.visibleProperty().bind(vm.flatteningProperty());
        flattenBar.managedProperty().bind(flattenBar.visibleProperty());

        Label message = new Label();
        message.setId("rbdMessage");
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add("text-muted");
        message.setWrapText(true);

        Label treeHeading = new Label(l10n.lang("ceph.rbd.tree"));
        treeHeading.getStyleClass().add("title-4");
        Label details = new Label();
        details.setId("rbdDetails");
        details.setWrapText(true);
        details.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        details.textProperty().bind(Bindings.createStringBinding(() -> vm.detailsProperty().get().isEmpty()
                ? l10n.lang("ceph.rbd.noSelection") : vm.detailsProperty().get(), vm.detailsProperty()));
        details.setMaxWidth(Double.MAX_VALUE);
        VBox detailsBox = new VBox(details);
        detailsBox.setPrefWidth(330);
        detailsBox.setMinWidth(240);
        detailsBox.getStyleClass().add("rbd-details");
        HBox below = new HBox(10, tree, detailsBox);
        HBox.setHgrow(tree, Priority.ALWAYS);
        VBox bottom = new VBox(6, treeHeading, below);
        VBox.setVgrow(below, Priority.ALWAYS);
        // the pool's table above, the tree across pools below: both get the full width for names and features
        SplitPane split = new SplitPane(table, bottom);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.38);
        VBox.setVgrow(split, Priority.ALWAYS);
        box.getChildren().addAll(imageBar, snapBar, flattenBar, message, split);
        wireSelection();
    }

    private TableView<RbdImageSummary> table() {
        TableView<RbdImageSummary> t = new TableView<>(vm.images());
        t.setId("rbdImageTable");
        t.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.createStringBinding(() -> !vm.loadedProperty().get() ? l10n.lang("ceph.rbd.loading")
                : vm.poolNames().isEmpty() ? l10n.lang("ceph.rbd.noPools") : l10n.lang("ceph.rbd.noImages"), vm.poolNames(),
                vm.loadedProperty()));
        placeholder.getStyleClass().add("table-placeholder");
        t.setPlaceholder(placeholder);
        // a click on the row that is already selected (it stays selected while one of its snapshots is) picks the image itself
        t.setRowFactory(v -> {
            javafx.scene.control.TableRow<RbdImageSummary> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (row.getItem() != null && vm.selectedSnapshotProperty().get() != null) {
                    vm.select(row.getItem().ref(), null);
                }
            });
            return row;
        });
        t.getColumns().add(column("ceph.rbd.col.image", RbdImageSummary::name, 180, false));
        t.getColumns().add(column("ceph.rbd.col.size", i -> Sizes.bytes(i.size()), 85, true));
        t.getColumns().add(column("ceph.rbd.col.used", i -> i.usedBytes() == null ? l10n.lang("ceph.rbd.usedUnknown")
                : l10n.lang("ceph.rbd.usedOf", Sizes.bytes(i.usedBytes()), i.size() == 0 ? 0 : Math.round(100.0 * i.usedBytes() / i.size())),
                140, true));
        t.getColumns().add(column("ceph.rbd.col.snapshots", i -> Integer.toString(i.snapshots().size()), 95, true));
        t.getColumns().add(column("ceph.rbd.col.parent", i -> i.parent() == null ? "" : i.parent().toString(), 160, false));
        t.getColumns().add(column("ceph.rbd.col.features", i -> String.join(", ", i.featureNames()), 300, false));
        return t;
    }

    private TreeTableView<RbdTree.Node> tree() {
        TreeTableView<RbdTree.Node> t = new TreeTableView<>();
        t.setId("rbdTree");
        t.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
        t.setShowRoot(false);
        t.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.getColumns().add(treeColumn("ceph.rbd.col.node", n -> switch (n.kind()) {
            case IMAGE -> n.ref().toString();
            case SNAPSHOT -> "@" + n.snapshot().name();
            case UNLISTED -> n.ref().toString();
        }, 330));
        t.getColumns().add(treeColumn("ceph.rbd.col.size", n -> switch (n.kind()) {
            case IMAGE -> Sizes.bytes(n.image().size());
            case SNAPSHOT -> Sizes.bytes(n.snapshot().size());
            case UNLISTED -> "";
        }, 80));
        t.getColumns().add(treeColumn("ceph.rbd.col.state", n -> switch (n.kind()) {
            case IMAGE -> n.parentMissing() ? l10n.lang("ceph.rbd.parentMissing", n.image().parent()) : "";
            case SNAPSHOT -> n.snapshot().isProtected() ? l10n.lang("ceph.rbd.protectedMark") : "";
            case UNLISTED -> l10n.lang("ceph.rbd.notListed");
        }, 120));
        Runnable fill = () -> {
            TreeItem<RbdTree.Node> root = new TreeItem<>();
            vm.treeProperty().get().roots().forEach(r -> root.getChildren().add(item(r)));
            syncing = true;
            t.setRoot(root);
            syncing = false;
            if (tree != null) { // not while the pane is being built
                showSelection();
            }
        };
        vm.treeProperty().addListener(o -> fill.run());
        fill.run();
        return t;
    }

    private void wireSelection() {
        table.getSelectionModel().selectedItemProperty().addListener((o, a, i) -> {
            if (!syncing && i != null) {
                vm.select(i.ref(), null);
            }
        });
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, i) -> {
            if (syncing || i == null || i.getValue() == null) {
                return;
            }
            RbdTree.Node n = i.getValue();
            vm.select(n.ref(), n.kind() == RbdTree.Kind.SNAPSHOT ? n.snapshot().name() : null);
        });
        vm.selectedImageProperty().addListener(o -> showSelection());
        vm.selectedSnapshotProperty().addListener(o -> showSelection());
        vm.images().addListener((javafx.collections.ListChangeListener<RbdImageSummary>) c -> showSelection());
    }

    /** Shows the ViewModel's selection in the table and the tree without feeding it back. */
    private void showSelection() {
        RbdImageSummary img = vm.selectedImageProperty().get();
        RbdSnapshot snap = vm.selectedSnapshotProperty().get();
        syncing = true;
        try {
            RbdImageRef ref = img == null ? null : img.ref();
            RbdImageSummary row = ref == null ? null : vm.images().stream().filter(i -> i.ref().equals(ref)).findFirst().orElse(null);
            if (row == null) {
                table.getSelectionModel().clearSelection();
            } else if (table.getSelectionModel().getSelectedItem() != row) {
                table.getSelectionModel().select(row);
            }
            TreeItem<RbdTree.Node> item = ref == null ? null : find(tree.getRoot(), ref, snap == null ? null : snap.name());
            if (item == null) {
                tree.getSelectionModel().clearSelection();
            } else if (tree.getSelectionModel().getSelectedItem() != item) {
                tree.getSelectionModel().select(item);
            }
        } finally {
            syncing = false;
        }
    }

    private static TreeItem<RbdTree.Node> find(TreeItem<RbdTree.Node> at, RbdImageRef ref, String snap) {
        if (at == null) {
            return null;
        }
        for (TreeItem<RbdTree.Node> c : at.getChildren()) {
            RbdTree.Node n = c.getValue();
            boolean hit = n.ref().equals(ref) && (snap == null ? n.kind() == RbdTree.Kind.IMAGE
                    : n.kind() == RbdTree.Kind.SNAPSHOT && n.snapshot().name().equals(snap));
            if (hit) {
                return c;
            }
            TreeItem<RbdTree.Node> deeper = find(c, ref, snap);
            if (deeper != null) {
                return deeper;
            }
        }
        return null;
    }

    private static TreeItem<RbdTree.Node> item(RbdTree.Node n) {
        TreeItem<RbdTree.Node> i = new TreeItem<>(n);
        i.setExpanded(true);
        n.children().forEach(c -> i.getChildren().add(item(c)));
        return i;
    }

    private Button button(String key, RackdeskIcon icon, String id, Runnable action) {
        return CephControls.button(l10n, key, icon, id, action);
    }

    private Button imageButton(String key, RackdeskIcon icon, String id, Runnable action) {
        Button b = button(key, icon, id, action);
        b.disableProperty().bind(vm.selectedImageProperty().isNull().or(vm.selectedSnapshotProperty().isNotNull()));
        return b;
    }

    private Button snapButton(String key, RackdeskIcon icon, String id, Runnable action) {
        Button b = button(key, icon, id, action);
        b.disableProperty().bind(vm.selectedSnapshotProperty().isNull());
        return b;
    }

    private TableColumn<RbdImageSummary, String> column(String key, Function<RbdImageSummary, String> value, double width, boolean numeric) {
        return CephControls.column(l10n, key, value, width, numeric);
    }

    private TreeTableColumn<RbdTree.Node, String> treeColumn(String key, Function<RbdTree.Node, String> value, double width) {
        return CephControls.treeColumn(l10n, key, value, width, false);
    }
}
