package io.rackdesk.views.dialogs;

import io.rackdesk.viewmodels.DialogService;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** {@link DialogService} with JavaFX dialogs: messages are non-modal, questions wait for the answer. */
public final class FxDialogService implements DialogService {
    private final Window owner;

    public FxDialogService(Window owner) {
        this.owner = owner;
    }

    @Override
    public void showError(String title, String message) {
        show(Alert.AlertType.ERROR, title, message);
    }

    @Override
    public void showWarning(String title, String message) {
        show(Alert.AlertType.WARNING, title, message);
    }

    @Override
    public boolean confirm(String title, String message, List<String> items, String confirmLabel) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        Label text = new Label(message);
        text.setWrapText(true);
        text.setMaxWidth(520);
        ListView<String> list = new ListView<>();
        list.getItems().setAll(items);
        list.setId("confirmItems");
        list.setPrefHeight(Math.min(240, 28.0 * items.size() + 8));
        alert.getDialogPane().setContent(new VBox(8, text, list));
        ButtonType ok = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(ok, ButtonType.CANCEL);
        // the safe choice is the default: Enter must not power off a fleet
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(ok)).setDefaultButton(false);
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        return alert.showAndWait().filter(b -> b == ok).isPresent();
    }

    @Override
    public Optional<String> askText(String title, String message, String initial) {
        TextInputDialog d = new TextInputDialog(initial);
        d.initOwner(owner);
        d.setTitle(title);
        d.setHeaderText(message);
        d.getEditor().setPrefColumnCount(40);
        return d.showAndWait();
    }

    @Override
    public Optional<String> askSecret(String title, String message) {
        javafx.scene.control.Dialog<String> d = new javafx.scene.control.Dialog<>();
        d.initOwner(owner);
        d.setTitle(title);
        d.setHeaderText(message);
        javafx.scene.control.PasswordField field = new javafx.scene.control.PasswordField();
        field.setId("secretField");
        field.setPrefColumnCount(40);
        d.getDialogPane().setContent(field);
        d.getDialogPane().getButtonTypes().addAll(javafx.scene.control.ButtonType.OK, javafx.scene.control.ButtonType.CANCEL);
        d.setResultConverter(b -> b == javafx.scene.control.ButtonType.OK ? field.getText() : null);
        d.setOnShown(e -> field.requestFocus());
        return d.showAndWait();
    }

    private void show(Alert.AlertType type, String title, String message) {
        Alert alert = new Alert(type);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        Label text = new Label(message);
        text.setWrapText(true);
        text.setMaxWidth(560);
        alert.getDialogPane().setContent(text);
        alert.show();
    }
}
