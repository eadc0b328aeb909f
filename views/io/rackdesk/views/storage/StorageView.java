package io.rackdesk.views.storage;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.model.Sizes;
import io.rackdesk.app.model.StoragePoolSummary;
import io.rackdesk.app.model.VolumeSummary;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.views.ViewLoader;
import io.rackdesk.views.ViewSupport;
import static io.rackdesk.views.ViewSupport.orDash;
import io.rackdesk.views.icons.RackdeskIcon;
import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.VBox;

/** A host's storage pools with their volumes and backing files (Storage.fxml). */
public final class StorageView {
    private final Localization l10n;
    private final VBox root;
    private final InvalidationListener rebuild = obs -> rebuild();
    private ConnectionViewModel connection;

    @FXML private Label title;
    @FXML private Label error;
    @FXML private TreeTableView<Row> tree;
    @FXML private TreeTableColumn<Row, String> nameColumn;
    @FXML private TreeTableColumn<Row, String> typeColumn;
    @FXML private TreeTableColumn<Row, String> capacityColumn;
    @FXML private TreeTableColumn<Row, String> allocationColumn;
    @FXML private TreeTableColumn<Row, String> pathColumn;
    @FXML private TreeTableColumn<Row, String> backingColumn;

    /** A pool row (volume null) or a volume row. */
    public record Row(StoragePoolSummary pool, VolumeSummary volume) {
    }

    public StorageView(Localization l10n) {
        this.l10n = l10n;
        this.root = ViewLoader.load(this, "Storage.fxml", l10n);
    }

    public VBox root() {
        return root;
    }

    @FXML
    private void initialize() {
        column(nameColumn, r -> r.volume() != null ? r.volume().name() : r.pool().name());
        column(typeColumn, r -> r.volume() != null ? orDash(r.volume().format())
                : r.pool().type() + (r.pool().active() ? "" : " (" + l10n.lang("storage.inactive") + ")"));
        column(capacityColumn, r -> Sizes.bytes(r.volume() != null ? r.volume().capacityBytes() : r.pool().capacityBytes()));
        column(allocationColumn, r -> r.volume() != null ? Sizes.bytes(r.volume().allocationBytes())
                : l10n.lang("storage.poolUsage", Sizes.bytes(r.pool().allocationBytes()), Sizes.bytes(r.pool().availableBytes())));
        column(pathColumn, r -> r.volume() != null ? orDash(r.volume().path()) : orDash(r.pool().targetPath()));
        column(backingColumn, r -> r.volume() != null ? orDash(r.volume().backingPath()) : "");
        tree.setShowRoot(false);
        tree.setPlaceholder(new Label(l10n.lang("storage.empty")));
    }

    /** Shows {@code c}'s pools (read when the page was opened) and follows their changes. */
    public void setConnection(ConnectionViewModel c) {
        if (connection != null) {
            connection.storagePools().removeListener(rebuild);
        }
        connection = c;
        title.setText(l10n.lang("storage.title", c.name()));
        ViewSupport.bindError(error, c.listErrorProperty());
        c.storagePools().addListener(rebuild);
        rebuild();
    }

    private void rebuild() {
        TreeItem<Row> top = new TreeItem<>();
        for (StoragePoolSummary pool : connection.storagePools()) {
            TreeItem<Row> poolItem = new TreeItem<>(new Row(pool, null), RackdeskIcon.POOL.node());
            poolItem.setExpanded(true);
            for (VolumeSummary v : pool.volumes()) {
                poolItem.getChildren().add(new TreeItem<>(new Row(pool, v), RackdeskIcon.VOLUME.node()));
            }
            top.getChildren().add(poolItem);
        }
        tree.setRoot(top);
    }

    private static void column(TreeTableColumn<Row, String> col, Function<Row, String> value) {
        col.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue() == null ? "" : value.apply(c.getValue().getValue())));
    }
}
