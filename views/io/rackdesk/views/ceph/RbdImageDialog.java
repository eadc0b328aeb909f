package io.rackdesk.views.ceph;

import atlantafx.base.theme.Styles;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.viewmodels.ceph.CephRbdViewModel;
import io.rackdesk.viewmodels.ceph.RbdImageFormViewModel;
import io.rackdesk.views.icons.RackdeskIcon;
import io.rackdesk.views.theme.ThemeManager;
import javafx.beans.property.BooleanProperty;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Create an RBD image (pool, name, size, features) or clone a protected snapshot; stays open with the reason when refused. */
public final class RbdImageDialog {
    private final Dialog<Boolean> dialog = new Dialog<>();
    private boolean saved;

    private RbdImageDialog(CephRbdViewModel rbd, RbdImageFormViewModel form, Localization l10n) {
        String title = form.isClone() ? l10n.lang("ceph.rbd.clone.title", form.cloneOf()) : l10n.lang("ceph.rbd.create.title");
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        dialog.setGraphic((form.isClone() ? RackdeskIcon.CLONE : RackdeskIcon.VOLUME).node());
        dialog.setResizable(true);

        ComboBox<String> pool = new ComboBox<>();
        pool.setId("rbdFormPool");
        pool.getItems().setAll(form.pools());
        pool.valueProperty().bindBidirectional(form.poolProperty());
        TextField name = new TextField();
        name.setId("rbdFormName");
        name.textProperty().bindBidirectional(form.nameProperty());
        TextField size = new TextField();
        size.setId("rbdFormSize");
        size.setPromptText(l10n.lang("ceph.rbd.form.sizePrompt"));
        size.textProperty().bindBidirectional(form.sizeProperty());
        FlowPane features = new FlowPane(12, 6);
        features.getChildren().addAll(feature("layering", form.layeringProperty()), feature("exclusive-lock", form.exclusiveLockProperty()),
                feature("object-map", form.objectMapProperty()), feature("fast-diff", form.fastDiffProperty()),
                feature("deep-flatten", form.deepFlattenProperty()), feature("journaling", form.journalingProperty()));
        features.setPrefWrapLength(380);

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        grid.getColumnConstraints().add(labels);
        int row = 0;
        if (form.isClone()) {
            grid.addRow(row++, new Label(l10n.lang("ceph.rbd.clone.from")), new Label(form.cloneOf().toString()));
        }
        grid.addRow(row++, new Label(l10n.lang("ceph.rbd.form.pool")), pool);
        grid.addRow(row++, new Label(l10n.lang("ceph.rbd.form.name")), name);
        if (!form.isClone()) {
            grid.addRow(row++, new Label(l10n.lang("ceph.rbd.form.size")), size);
            grid.addRow(row++, new Label(l10n.lang("ceph.rbd.form.features")), features);
        }
        Label message = new Label();
        message.setId("rbdFormMessage");
        message.setWrapText(true);
        message.getStyleClass().add("page-error");
        message.textProperty().bind(form.messageProperty());
        VBox content = new VBox(10, grid, message);
        content.setPrefWidth(520);
        dialog.getDialogPane().setContent(content);
        ButtonType saveType = new ButtonType(l10n.lang(form.isClone() ? "ceph.rbd.clone.action" : "ceph.rbd.create.action"),
                ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(saveType, new ButtonType(l10n.lang("common.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE));
        ThemeManager.addAppStylesheet(dialog.getDialogPane());
        dialog.setResultConverter(b -> b == saveType && saved);
        Button save = (Button) dialog.getDialogPane().lookupButton(saveType);
        save.setId("rbdFormSave");
        save.getStyleClass().add(Styles.ACCENT);
        // the cluster answers later: close only once it has the image
        save.addEventFilter(ActionEvent.ACTION, e -> {
            if (!saved) {
                e.consume();
                rbd.save(form, () -> {
                    saved = true;
                    dialog.setResult(true);
                });
            }
        });
    }

    public static void show(Window owner, CephRbdViewModel rbd, RbdImageFormViewModel form, Localization l10n) {
        if (form == null) {
            return;
        }
        RbdImageDialog d = new RbdImageDialog(rbd, form, l10n);
        if (owner != null) {
            d.dialog.initOwner(owner);
        }
        d.dialog.showAndWait();
    }

    private static CheckBox feature(String name, BooleanProperty on) {
        CheckBox box = new CheckBox(name);
        box.setId("rbdFeature-" + name);
        box.selectedProperty().bindBidirectional(on);
        return box;
    }
}
