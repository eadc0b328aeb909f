package io.rackdesk.views.vmdetails;

import io.rackdesk.app.i18n.Localization;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Asks for a new snapshot's name, description and whether to include memory. */
final class SnapshotDialog {
    record Answer(String name, String description, boolean withMemory) {
    }

    private SnapshotDialog() {
    }

    static Optional<Answer> ask(Window owner, Localization l10n, String vmName, String name, String description, boolean memory) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(l10n.lang("snapshot.dialog.title", vmName));
        d.setHeaderText(l10n.lang("snapshot.dialog.title", vmName));
        TextField nameField = new TextField(name);
        nameField.setId("snapshotName");
        TextArea descriptionField = new TextArea(description);
        descriptionField.setId("snapshotDescription");
        descriptionField.setPrefRowCount(3);
        CheckBox withMemory = new CheckBox(l10n.lang("snapshot.dialog.memory"));
        withMemory.setId("snapshotMemory");
        withMemory.setSelected(memory);
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label(l10n.lang("snapshot.dialog.name")), nameField);
        grid.addRow(1, new Label(l10n.lang("snapshot.dialog.description")), descriptionField);
        grid.add(withMemory, 1, 2);
        d.getDialogPane().setContent(grid);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        nameField.requestFocus();
        return d.showAndWait().filter(b -> b == ButtonType.OK)
                .map(b -> new Answer(nameField.getText(), descriptionField.getText(), withMemory.isSelected()));
    }

    static void showProblem(Window owner, String problem) {
        Alert a = new Alert(Alert.AlertType.ERROR, problem, ButtonType.OK);
        a.initOwner(owner);
        a.setHeaderText(problem);
        a.showAndWait();
    }
}
