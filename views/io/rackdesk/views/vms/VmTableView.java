package io.rackdesk.views.vms;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.model.Sizes;
import io.rackdesk.app.model.VmState;
import io.rackdesk.viewmodels.connections.ConnectionState;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.viewmodels.vms.VmRow;
import io.rackdesk.viewmodels.vms.VmTableViewModel;
import io.rackdesk.views.ViewLoader;
import io.rackdesk.views.icons.RackdeskIcon;
import java.util.Comparator;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import atlantafx.base.controls.CustomTextField;
import org.kordamp.ikonli.javafx.FontIcon;

/** The VM table with its filter field (VmTable.fxml). */
public final class VmTableView {
    private final VmTableViewModel viewModel;
    private final Localization l10n;
    private final VBox root;

    @FXML private Label title;
    @FXML private CustomTextField filter;
    @FXML private TableView<VmRow> table;
    @FXML private TableColumn<VmRow, String> nameColumn;
    @FXML private TableColumn<VmRow, String> hostColumn;
    @FXML private TableColumn<VmRow, VmState> stateColumn;
    @FXML private TableColumn<VmRow, Integer> vcpusColumn;
    @FXML private TableColumn<VmRow, Long> memoryColumn;
    @FXML private Label summary;

    public VmTableView(VmTableViewModel viewModel, Localization l10n) {
        this.viewModel = viewModel;
        this.l10n = l10n;
        this.root = ViewLoader.load(this, "VmTable.fxml", l10n);
    }

    public VBox root() {
        return root;
    }

    @FXML
    private void initialize() {
        filter.setLeft(RackdeskIcon.FILTER.node());
        filter.textProperty().bindBidirectional(viewModel.filterTextProperty());

        nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().vm().name()));
        hostColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().hostName()));
        stateColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().vm().state()));
        stateColumn.setCellFactory(col -> new StateCell());
        stateColumn.setComparator(Comparator.comparingInt(VmTableView::stateOrder));
        vcpusColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().vm().vcpus()));
        memoryColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().vm().memoryKiB()));
        memoryColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Long kib, boolean empty) {
                super.updateItem(kib, empty);
                setText(empty || kib == null ? null : Sizes.kib(kib));
            }
        });

        SortedList<VmRow> sorted = new SortedList<>(viewModel.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSortOrder().add(nameColumn);

        summary.textProperty().bind(viewModel.summaryProperty());
        title.textProperty().bind(Bindings.createStringBinding(() -> {
            ConnectionViewModel host = viewModel.hostProperty().get();
            return host == null ? l10n.lang("nav.allVms") : l10n.lang("vm.table.titleForHost", host.name());
        }, viewModel.hostProperty()));
        bindPlaceholder();
        viewModel.hostProperty().addListener((obs, old, host) -> bindPlaceholder());
    }

    private void bindPlaceholder() {
        ConnectionViewModel host = viewModel.hostProperty().get();
        table.placeholderProperty().bind(host == null
                ? Bindings.createObjectBinding(this::placeholder, viewModel.filterTextProperty())
                : Bindings.createObjectBinding(this::placeholder, viewModel.filterTextProperty(), host.stateTextProperty()));
    }

    /** What an empty table says: why there is nothing to show. */
    private Label placeholder() {
        ConnectionViewModel host = viewModel.hostProperty().get();
        String text;
        if (viewModel.filterTextProperty().get() != null && !viewModel.filterTextProperty().get().isBlank()) {
            text = l10n.lang("vm.table.noMatch");
        } else if (host != null && host.getState() != ConnectionState.CONNECTED) {
            text = host.stateTextProperty().get();
        } else {
            text = l10n.lang("vm.table.empty");
        }
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("table-placeholder");
        return l;
    }

    static int stateOrder(VmState s) {
        return switch (s) {
            case RUNNING -> 0;
            case BLOCKED -> 1;
            case PAUSED -> 2;
            case SHUTDOWN -> 3;
            case PMSUSPENDED -> 4;
            case CRASHED -> 5;
            case SHUTOFF -> 6;
            case NOSTATE -> 7;
        };
    }

    static RackdeskIcon stateIcon(VmState s) {
        return switch (s) {
            case RUNNING, BLOCKED -> RackdeskIcon.VM_RUNNING;
            case PAUSED -> RackdeskIcon.VM_PAUSED;
            case SHUTDOWN -> RackdeskIcon.VM_TRANSITION;
            case PMSUSPENDED -> RackdeskIcon.VM_SUSPENDED;
            case CRASHED -> RackdeskIcon.VM_CRASHED;
            case SHUTOFF, NOSTATE -> RackdeskIcon.VM_SHUTOFF;
        };
    }

    /** State cell: icon coloured by state (CSS class vm-state-ID) and the localized name. */
    private final class StateCell extends TableCell<VmRow, VmState> {
        @Override
        protected void updateItem(VmState state, boolean empty) {
            super.updateItem(state, empty);
            if (empty || state == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            FontIcon icon = stateIcon(state).node();
            icon.getStyleClass().add("vm-state-" + state.id().toLowerCase(Locale.ROOT));
            setGraphic(icon);
            setText(viewModel.stateText(state));
        }
    }
}
