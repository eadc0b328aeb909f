package io.rackdesk.views.connections;

import atlantafx.base.theme.Styles;
import io.rackdesk.app.connections.ConnectionField;
import io.rackdesk.app.connections.TlsSource;
import io.rackdesk.app.connections.Transport;
import io.rackdesk.app.connections.ssh.HostKey;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.settings.ConnectionSettings;
import io.rackdesk.viewmodels.connections.ConnectionDialogViewModel;
import io.rackdesk.viewmodels.connections.ConnectionDialogViewModel.TestState;
import io.rackdesk.views.ViewLoader;
import io.rackdesk.views.ViewSupport;
import io.rackdesk.views.icons.RackdeskIcon;
import io.rackdesk.views.theme.ThemeManager;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.event.ActionEvent;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Window;

/**
 * The add / edit / duplicate connection dialog (ConnectionDialog.fxml): a form per transport with
 * validation next to each field, the URI it makes, the TLS certificates, a connection test and the SSH
 * host-key question. Saving waits for the ViewModel (it may copy certificate files); errors never clear
 * what was typed.
 */
public final class ConnectionDialogView {
    private final ConnectionDialogViewModel viewModel;
    private final Localization l10n;
    private final ScrollPane root;
    private static final double DIALOG_WIDTH = 800;
    /** Tall enough for the TLS form with its certificates; the form scrolls beyond that. */
    private static final double DIALOG_HEIGHT = 760;

    private final Dialog<ConnectionSettings> dialog = new Dialog<>();
    private final ButtonType saveType;
    /** New content at the bottom (a result, a question) is scrolled into view once laid out. */
    private boolean scrollToEndPending;

    @FXML private VBox form;
    @FXML private TextField nameField;
    @FXML private ComboBox<Transport> transportChoice;
    @FXML private Label transportHint;
    @FXML private VBox userRow;
    @FXML private TextField userField;
    @FXML private Label userError;
    @FXML private VBox hostRow;
    @FXML private TextField hostField;
    @FXML private Label hostError;
    @FXML private TextField portField;
    @FXML private Label portError;
    @FXML private VBox keyRow;
    @FXML private TextField keyField;
    @FXML private Button keyBrowse;
    @FXML private Label keyError;
    @FXML private VBox tlsSourceRow;
    @FXML private ToggleGroup tlsSourceGroup;
    @FXML private RadioButton tlsFolderRadio;
    @FXML private RadioButton tlsFilesRadio;
    @FXML private VBox tlsFolderRow;
    @FXML private TextField tlsFolderField;
    @FXML private Button tlsFolderBrowse;
    @FXML private Label tlsFolderError;
    @FXML private VBox caCertRow;
    @FXML private TextField caCertField;
    @FXML private Button caCertBrowse;
    @FXML private Label caCertError;
    @FXML private VBox clientCertRow;
    @FXML private TextField clientCertField;
    @FXML private Button clientCertBrowse;
    @FXML private Label clientCertError;
    @FXML private VBox clientKeyRow;
    @FXML private TextField clientKeyField;
    @FXML private Button clientKeyBrowse;
    @FXML private Label clientKeyError;
    @FXML private VBox testFileRow;
    @FXML private TextField testFileField;
    @FXML private Button testFileBrowse;
    @FXML private Label testFileError;
    @FXML private VBox customUriRow;
    @FXML private TextField customUriField;
    @FXML private Label customUriError;
    @FXML private CheckBox autoconnectCheck;
    @FXML private Label uriLabel;
    @FXML private TextField uriPreview;
    @FXML private VBox certificatesBox;
    @FXML private Label certificatesTitle;
    @FXML private Label certificateWarnings;
    @FXML private Label certificateInfo;
    @FXML private Button testButton;
    @FXML private ProgressIndicator testProgress;
    @FXML private Label checkingLabel;
    @FXML private Label testResult;
    @FXML private VBox hostKeyBox;
    @FXML private Label hostKeyTitle;
    @FXML private Label hostKeyExplanation;
    @FXML private Label hostKeyType;
    @FXML private TextField hostKeyFingerprint;
    @FXML private Button acceptKeyButton;
    @FXML private Button rejectKeyButton;
    @FXML private Label saveError;

    public ConnectionDialogView(ConnectionDialogViewModel viewModel, Localization l10n) {
        this.viewModel = viewModel;
        this.l10n = l10n;
        this.saveType = new ButtonType(l10n.lang(switch (viewModel.mode()) {
            case ADD -> "connection.dialog.save.add";
            case EDIT -> "connection.dialog.save.edit";
            case DUPLICATE -> "connection.dialog.save.duplicate";
        }), ButtonBar.ButtonData.OK_DONE);
        this.root = ViewLoader.load(this, "ConnectionDialog.fxml", l10n);
        buildDialog();
    }

    /**
     * Shows the dialog modally and returns the connection to add or replace, or empty when the user
     * cancelled. The caller hands the result to {@code MainViewModel.addConnection/replaceConnection}.
     */
    public static Optional<ConnectionSettings> show(Window owner, ConnectionDialogViewModel viewModel, Localization l10n) {
        ConnectionDialogView view = new ConnectionDialogView(viewModel, l10n);
        if (owner != null) {
            view.dialog().initOwner(owner);
        }
        return view.dialog().showAndWait();
    }

    /** The dialog itself (for callers and tests that show it without blocking). */
    public Dialog<ConnectionSettings> dialog() {
        return dialog;
    }

    private void buildDialog() {
        dialog.setTitle(viewModel.title());
        dialog.setHeaderText(viewModel.title());
        dialog.setGraphic(RackdeskIcon.HOST.node());
        dialog.setResizable(true);
        dialog.getDialogPane().setContent(root);
        dialog.getDialogPane().setPrefSize(DIALOG_WIDTH,
                Math.min(DIALOG_HEIGHT, Screen.getPrimary().getVisualBounds().getHeight() - 60));
        dialog.getDialogPane().getStyleClass().add("connection-dialog-pane");
        dialog.getDialogPane().getButtonTypes().addAll(saveType,
                new ButtonType(l10n.lang("common.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE));
        ThemeManager.addAppStylesheet(dialog.getDialogPane());
        dialog.setResultConverter(button -> button == saveType ? viewModel.resultProperty().get() : null);

        Button save = (Button) dialog.getDialogPane().lookupButton(saveType);
        save.setId("saveButton");
        save.getStyleClass().add(Styles.ACCENT);
        save.disableProperty().bind(viewModel.validProperty().not().or(viewModel.savingProperty()));
        // saving may copy files off the UI thread: close only once the ViewModel has the result
        save.addEventFilter(ActionEvent.ACTION, e -> {
            if (viewModel.resultProperty().get() == null) {
                e.consume();
                viewModel.save();
            }
        });
        viewModel.resultProperty().addListener((obs, old, saved) -> {
            if (saved != null) {
                dialog.setResult(saved);
            }
        });
    }

    @FXML
    private void initialize() {
        nameField.textProperty().bindBidirectional(viewModel.nameProperty());
        nameField.promptTextProperty().bind(viewModel.suggestedNameProperty());

        transportChoice.getItems().setAll(viewModel.transports());
        transportChoice.setCellFactory(list -> new TransportCell());
        transportChoice.setButtonCell(new TransportCell());
        transportChoice.valueProperty().bindBidirectional(viewModel.transportProperty());
        transportHint.textProperty().bind(viewModel.transportHintProperty());

        field(userField, userError, viewModel.userProperty(), ConnectionField.USER);
        userField.setPromptText(l10n.lang("connection.field.user.prompt", System.getProperty("user.name", "")));
        field(hostField, hostError, viewModel.hostProperty(), ConnectionField.HOST);
        field(portField, portError, viewModel.portProperty(), ConnectionField.PORT);
        portField.promptTextProperty().bind(viewModel.defaultPortProperty());
        field(keyField, keyError, viewModel.keyFileProperty(), ConnectionField.KEY_FILE);
        field(tlsFolderField, tlsFolderError, viewModel.tlsFolderProperty(), ConnectionField.TLS_FOLDER);
        field(caCertField, caCertError, viewModel.caCertProperty(), ConnectionField.CA_CERT);
        field(clientCertField, clientCertError, viewModel.clientCertProperty(), ConnectionField.CLIENT_CERT);
        field(clientKeyField, clientKeyError, viewModel.clientKeyProperty(), ConnectionField.CLIENT_KEY);
        field(testFileField, testFileError, viewModel.testFileProperty(), ConnectionField.TEST_FILE);
        field(customUriField, customUriError, viewModel.customUriProperty(), ConnectionField.URI);
        for (Button b : new Button[] {keyBrowse, caCertBrowse, clientCertBrowse, clientKeyBrowse, testFileBrowse}) {
            b.setGraphic(RackdeskIcon.BROWSE_FILE.node());
        }
        tlsFolderBrowse.setGraphic(RackdeskIcon.BROWSE_FOLDER.node());

        tlsFolderRadio.setUserData(TlsSource.FOLDER);
        tlsFilesRadio.setUserData(TlsSource.FILES);
        tlsSourceGroup.selectToggle(viewModel.tlsSourceProperty().get() == TlsSource.FILES ? tlsFilesRadio : tlsFolderRadio);
        tlsSourceGroup.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null) {
                viewModel.tlsSourceProperty().set((TlsSource) now.getUserData());
            }
        });
        viewModel.tlsSourceProperty().addListener((obs, old, now) ->
                tlsSourceGroup.selectToggle(now == TlsSource.FILES ? tlsFilesRadio : tlsFolderRadio));
        viewModel.transportProperty().addListener(obs -> showRowsFor());
        viewModel.tlsSourceProperty().addListener(obs -> showRowsFor());
        showRowsFor();

        autoconnectCheck.selectedProperty().bindBidirectional(viewModel.autoconnectProperty());
        uriLabel.setGraphic(RackdeskIcon.URI.node());
        uriPreview.textProperty().bind(viewModel.uriPreviewProperty());

        certificatesTitle.setGraphic(RackdeskIcon.CERTIFICATE.node());
        certificateInfo.textProperty().bind(viewModel.certificateInfoProperty());
        ViewSupport.bindError(certificateWarnings, viewModel.certificateWarningsProperty());
        certificateWarnings.setGraphic(RackdeskIcon.WARNING.node());
        showWhenNotEmpty(certificatesBox, Bindings.concat(viewModel.certificateInfoProperty(), viewModel.certificateWarningsProperty()));

        testButton.setGraphic(RackdeskIcon.TEST_CONNECTION.node());
        testButton.disableProperty().bind(viewModel.validProperty().not()
                .or(viewModel.testStateProperty().isEqualTo(TestState.RUNNING)));
        testProgress.visibleProperty().bind(viewModel.testStateProperty().isEqualTo(TestState.RUNNING));
        testProgress.managedProperty().bind(testProgress.visibleProperty());
        checkingLabel.visibleProperty().bind(viewModel.checkingFilesProperty());
        checkingLabel.managedProperty().bind(checkingLabel.visibleProperty());
        testResult.textProperty().bind(viewModel.testMessageProperty());
        // while the host-key question is open it says everything; the result line would repeat it
        testResult.visibleProperty().bind(Bindings.isNotEmpty(viewModel.testMessageProperty())
                .and(viewModel.hostKeyPromptProperty().isNull()));
        testResult.managedProperty().bind(testResult.visibleProperty());
        viewModel.testStateProperty().addListener((obs, old, state) -> styleTestResult(state));
        styleTestResult(viewModel.testStateProperty().get());

        hostKeyBox.visibleProperty().bind(viewModel.hostKeyPromptProperty().isNotNull());
        hostKeyBox.managedProperty().bind(hostKeyBox.visibleProperty());
        hostKeyTitle.setGraphic(RackdeskIcon.HOST_KEY.node());
        hostKeyTitle.textProperty().bind(Bindings.createStringBinding(() -> {
            HostKey key = viewModel.hostKeyPromptProperty().get();
            return key == null ? "" : l10n.lang("connection.hostKey.title", key.address());
        }, viewModel.hostKeyPromptProperty()));
        hostKeyExplanation.textProperty().bind(viewModel.hostKeyExplanationProperty());
        hostKeyType.textProperty().bind(viewModel.hostKeyTypeProperty());
        hostKeyFingerprint.textProperty().bind(Bindings.createStringBinding(() -> {
            HostKey key = viewModel.hostKeyPromptProperty().get();
            return key == null ? "" : key.fingerprint();
        }, viewModel.hostKeyPromptProperty()));
        acceptKeyButton.getStyleClass().add(Styles.ACCENT);

        ViewSupport.bindError(saveError, viewModel.saveErrorProperty());
        scrollNewContentIntoView();
    }

    /**
     * Results and the host-key question appear at the bottom of the form: scroll them into view once
     * they are laid out. (The dialog keeps its size; growing the window under the pointer is worse.)
     */
    private void scrollNewContentIntoView() {
        form.heightProperty().addListener((obs, old, height) -> {
            if (scrollToEndPending) {
                scrollToEndPending = false;
                root.setVvalue(root.getVmax());
            }
        });
        viewModel.testMessageProperty().addListener((obs, old, now) -> scrollToEnd());
        viewModel.hostKeyPromptProperty().addListener((obs, old, now) -> scrollToEnd());
    }

    private void scrollToEnd() {
        scrollToEndPending = true;
        Platform.runLater(() -> root.setVvalue(root.getVmax()));
    }

    /** A text field bound to its ViewModel property, with its validation message below and a red border while it has one. */
    private void field(TextField text, Label error, StringProperty value, ConnectionField which) {
        text.textProperty().bindBidirectional(value);
        ObservableStringValue problem = viewModel.errorProperty(which);
        ViewSupport.bindError(error, problem);
        problem.addListener((obs, old, now) -> text.pseudoClassStateChanged(Styles.STATE_DANGER, now != null && !now.isEmpty()));
        text.pseudoClassStateChanged(Styles.STATE_DANGER, !problem.get().isEmpty());
    }

    private void showRowsFor() {
        Transport t = viewModel.transportProperty().get();
        boolean folder = viewModel.tlsSourceProperty().get() == TlsSource.FOLDER;
        show(userRow, t == Transport.SSH);
        show(hostRow, t.isRemote());
        show(keyRow, t == Transport.SSH);
        show(tlsSourceRow, t == Transport.TLS);
        show(tlsFolderRow, t == Transport.TLS && folder);
        show(caCertRow, t == Transport.TLS && !folder);
        show(clientCertRow, t == Transport.TLS && !folder);
        show(clientKeyRow, t == Transport.TLS && !folder);
        show(testFileRow, t == Transport.TEST);
        show(customUriRow, t == Transport.CUSTOM);
    }

    private static void show(Node row, boolean visible) {
        row.setVisible(visible);
        row.setManaged(visible);
    }

    private static void showWhenNotEmpty(Node node, ObservableStringValue text) {
        node.visibleProperty().bind(Bindings.isNotEmpty(text));
        node.managedProperty().bind(node.visibleProperty());
    }

    private void styleTestResult(TestState state) {
        testResult.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, Styles.WARNING, Styles.ACCENT);
        RackdeskIcon icon = switch (state) {
            case CONNECTED -> RackdeskIcon.CONNECTED;
            case FAILED -> RackdeskIcon.FAILED;
            case HOST_KEY_CHANGED -> RackdeskIcon.HOST_KEY_CHANGED;
            case HOST_KEY_UNKNOWN -> RackdeskIcon.HOST_KEY;
            case RUNNING, IDLE -> null;
        };
        switch (state) {
            case CONNECTED -> testResult.getStyleClass().add(Styles.SUCCESS);
            case FAILED, HOST_KEY_CHANGED -> testResult.getStyleClass().add(Styles.DANGER);
            case HOST_KEY_UNKNOWN -> testResult.getStyleClass().add(Styles.WARNING);
            case RUNNING, IDLE -> testResult.getStyleClass().add(Styles.ACCENT);
        }
        testResult.setGraphic(icon == null ? null : icon.node());
    }

    @FXML
    private void testConnection() {
        viewModel.testConnection();
    }

    @FXML
    private void acceptHostKey() {
        viewModel.acceptHostKey();
    }

    @FXML
    private void rejectHostKey() {
        viewModel.rejectHostKey();
    }

    @FXML
    private void browseKey() {
        chooseFile(viewModel.keyFileProperty(), "connection.choose.keyFile", Path.of(System.getProperty("user.home"), ".ssh"));
    }

    @FXML
    private void browseTlsFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(l10n.lang("connection.choose.tlsFolder"));
        initialDirectory(viewModel.tlsFolderProperty().get(), Path.of(System.getProperty("user.home"), ".pki", "libvirt"))
                .ifPresent(chooser::setInitialDirectory);
        File f = chooser.showDialog(window());
        if (f != null) {
            viewModel.tlsFolderProperty().set(f.getAbsolutePath());
        }
    }

    @FXML
    private void browseCaCert() {
        chooseFile(viewModel.caCertProperty(), "connection.choose.caCert", null);
    }

    @FXML
    private void browseClientCert() {
        chooseFile(viewModel.clientCertProperty(), "connection.choose.clientCert", null);
    }

    @FXML
    private void browseClientKey() {
        chooseFile(viewModel.clientKeyProperty(), "connection.choose.clientKey", null);
    }

    @FXML
    private void browseTestFile() {
        chooseFile(viewModel.testFileProperty(), "connection.choose.testFile", null);
    }

    private void chooseFile(StringProperty target, String titleKey, Path fallbackDir) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(l10n.lang(titleKey));
        initialDirectory(target.get(), fallbackDir).ifPresent(chooser::setInitialDirectory);
        File f = chooser.showOpenDialog(window());
        if (f != null) {
            target.set(f.getAbsolutePath());
        }
    }

    /**
     * The folder of what was typed, else {@code fallback}, if it exists: the chooser refuses a missing
     * one. (The chooser reads the disk on this thread anyway; one more look is no different.)
     */
    private static Optional<File> initialDirectory(String typed, Path fallback) {
        try {
            if (typed != null && !typed.isBlank()) {
                Path p = Path.of(typed.strip());
                Path dir = Files.isDirectory(p) ? p : p.getParent();
                if (dir != null && Files.isDirectory(dir)) {
                    return Optional.of(dir.toFile());
                }
            }
        } catch (InvalidPathException e) {
            // fall back below
        }
        return fallback != null && Files.isDirectory(fallback) ? Optional.of(fallback.toFile()) : Optional.empty();
    }

    private Window window() {
        return dialog.getDialogPane().getScene() != null ? dialog.getDialogPane().getScene().getWindow() : null;
    }

    /** A transport in the selector, by its translated name. */
    private final class TransportCell extends ListCell<Transport> {
        @Override
        protected void updateItem(Transport t, boolean empty) {
            super.updateItem(t, empty);
            setText(empty || t == null ? null : viewModel.label(t));
        }
    }
}
