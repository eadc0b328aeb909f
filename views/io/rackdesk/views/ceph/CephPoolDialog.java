package io.rackdesk.views.ceph;

import atlantafx.base.theme.Styles;
import io.rackdesk.app.ceph.CephPoolActions;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.viewmodels.ceph.CephPoolFormViewModel;
import io.rackdesk.viewmodels.ceph.CephPoolsViewModel;
import io.rackdesk.views.icons.RackdeskIcon;
import io.rackdesk.views.theme.ThemeManager;
import javafx.beans.property.IntegerProperty;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Create a pool (replicated or erasure-coded, PG calculator) or edit one; stays open with the reason when the cluster refuses. */
public final class CephPoolDialog {
    private final Dialog<Boolean> dialog = new Dialog<>();
    private boolean saved;

    private CephPoolDialog(CephPoolsViewModel pools, CephPoolFormViewModel form, Localization l10n) {
        String title = form.isEdit() ? l10n.lang("ceph.pool.edit.title", form.nameProperty().get()) : l10n.lang("ceph.pool.create.title");
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        dialog.setGraphic(RackdeskIcon.STORAGE.node());
        dialog.setResizable(true);

        TextField name = new TextField();
        name.setId("cephPoolName");
        name.textProperty().bindBidirectional(form.nameProperty());
        name.setDisable(form.isEdit());
        ToggleGroup type = new ToggleGroup();
        RadioButton replicated = new RadioButton(l10n.lang("ceph.pools.replicated"));
        replicated.setToggleGroup(type);
        RadioButton erasure = new RadioButton(l10n.lang("ceph.pools.ec"));
        erasure.setId("cephPoolErasure");
        erasure.setToggleGroup(type);
        (form.erasureProperty().get() ? erasure : replicated).setSelected(true);
        type.selectedToggleProperty().addListener((o, a, t) -> form.erasureProperty().set(t == erasure));
        replicated.setDisable(form.isEdit());
        erasure.setDisable(form.isEdit());

        Spinner<Integer> size = spinner("cephPoolSize", form.sizeProperty(), 1, 10);
        Spinner<Integer> minSize = spinner("cephPoolMinSize", form.minSizeProperty(), 1, 10);
        Spinner<Integer> k = spinner("cephPoolK", form.kProperty(), 1, 20);
        Spinner<Integer> m = spinner("cephPoolM", form.mProperty(), 1, 10);
        k.setDisable(form.isEdit());
        m.setDisable(form.isEdit());
        size.disableProperty().bind(form.erasureProperty());
        ComboBox<String> domain = new ComboBox<>();
        domain.getItems().setAll("host", "osd", "rack", "datacenter");
        domain.setEditable(true);
        domain.valueProperty().bindBidirectional(form.failureDomainProperty());
        domain.setDisable(form.isEdit());
        ComboBox<Integer> pgNum = new ComboBox<>();
        pgNum.setId("cephPoolPgNum");
        for (int p = 1; p <= 65536; p <<= 1) {
            pgNum.getItems().add(p);
        }
        pgNum.setValue(form.pgNumProperty().get());
        pgNum.valueProperty().addListener((o, a, v) -> {
            if (v != null) {
                form.pgNumProperty().set(v);
            }
        });
        form.pgNumProperty().addListener((o, a, v) -> pgNum.setValue(v.intValue()));
        Button suggest = new Button(l10n.lang("ceph.poolform.useSuggestion"));
        suggest.setOnAction(e -> form.useSuggestion());
        Label suggestion = new Label();
        suggestion.textProperty().bind(form.suggestionProperty());
        suggestion.getStyleClass().add("text-muted");
        suggestion.setWrapText(true);
        ComboBox<String> autoscale = new ComboBox<>();
        autoscale.getItems().setAll(CephPoolActions.AUTOSCALE_MODES);
        autoscale.valueProperty().bindBidirectional(form.autoscaleProperty());
        ComboBox<String> app = new ComboBox<>();
        app.getItems().setAll("rbd", "rgw", "cephfs", "");
        app.setEditable(true);
        app.valueProperty().bindBidirectional(form.applicationProperty());
        TextField quotaBytes = new TextField();
        quotaBytes.setPromptText(l10n.lang("ceph.poolform.quotaBytesPrompt"));
        quotaBytes.textProperty().bindBidirectional(form.quotaBytesProperty());
        TextField quotaObjects = new TextField();
        quotaObjects.setPromptText(l10n.lang("ceph.poolform.quotaObjectsPrompt"));
        quotaObjects.textProperty().bindBidirectional(form.quotaObjectsProperty());

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // labels stay whole
        grid.getColumnConstraints().add(labels);
        int row = 0;
        grid.addRow(row++, new Label(l10n.lang("ceph.col.pool")), name);
        grid.addRow(row++, new Label(l10n.lang("ceph.col.type")), new HBox(16, replicated, erasure));
        Label sizeLabel = new Label(l10n.lang("ceph.poolform.size"));
        HBox sizes = new HBox(8, size, new Label(l10n.lang("ceph.poolform.minSize")), minSize);
        sizes.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        grid.addRow(row++, sizeLabel, sizes);
        Label kmLabel = new Label(l10n.lang("ceph.poolform.km"));
        HBox km = new HBox(8, k, new Label("+"), m, new Label(l10n.lang("ceph.poolform.domain")), domain);
        km.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        grid.addRow(row++, kmLabel, km);
        for (Node n : new Node[] {kmLabel, km}) {
            n.visibleProperty().bind(form.erasureProperty());
            n.managedProperty().bind(form.erasureProperty());
        }
        grid.addRow(row++, new Label(l10n.lang("ceph.col.pgNum")), new HBox(8, pgNum, suggest));
        grid.add(suggestion, 1, row++);
        grid.addRow(row++, new Label(l10n.lang("ceph.col.autoscale")), autoscale);
        grid.addRow(row++, new Label(l10n.lang("ceph.col.application")), app);
        if (form.isEdit()) {
            grid.addRow(row++, new Label(l10n.lang("ceph.poolform.quotaBytes")), quotaBytes);
            grid.addRow(row++, new Label(l10n.lang("ceph.poolform.quotaObjects")), quotaObjects);
        }
        Label message = new Label();
        message.setId("cephPoolMessage");
        message.setWrapText(true);
        message.getStyleClass().add("page-error");
        message.textProperty().bind(form.messageProperty());
        VBox content = new VBox(10, grid, message);
        content.setPrefWidth(560);
        dialog.getDialogPane().setContent(content);
        ButtonType saveType = new ButtonType(l10n.lang(form.isEdit() ? "ceph.pool.edit.action" : "ceph.pool.create.action"),
                ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(saveType, new ButtonType(l10n.lang("common.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE));
        ThemeManager.addAppStylesheet(dialog.getDialogPane());
        dialog.setResultConverter(b -> b == saveType && saved);
        Button save = (Button) dialog.getDialogPane().lookupButton(saveType);
        save.setId("cephPoolSave");
        save.getStyleClass().add(Styles.ACCENT);
        // the cluster answers later: close only once it has the pool
        save.addEventFilter(ActionEvent.ACTION, e -> {
            if (!saved) {
                e.consume();
                pools.save(form, () -> {
                    saved = true;
                    dialog.setResult(true);
                });
            }
        });
    }

    public static void show(Window owner, CephPoolsViewModel pools, CephPoolFormViewModel form, Localization l10n) {
        CephPoolDialog d = new CephPoolDialog(pools, form, l10n);
        if (owner != null) {
            d.dialog.initOwner(owner);
        }
        d.dialog.showAndWait();
    }

    private static Spinner<Integer> spinner(String id, IntegerProperty value, int min, int max) {
        Spinner<Integer> s = new Spinner<>(min, max, Math.max(min, Math.min(max, value.get())));
        s.setId(id);
        s.setPrefWidth(80);
        s.valueProperty().addListener((o, a, v) -> value.set(v));
        value.addListener((o, a, v) -> s.getValueFactory().setValue(v.intValue()));
        return s;
    }
}
