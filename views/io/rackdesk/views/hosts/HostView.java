package io.rackdesk.views.hosts;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.viewmodels.hosts.HostOverviewViewModel;
import io.rackdesk.viewmodels.Fact;
import io.rackdesk.views.ViewLoader;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** The host page (Host.fxml): what the host is and its VMs by state. */
public final class HostView {
    private final HostOverviewViewModel viewModel;
    private final VBox root;

    @FXML private Label title;
    @FXML private GridPane facts;
    @FXML private GridPane vmCounts;

    public HostView(HostOverviewViewModel viewModel, Localization l10n) {
        this.viewModel = viewModel;
        this.root = ViewLoader.load(this, "Host.fxml", l10n);
    }

    public VBox root() {
        return root;
    }

    public void setConnection(ConnectionViewModel c) {
        viewModel.setConnection(c);
    }

    @FXML
    private void initialize() {
        title.textProperty().bind(viewModel.titleProperty());
        fill(facts, viewModel.facts());
        fill(vmCounts, viewModel.vmCounts());
        viewModel.facts().addListener((ListChangeListener<Fact>) c -> fill(facts, viewModel.facts()));
        viewModel.vmCounts().addListener((ListChangeListener<Fact>) c -> fill(vmCounts, viewModel.vmCounts()));
    }

    private static void fill(GridPane grid, ObservableList<Fact> list) {
        grid.getChildren().clear();
        int row = 0;
        for (Fact f : list) {
            Label label = new Label(f.label());
            label.getStyleClass().add("fact-label");
            Label value = new Label(f.value());
            value.getStyleClass().add("fact-value");
            value.setWrapText(true);
            grid.addRow(row++, label, value);
        }
    }
}
