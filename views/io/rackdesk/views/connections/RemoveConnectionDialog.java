package io.rackdesk.views.connections;

import atlantafx.base.theme.Styles;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.viewmodels.connections.RemoveConnectionViewModel;
import io.rackdesk.views.icons.RackdeskIcon;
import io.rackdesk.views.theme.ThemeManager;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Asks the user to type a connection's name before it is removed; removal runs through the ViewModel. */
public final class RemoveConnectionDialog {
    private final Dialog<Boolean> dialog = new Dialog<>();

    public RemoveConnectionDialog(RemoveConnectionViewModel viewModel, Localization l10n) {
        ButtonType removeType = new ButtonType(l10n.lang("connection.remove.button"), ButtonBar.ButtonData.OK_DONE);
        dialog.setTitle(viewModel.title());
        dialog.setHeaderText(viewModel.title());
        dialog.setGraphic(RackdeskIcon.REMOVE.node());

        Label explanation = new Label(viewModel.explanation());
        explanation.setWrapText(true);
        Label prompt = new Label(l10n.lang("connection.remove.typeName", viewModel.connectionName()));
        prompt.setWrapText(true);
        TextField typed = new TextField();
        typed.setId("removeConfirmName");
        typed.setPromptText(viewModel.connectionName());
        typed.textProperty().bindBidirectional(viewModel.typedNameProperty());
        prompt.setLabelFor(typed);
        VBox content = new VBox(10, explanation, prompt, typed);
        content.setPrefWidth(480);
        content.getStyleClass().add("remove-connection");

        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().addAll(removeType,
                new ButtonType(l10n.lang("common.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE));
        ThemeManager.addAppStylesheet(dialog.getDialogPane());
        Button remove = (Button) dialog.getDialogPane().lookupButton(removeType);
        remove.setId("removeButton");
        remove.getStyleClass().add(Styles.DANGER);
        remove.disableProperty().bind(viewModel.confirmedProperty().not());
        remove.addEventFilter(ActionEvent.ACTION, e -> viewModel.remove());
        dialog.setResultConverter(button -> button == removeType && viewModel.confirmedProperty().get());
        dialog.setOnShown(e -> typed.requestFocus());
    }

    /** Shows the confirmation modally; true when the connection was removed. */
    public static boolean show(Window owner, RemoveConnectionViewModel viewModel, Localization l10n) {
        RemoveConnectionDialog d = new RemoveConnectionDialog(viewModel, l10n);
        if (owner != null) {
            d.dialog.initOwner(owner);
        }
        return d.dialog.showAndWait().orElse(false);
    }

    /** The dialog itself (for tests that show it without blocking). */
    public Dialog<Boolean> dialog() {
        return dialog;
    }
}
