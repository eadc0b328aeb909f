package io.rackdesk.views.networks;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.model.NetworkSummary;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.views.ViewLoader;
import io.rackdesk.views.ViewSupport;
import static io.rackdesk.views.ViewSupport.orDash;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/** A host's virtual networks (Networks.fxml). */
public final class NetworksView {
    private final Localization l10n;
    private final VBox root;

    @FXML private Label title;
    @FXML private Label error;
    @FXML private TableView<NetworkSummary> table;
    @FXML private TableColumn<NetworkSummary, String> nameColumn;
    @FXML private TableColumn<NetworkSummary, String> stateColumn;
    @FXML private TableColumn<NetworkSummary, String> autostartColumn;
    @FXML private TableColumn<NetworkSummary, String> forwardColumn;
    @FXML private TableColumn<NetworkSummary, String> bridgeColumn;
    @FXML private TableColumn<NetworkSummary, String> addressColumn;
    @FXML private TableColumn<NetworkSummary, String> dhcpColumn;

    public NetworksView(Localization l10n) {
        this.l10n = l10n;
        this.root = ViewLoader.load(this, "Networks.fxml", l10n);
    }

    public VBox root() {
        return root;
    }

    @FXML
    private void initialize() {
        column(nameColumn, NetworkSummary::name);
        column(stateColumn, n -> l10n.lang(n.active() ? "network.active" : "network.inactive"));
        column(autostartColumn, n -> l10n.lang(n.autostart() ? "common.yes" : "common.no"));
        column(forwardColumn, NetworkSummary::forwardMode);
        column(bridgeColumn, n -> orDash(n.bridge()));
        column(addressColumn, n -> n.cidr() == null ? "—" : n.cidr());
        column(dhcpColumn, n -> n.dhcpStart() == null ? "—" : n.dhcpStart() + " – " + n.dhcpEnd());
        table.setPlaceholder(new Label(l10n.lang("network.empty")));
    }

    public void setConnection(ConnectionViewModel c) {
        title.setText(l10n.lang("network.title", c.name()));
        ViewSupport.bindError(error, c.listErrorProperty());
        table.setItems(c.networks());
    }

    private static void column(TableColumn<NetworkSummary, String> col, Function<NetworkSummary, String> value) {
        col.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    }
}
