package io.rackdesk.views.ceph;

import atlantafx.base.theme.Styles;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.settings.CephClusterSettings;
import io.rackdesk.viewmodels.ceph.CephClusterDialogViewModel;
import io.rackdesk.views.icons.RackdeskIcon;
import io.rackdesk.views.theme.ThemeManager;
import java.io.File;
import java.util.Optional;
import javafx.beans.property.StringProperty;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * "Add Ceph cluster" / "Edit Ceph cluster": a ceph.conf and keyring, or monitors and client with a key
 * file or the key itself (kept in the OS keyring; the dialog says where it goes); Save checks the files
 * and monitors first (off the UI thread) and stays open with the reason when something is wrong.
 */
public final class CephClusterDialog {
    private final CephClusterDialogViewModel vm;
    private final Localization l10n;
    private final Dialog<CephClusterSettings> dialog = new Dialog<>();
    private CephClusterSettings result;

    public CephClusterDialog(CephClusterDialogViewModel vm, Localization l10n) {
        this.vm = vm;
        this.l10n = l10n;
        build();
    }

    /** Shows the dialog modally; the settings to add, or empty when cancelled. */
    public static Optional<CephClusterSettings> show(Window owner, CephClusterDialogViewModel vm, Localization l10n) {
        CephClusterDialog d = new CephClusterDialog(vm, l10n);
        if (owner != null) {
            d.dialog.initOwner(owner);
        }
        return d.dialog.showAndWait();
    }

    public Dialog<CephClusterSettings> dialog() {
        return dialog;
    }

    private void build() {
        dialog.setTitle(l10n.lang(vm.isEdit() ? "ceph.dialog.editTitle" : "ceph.dialog.title"));
        dialog.setHeaderText(vm.isEdit() ? l10n.lang("ceph.dialog.editHeader", vm.nameProperty().get()) : l10n.lang("ceph.dialog.header"));
        dialog.setGraphic(RackdeskIcon.CEPH.node());
        dialog.setResizable(true);

        TextField name = field("cephName", vm.nameProperty(), "ceph.dialog.namePrompt");
        RadioButton[] how = choice(vm.useConfProperty(), "cephByConf", "ceph.dialog.byConf", "cephByMonitors", "ceph.dialog.byMonitors");
        RadioButton byConf = how[0];
        RadioButton byMons = how[1];

        TextField conf = field("cephConf", vm.confProperty(), "ceph.dialog.confPrompt");
        TextField keyring = field("cephKeyring", vm.keyringProperty(), "ceph.dialog.keyringPrompt");
        TextField monitors = field("cephMonitors", vm.monitorsProperty(), "ceph.dialog.monitorsPrompt");
        TextField keyFile = field("cephKeyFile", vm.keyFileProperty(), "ceph.dialog.keyFilePrompt");
        TextField client = field("cephClientId", vm.clientIdProperty(), "ceph.dialog.clientPrompt");
        // the key: a file, or the key itself (to the OS keyring)
        RadioButton[] keyHow = choice(vm.keyInKeyringProperty(), "cephKeyTyped", "ceph.dialog.keyTyped", "cephKeyByFile",
                "ceph.dialog.keyFromFile");
        RadioButton byKey = keyHow[0];
        RadioButton byKeyFile = keyHow[1];
        PasswordField key = new PasswordField();
        key.setId("cephKey");
        key.textProperty().bindBidirectional(vm.keyProperty());
        key.setPromptText(vm.hasStoredKey() ? l10n.lang("ceph.dialog.keyStored") : l10n.lang("ceph.dialog.keyPrompt"));
        CheckBox replace = new CheckBox(l10n.lang("ceph.dialog.replaceKey"));
        replace.setId("cephReplaceKey");
        replace.selectedProperty().bindBidirectional(vm.replaceKeyProperty());
        replace.setVisible(vm.hasStoredKey());
        replace.setManaged(vm.hasStoredKey());
        key.disableProperty().bind(vm.replaceKeyProperty().not());
        Label placement = new Label();
        placement.setId("cephKeyPlacement");
        placement.setWrapText(true);
        placement.setPrefWidth(440);
        placement.setMinHeight(Label.USE_PREF_SIZE);
        placement.getStyleClass().add("text-muted");
        placement.textProperty().bind(vm.keyPlacementProperty());
        if (vm.keyInKeyringProperty().get()) {
            vm.checkKeyPlacement();
        }
        // rows come and go with the choices, and the keyring's answer arrives later: the window follows
        javafx.beans.InvalidationListener refit = o -> {
            if (dialog.getDialogPane().getScene() != null && dialog.getDialogPane().getScene().getWindow() != null) {
                dialog.getDialogPane().getScene().getWindow().sizeToScene();
            }
        };
        vm.keyPlacementProperty().addListener(refit);
        vm.keyInKeyringProperty().addListener(refit);
        vm.useConfProperty().addListener(refit);
        Spinner<Integer> poll = new Spinner<>(1, 300, vm.pollSecondsProperty().get());
        poll.setId("cephPoll");
        poll.setEditable(true);
        poll.valueProperty().addListener((o, a, v) -> vm.pollSecondsProperty().set(v));

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        int row = 0;
        grid.addRow(row++, label("ceph.dialog.name"), name);
        grid.addRow(row++, new Label(), new HBox(16, byConf, byMons));
        Node confRow = withBrowse(conf, "ceph.dialog.chooseConf");
        Node keyringRow = withBrowse(keyring, "ceph.dialog.chooseKeyring");
        Node keyFileRow = withBrowse(keyFile, "ceph.dialog.chooseKeyFile");
        Label confLabel = label("ceph.dialog.conf");
        Label keyringLabel = label("ceph.dialog.keyring");
        Label monitorsLabel = label("ceph.dialog.monitors");
        Label keyFileLabel = label("ceph.dialog.keyFile");
        Label keyHowLabel = new Label();
        Label keyLabel = label("ceph.dialog.key");
        Label placementSpace = new Label();
        HBox keyHowRow = new HBox(16, byKeyFile, byKey);
        HBox keyRow = new HBox(10, key, replace);
        HBox.setHgrow(key, Priority.ALWAYS);
        grid.addRow(row++, confLabel, confRow);
        grid.addRow(row++, keyringLabel, keyringRow);
        grid.addRow(row++, monitorsLabel, monitors);
        grid.addRow(row++, label("ceph.dialog.client"), client);
        grid.addRow(row++, keyHowLabel, keyHowRow);
        grid.addRow(row++, keyFileLabel, keyFileRow);
        grid.addRow(row++, keyLabel, keyRow);
        grid.addRow(row++, placementSpace, placement);
        grid.addRow(row++, label("ceph.dialog.poll"), poll);
        for (Node n : new Node[] {confLabel, confRow, keyringLabel, keyringRow}) {
            n.visibleProperty().bind(vm.useConfProperty());
            n.managedProperty().bind(vm.useConfProperty());
        }
        for (Node n : new Node[] {monitorsLabel, monitors, keyHowLabel, keyHowRow}) {
            n.visibleProperty().bind(vm.useConfProperty().not());
            n.managedProperty().bind(vm.useConfProperty().not());
        }
        var byFile = vm.useConfProperty().not().and(vm.keyInKeyringProperty().not());
        for (Node n : new Node[] {keyFileLabel, keyFileRow}) {
            n.visibleProperty().bind(byFile);
            n.managedProperty().bind(byFile);
        }
        var typed = vm.useConfProperty().not().and(vm.keyInKeyringProperty());
        for (Node n : new Node[] {keyLabel, keyRow, placementSpace, placement}) {
            n.visibleProperty().bind(typed);
            n.managedProperty().bind(typed);
        }
        GridPane.setHgrow(name, Priority.ALWAYS);

        Label hint = new Label(l10n.lang("ceph.dialog.keyHint"));
        hint.getStyleClass().add("text-muted");
        hint.setWrapText(true);
        hint.setMinHeight(Label.USE_PREF_SIZE);
        Label message = new Label();
        message.setId("cephDialogMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        vm.messageIsErrorProperty().addListener((o, a, err) -> message.getStyleClass().setAll(err ? "page-error" : "text-muted"));
        message.getStyleClass().setAll(vm.messageIsErrorProperty().get() ? "page-error" : "text-muted");
        Button test = new Button(l10n.lang("ceph.dialog.test"), RackdeskIcon.TEST_CONNECTION.node());
        test.setId("cephTest");
        test.setOnAction(e -> vm.test());
        test.disableProperty().bind(vm.busyProperty());

        VBox content = new VBox(10, grid, hint, new HBox(8, test), message);
        content.setPrefWidth(620);
        dialog.getDialogPane().setContent(content);
        ButtonType saveType = new ButtonType(l10n.lang(vm.isEdit() ? "ceph.dialog.saveEdit" : "ceph.dialog.save"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(saveType, new ButtonType(l10n.lang("common.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE));
        ThemeManager.addAppStylesheet(dialog.getDialogPane());
        dialog.setResultConverter(b -> b == saveType ? result : null);
        Button save = (Button) dialog.getDialogPane().lookupButton(saveType);
        save.setId("cephSave");
        save.getStyleClass().add(Styles.ACCENT);
        save.disableProperty().bind(vm.busyProperty());
        // the checks read files and resolve names off the UI thread: close only once they passed
        save.addEventFilter(ActionEvent.ACTION, e -> {
            if (result == null) {
                e.consume();
                vm.save(s -> {
                    result = s;
                    dialog.setResult(s);
                });
            }
        });
    }

    /** Two radio buttons for a yes/no choice of the ViewModel: the first stands for true. */
    private RadioButton[] choice(javafx.beans.property.BooleanProperty first, String firstId, String firstKey, String secondId,
                                 String secondKey) {
        ToggleGroup group = new ToggleGroup();
        RadioButton yes = new RadioButton(l10n.lang(firstKey));
        yes.setId(firstId);
        yes.setToggleGroup(group);
        RadioButton no = new RadioButton(l10n.lang(secondKey));
        no.setId(secondId);
        no.setToggleGroup(group);
        (first.get() ? yes : no).setSelected(true);
        group.selectedToggleProperty().addListener((o, a, t) -> first.set(t == yes));
        return new RadioButton[] {yes, no};
    }

    private TextField field(String id, StringProperty value, String promptKey) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(value);
        f.setPromptText(l10n.lang(promptKey));
        f.setPrefColumnCount(32);
        return f;
    }

    private Label label(String key) {
        Label l = new Label(l10n.lang(key));
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }

    private Node withBrowse(TextField field, String titleKey) {
        Button browse = new Button(null, RackdeskIcon.BROWSE_FILE.node());
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(l10n.lang(titleKey));
            File f = chooser.showOpenDialog(dialog.getDialogPane().getScene().getWindow());
            if (f != null) {
                field.setText(f.getAbsolutePath());
            }
        });
        HBox box = new HBox(6, field, browse);
        HBox.setHgrow(field, Priority.ALWAYS);
        return box;
    }
}
