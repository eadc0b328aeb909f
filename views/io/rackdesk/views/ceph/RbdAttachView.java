package io.rackdesk.views.ceph;

import atlantafx.base.theme.Styles;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.libvirt.RbdDiskXml.Bus;
import io.rackdesk.app.libvirt.RbdDisks;
import io.rackdesk.viewmodels.ceph.CephClusterViewModel;
import io.rackdesk.viewmodels.ceph.RbdAttachViewModel;
import io.rackdesk.viewmodels.ceph.RbdAttachViewModel.Step;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.viewmodels.vms.VmItem;
import io.rackdesk.views.ViewLoader;
import io.rackdesk.views.icons.RackdeskIcon;
import io.rackdesk.views.theme.ThemeManager;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.event.ActionEvent;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * "Attach RBD image to VM" (RbdAttach.fxml): the form on the left, the exact disk XML, the plan, the
 * steps as they run and the disk as libvirt has it afterwards on the right. Run keeps the dialog
 * open; a failure leaves everything typed in place.
 */
public final class RbdAttachView {
    private final RbdAttachViewModel viewModel;
    private final Localization l10n;
    private final VBox root;
    private final Dialog<Void> dialog = new Dialog<>();
    private final ButtonType runType;

    @FXML private GridPane form;
    @FXML private ComboBox<CephClusterViewModel> clusterChoice;
    @FXML private ComboBox<String> poolChoice;
    @FXML private RadioButton existingRadio;
    @FXML private RadioButton newRadio;
    @FXML private Label imageLabel;
    @FXML private ComboBox<String> imageChoice;
    @FXML private Label newNameLabel;
    @FXML private TextField newNameField;
    @FXML private Label newSizeLabel;
    @FXML private TextField newSizeField;
    @FXML private ComboBox<ConnectionViewModel> hostChoice;
    @FXML private ComboBox<VmItem> vmChoice;
    @FXML private ComboBox<Bus> busChoice;
    @FXML private TextField targetField;
    @FXML private TextField clientField;
    @FXML private ComboBox<RbdDisks.Mode> modeChoice;
    @FXML private Label loadingLabel;
    @FXML private TextArea previewArea;
    @FXML private Label previewTitle;
    @FXML private Label planTitle;
    @FXML private VBox planBox;
    @FXML private Label progressTitle;
    @FXML private VBox stepsBox;
    @FXML private Label resultLabel;
    @FXML private Label resultNoteLabel;
    @FXML private Label foundTitle;
    @FXML private TextArea foundArea;
    @FXML private Label problemLabel;
    @FXML private Label errorLabel;

    public RbdAttachView(RbdAttachViewModel viewModel, Localization l10n) {
        this.viewModel = viewModel;
        this.l10n = l10n;
        this.runType = new ButtonType(l10n.lang("rbdattach.run"), ButtonBar.ButtonData.OK_DONE);
        this.root = ViewLoader.load(this, "RbdAttach.fxml", l10n);
        buildDialog();
    }

    /** Shows the dialog (not blocking) over {@code owner}. */
    public static RbdAttachView open(Window owner, RbdAttachViewModel viewModel, Localization l10n) {
        RbdAttachView view = new RbdAttachView(viewModel, l10n);
        if (owner != null) {
            view.dialog.initOwner(owner);
        }
        view.dialog.show();
        return view;
    }

    public Dialog<Void> dialog() {
        return dialog;
    }

    public VBox root() {
        return root;
    }

    @FXML
    private void initialize() {
        // converters before values: a combo's button shows its value through the converter it had then
        clusterChoice.setConverter(converter(CephClusterViewModel::name));
        hostChoice.setConverter(converter(ConnectionViewModel::name));
        vmChoice.setConverter(converter(v -> v.name() + "  (" + v.getState().id() + ")"));
        busChoice.setConverter(converter(Bus::xml));
        modeChoice.setConverter(converter(viewModel::modeText));
        clusterChoice.setItems(viewModel.clusters());
        clusterChoice.valueProperty().bindBidirectional(viewModel.clusterProperty());
        poolChoice.setItems(viewModel.pools());
        poolChoice.valueProperty().bindBidirectional(viewModel.poolProperty());
        imageChoice.setItems(viewModel.images());
        imageChoice.valueProperty().bindBidirectional(viewModel.imageProperty());

        (viewModel.newImageProperty().get() ? newRadio : existingRadio).setSelected(true);
        newRadio.selectedProperty().addListener((o, a, on) -> viewModel.newImageProperty().set(on));
        viewModel.newImageProperty().addListener((o, a, on) -> (on ? newRadio : existingRadio).setSelected(true));
        newNameField.textProperty().bindBidirectional(viewModel.newImageNameProperty());
        newSizeField.textProperty().bindBidirectional(viewModel.newImageSizeProperty());
        for (Node n : new Node[] {imageLabel, imageChoice}) {
            n.visibleProperty().bind(viewModel.newImageProperty().not());
            n.managedProperty().bind(n.visibleProperty());
        }
        for (Node n : new Node[] {newNameLabel, newNameField, newSizeLabel, newSizeField}) {
            n.visibleProperty().bind(viewModel.newImageProperty());
            n.managedProperty().bind(n.visibleProperty());
        }

        hostChoice.setItems(viewModel.hosts());
        hostChoice.valueProperty().bindBidirectional(viewModel.hostProperty());
        vmChoice.itemsProperty().bind(viewModel.vmsProperty());
        vmChoice.valueProperty().bindBidirectional(viewModel.vmProperty());
        busChoice.getItems().setAll(Bus.values());
        busChoice.valueProperty().bindBidirectional(viewModel.busProperty());
        targetField.textProperty().bindBidirectional(viewModel.targetProperty());
        clientField.textProperty().bindBidirectional(viewModel.clientIdProperty());
        modeChoice.setItems(viewModel.modes());
        modeChoice.valueProperty().bindBidirectional(viewModel.modeProperty());
        modeChoice.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(RbdDisks.Mode m, boolean empty) {
                super.updateItem(m, empty);
                setText(empty || m == null ? null : viewModel.modeText(m));
            }
        });
        loadingLabel.textProperty().bind(viewModel.loadingProperty());

        // while a run goes on, the inputs stay as they are
        form.disableProperty().bind(viewModel.runningProperty().or(viewModel.doneProperty()));

        previewArea.textProperty().bind(viewModel.previewXmlProperty());
        viewModel.plan().addListener((ListChangeListener<String>) c -> showPlan());
        showPlan();
        viewModel.steps().addListener((ListChangeListener<Step>) c -> showSteps());
        showSteps();
        for (Node n : new Node[] {progressTitle, stepsBox}) {
            n.visibleProperty().bind(Bindings.isNotEmpty(viewModel.steps()));
            n.managedProperty().bind(n.visibleProperty());
        }
        // once a run starts its steps take the plan's place; after success the disk libvirt has takes the preview's
        for (Node n : new Node[] {planTitle, planBox}) {
            n.visibleProperty().bind(Bindings.isEmpty(viewModel.steps()));
            n.managedProperty().bind(n.visibleProperty());
        }
        for (Node n : new Node[] {previewTitle, previewArea}) {
            n.visibleProperty().bind(viewModel.doneProperty().not());
            n.managedProperty().bind(n.visibleProperty());
        }
        for (Label l : new Label[] {resultLabel, resultNoteLabel, problemLabel, errorLabel, loadingLabel}) {
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        resultLabel.textProperty().bind(viewModel.resultProperty());
        resultLabel.visibleProperty().bind(viewModel.resultProperty().isNotEmpty());
        resultLabel.managedProperty().bind(resultLabel.visibleProperty());
        resultNoteLabel.textProperty().bind(viewModel.resultNoteProperty());
        resultNoteLabel.visibleProperty().bind(viewModel.resultNoteProperty().isNotEmpty());
        resultNoteLabel.managedProperty().bind(resultNoteLabel.visibleProperty());
        foundArea.textProperty().bind(viewModel.resultXmlProperty());
        for (Node n : new Node[] {foundTitle, foundArea}) {
            n.visibleProperty().bind(viewModel.resultXmlProperty().isNotEmpty());
            n.managedProperty().bind(n.visibleProperty());
        }
        problemLabel.textProperty().bind(viewModel.problemProperty());
        problemLabel.visibleProperty().bind(viewModel.problemProperty().isNotEmpty().and(viewModel.doneProperty().not()));
        problemLabel.managedProperty().bind(problemLabel.visibleProperty());
        errorLabel.textProperty().bind(viewModel.errorProperty());
        errorLabel.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
    }

    private void buildDialog() {
        dialog.setTitle(l10n.lang("rbdattach.title"));
        dialog.setHeaderText(l10n.lang("rbdattach.header"));
        dialog.setGraphic(RackdeskIcon.VOLUME.node());
        dialog.setResizable(true);
        dialog.getDialogPane().setContent(root);
        dialog.getDialogPane().setPrefWidth(1180);
        dialog.getDialogPane().getButtonTypes().addAll(runType,
                new ButtonType(l10n.lang("rbdattach.close"), ButtonBar.ButtonData.CANCEL_CLOSE));
        ThemeManager.addAppStylesheet(dialog.getDialogPane());
        dialog.setResultConverter(b -> null);
        Button run = (Button) dialog.getDialogPane().lookupButton(runType);
        run.setId("attachRun");
        run.getStyleClass().add(Styles.ACCENT);
        run.disableProperty().bind(viewModel.canRunProperty().not());
        // Run never closes the dialog: the steps and the result show in it
        run.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            viewModel.run();
        });
    }

    private void showPlan() {
        planBox.getChildren().clear();
        int i = 1;
        for (String line : viewModel.plan()) {
            Label l = new Label(i++ + ". " + line);
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            planBox.getChildren().add(l);
        }
    }

    private void showSteps() {
        stepsBox.getChildren().clear();
        for (Step s : viewModel.steps()) {
            RackdeskIcon icon = switch (s.state()) {
                case DONE -> RackdeskIcon.CONNECTED;
                case FAILED -> RackdeskIcon.FAILED;
                case RUNNING -> RackdeskIcon.CONNECTING;
                case PENDING, SKIPPED -> RackdeskIcon.DISCONNECTED;
            };
            String state = l10n.lang(switch (s.state()) {
                case PENDING -> "rbdattach.state.PENDING";
                case RUNNING -> "rbdattach.state.RUNNING";
                case DONE -> "rbdattach.state.DONE";
                case FAILED -> "rbdattach.state.FAILED";
                case SKIPPED -> "rbdattach.state.SKIPPED";
            });
            Label title = new Label(s.title() + " · " + state);
            VBox text = new VBox(1, title);
            if (!s.detail().isEmpty()) {
                Label detail = new Label(s.detail());
                detail.getStyleClass().add("rbd-step-detail");
                detail.setWrapText(true);
                detail.setMinHeight(Region.USE_PREF_SIZE);
                text.getChildren().add(detail);
            }
            HBox.setHgrow(text, javafx.scene.layout.Priority.ALWAYS);
            HBox row = new HBox(8, icon.node(), text);
            row.setAlignment(javafx.geometry.Pos.TOP_LEFT);
            row.getStyleClass().add("rbd-step-" + s.state().name());
            row.setId("attachStep-" + s.kind().name());
            stepsBox.getChildren().add(row);
        }
    }

    private static <T> StringConverter<T> converter(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : text.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }
}
