package io.rackdesk.views.vms;

import atlantafx.base.controls.CustomTextField;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.model.Sizes;
import io.rackdesk.app.model.VmAction;
import io.rackdesk.app.model.VmLiveStats;
import io.rackdesk.app.model.VmState;
import io.rackdesk.app.stats.StatsHistory.Series;
import io.rackdesk.viewmodels.connections.ConnectionState;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.viewmodels.vms.VmItem;
import io.rackdesk.viewmodels.vms.VmLive;
import io.rackdesk.viewmodels.vms.VmTableViewModel;
import io.rackdesk.views.ViewLoader;
import io.rackdesk.views.icons.RackdeskIcon;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import io.rackdesk.views.vmdetails.VmDetailsView;
import org.controlsfx.control.MasterDetailPane;
import org.kordamp.ikonli.javafx.FontIcon;

/** The VM table with its filter field and lifecycle actions (VmTable.fxml). */
public final class VmTableView {
    private final VmTableViewModel viewModel;
    private final Localization l10n;
    private final VBox root;
    private final Supplier<VmDetailsView> detailsFactory;
    /** Made on the first single selection: building it (charts, trees, the XML editor) was a third of start-up. */
    private VmDetailsView details;
    private java.util.function.Consumer<VmItem> onOpenConsole;
    /** Opens "Attach RBD image to VM" for a VM (set by the main window). */
    private java.util.function.Consumer<VmItem> onAttachRbd;

    @FXML private Label title;
    @FXML private CustomTextField filter;
    @FXML private HBox actions;
    @FXML private TableView<VmItem> table;
    @FXML private TableColumn<VmItem, String> nameColumn;
    @FXML private TableColumn<VmItem, String> hostColumn;
    @FXML private TableColumn<VmItem, VmState> stateColumn;
    @FXML private TableColumn<VmItem, Integer> vcpusColumn;
    @FXML private TableColumn<VmItem, Long> memoryColumn;
    @FXML private TableColumn<VmItem, VmLive> cpuColumn;
    @FXML private TableColumn<VmItem, VmLive> memUsageColumn;
    @FXML private TableColumn<VmItem, VmLive> diskColumn;
    @FXML private TableColumn<VmItem, VmLive> netColumn;
    @FXML private TableColumn<VmItem, List<String>> tagsColumn;
    @FXML private Label summary;
    @FXML private MasterDetailPane split;

    /** Buttons shown above the table, in this order; the rest are in the "More" menu. */
    private static final List<VmAction> MAIN_ACTIONS = List.of(VmAction.START, VmAction.SHUTDOWN, VmAction.REBOOT,
            VmAction.FORCE_OFF, VmAction.PAUSE, VmAction.RESUME);
    private static final List<VmAction> MORE_ACTIONS = List.of(VmAction.RESET, VmAction.SAVE, VmAction.AUTOSTART_ON,
            VmAction.AUTOSTART_OFF);
    private static final Map<VmAction, RackdeskIcon> ICONS = Map.of(
            VmAction.START, RackdeskIcon.VM_RUNNING, VmAction.SHUTDOWN, RackdeskIcon.POWER,
            VmAction.REBOOT, RackdeskIcon.RESTART, VmAction.FORCE_OFF, RackdeskIcon.FORCE_OFF,
            VmAction.PAUSE, RackdeskIcon.VM_PAUSED, VmAction.RESUME, RackdeskIcon.RESUME);

    /** {@code details} makes the details pane, called once, when a single VM is first selected. */
    /** What "Open console" does with the selected VM (the main window: a tab in the consoles window); unset, the details' Console tab opens. */
    public void setOnOpenConsole(java.util.function.Consumer<VmItem> action) {
        onOpenConsole = action;
    }

    public VmTableView(VmTableViewModel viewModel, Supplier<VmDetailsView> details, Localization l10n) {
        this.viewModel = viewModel;
        this.l10n = l10n;
        this.detailsFactory = details;
        this.root = ViewLoader.load(this, "VmTable.fxml", l10n);
    }

    public VBox root() {
        return root;
    }

    @FXML
    private void initialize() {
        filter.setLeft(RackdeskIcon.FILTER.node());
        filter.textProperty().bindBidirectional(viewModel.filterTextProperty());

        nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        NameOrder names = new NameOrder();
        nameColumn.setComparator(names);
        hostColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().hostName()));
        hostColumn.setComparator(names);
        stateColumn.setCellValueFactory(c -> c.getValue().stateProperty());
        stateColumn.setCellFactory(col -> new StateCell());
        stateColumn.setComparator(Comparator.comparingInt(VmTableView::stateOrder));
        vcpusColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().summary().vcpus()));
        memoryColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().summary().memoryKiB()));
        memoryColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Long kib, boolean empty) {
                super.updateItem(kib, empty);
                setText(empty || kib == null ? null : Sizes.kib(kib));
            }
        });
        cpuColumn.setCellValueFactory(c -> c.getValue().liveProperty());
        cpuColumn.setCellFactory(col -> new SparklineCell(Series.CPU, VmLiveStats::cpuPercent,
                s -> String.format(Locale.ROOT, "%.0f %%", s.cpuPercent())));
        cpuColumn.setComparator(byStat(VmLiveStats::cpuPercent));
        memUsageColumn.setCellValueFactory(c -> c.getValue().liveProperty());
        memUsageColumn.setCellFactory(col -> new SparklineCell(Series.MEMORY, VmLiveStats::memoryPercent,
                s -> Sizes.kib(s.memoryUsedKiB())));
        memUsageColumn.setComparator(byStat(VmLiveStats::memoryPercent));
        diskColumn.setCellValueFactory(c -> c.getValue().liveProperty());
        diskColumn.setCellFactory(col -> new RateCell(VmLiveStats::diskBps));
        diskColumn.setComparator(byStat(VmLiveStats::diskBps));
        netColumn.setCellValueFactory(c -> c.getValue().liveProperty());
        netColumn.setCellFactory(col -> new RateCell(VmLiveStats::netBps));
        netColumn.setComparator(byStat(VmLiveStats::netBps));
        tagsColumn.setCellValueFactory(c -> Bindings.createObjectBinding(() -> c.getValue().tags(), c.getValue().summaryProperty()));
        tagsColumn.setCellFactory(col -> new TagsCell());
        tagsColumn.setSortable(false);

        SortedList<VmItem> sorted = new SortedList<>(viewModel.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSortOrder().add(nameColumn);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<VmItem>) c ->
                viewModel.selection().setAll(List.copyOf(table.getSelectionModel().getSelectedItems())));
        ContextMenu rowMenu = contextMenu(); // one menu for every row: it acts on the selection
        table.setRowFactory(tv -> {
            TableRow<VmItem> row = new TableRow<>();
            row.contextMenuProperty().bind(Bindings.when(row.emptyProperty()).then((ContextMenu) null).otherwise(rowMenu));
            return row;
        });
        buildActionBar();
        split.setAnimated(false);
        viewModel.singleSelectionProperty().addListener((obs, old, vm) -> showDetails(vm != null));
        showDetails(viewModel.singleSelectionProperty().get() != null);

        summary.textProperty().bind(viewModel.summaryProperty());
        title.textProperty().bind(Bindings.createStringBinding(() -> {
            ConnectionViewModel host = viewModel.hostProperty().get();
            return host == null ? l10n.lang("nav.allVms") : l10n.lang("vm.table.titleForHost", host.name());
        }, viewModel.hostProperty()));
        bindPlaceholder();
        viewModel.hostProperty().addListener((obs, old, host) -> bindPlaceholder());
    }

    private void buildActionBar() {
        for (VmAction a : MAIN_ACTIONS) {
            Button b = new Button(viewModel.actionText(a), ICONS.get(a).node());
            b.setId("action-" + a.name().toLowerCase(Locale.ROOT));
            b.disableProperty().bind(Bindings.createBooleanBinding(
                    () -> !viewModel.availableActionsProperty().get().contains(a), viewModel.availableActionsProperty()));
            b.setOnAction(e -> viewModel.perform(a));
            actions.getChildren().add(b);
        }
        MenuButton more = new MenuButton(l10n.lang("vm.action.more"));
        more.setId("action-more");
        more.getItems().setAll(moreItems());
        actions.getChildren().add(more);
    }

    private List<MenuItem> moreItems() {
        List<MenuItem> items = new java.util.ArrayList<>();
        for (VmAction a : MORE_ACTIONS) {
            items.add(actionItem(a));
        }
        items.add(new SeparatorMenuItem());
        MenuItem tags = new MenuItem(l10n.lang("vm.tags.edit"));
        tags.setId("action-tags");
        tags.disableProperty().bind(Bindings.size(viewModel.selection()).isNotEqualTo(1));
        tags.setOnAction(e -> viewModel.editTags(viewModel.selection().get(0)));
        items.add(tags);
        return items;
    }

    private MenuItem actionItem(VmAction a) {
        MenuItem item = new MenuItem(viewModel.actionText(a));
        item.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !viewModel.availableActionsProperty().get().contains(a), viewModel.availableActionsProperty()));
        item.setOnAction(e -> viewModel.perform(a));
        return item;
    }

    private ContextMenu contextMenu() {
        ContextMenu menu = new ContextMenu();
        MenuItem console = new MenuItem(l10n.lang("vm.openConsole"), RackdeskIcon.CONSOLE.node());
        console.disableProperty().bind(viewModel.singleSelectionProperty().isNull());
        console.setOnAction(e -> {
            VmItem vm = viewModel.singleSelectionProperty().get();
            if (onOpenConsole != null && vm != null) {
                onOpenConsole.accept(vm); // the consoles window: one tab per VM
                return;
            }
            showDetails(vm != null);
            if (details != null) {
                details.showConsole();
            }
        });
        MenuItem attachRbd = new MenuItem(l10n.lang("vm.attachRbd"), RackdeskIcon.VOLUME.node());
        attachRbd.setId("action-attach-rbd");
        attachRbd.disableProperty().bind(viewModel.singleSelectionProperty().isNull());
        attachRbd.setOnAction(e -> {
            VmItem vm = viewModel.singleSelectionProperty().get();
            if (vm != null && onAttachRbd != null) {
                onAttachRbd.accept(vm);
            }
        });
        menu.getItems().addAll(console, attachRbd, new SeparatorMenuItem());
        for (VmAction a : MAIN_ACTIONS) {
            menu.getItems().add(actionItem(a));
        }
        menu.getItems().add(new SeparatorMenuItem());
        menu.getItems().addAll(moreItems());
        return menu;
    }

    /** What "Attach Ceph RBD disk…" in the row menu does with the selected VM. */
    public void setOnAttachRbd(java.util.function.Consumer<VmItem> handler) {
        this.onAttachRbd = handler;
    }

    private void bindPlaceholder() {
        ConnectionViewModel host = viewModel.hostProperty().get();
        table.placeholderProperty().bind(host == null
                ? Bindings.createObjectBinding(this::placeholder, viewModel.filterTextProperty(), viewModel.connectionProblemsProperty())
                : Bindings.createObjectBinding(this::placeholder, viewModel.filterTextProperty(), host.stateTextProperty()));
    }

    private void showDetails(boolean show) {
        if (show && details == null) {
            details = detailsFactory.get();
            split.setDetailNode(details.root());
        }
        split.setShowDetailNode(show);
    }

    /** What an empty table says: why there is nothing to show. */
    private Label placeholder() {
        ConnectionViewModel host = viewModel.hostProperty().get();
        String text;
        if (viewModel.filterTextProperty().get() != null && !viewModel.filterTextProperty().get().isBlank()) {
            text = l10n.lang("vm.table.noMatch");
        } else if (host != null && host.getState() != ConnectionState.CONNECTED) {
            text = host.stateTextProperty().get();
        } else if (host == null && !viewModel.connectionProblemsProperty().get().isEmpty()) {
            text = l10n.lang("vm.table.empty") + "\n\n" + viewModel.connectionProblemsProperty().get();
        } else {
            text = l10n.lang("vm.table.empty");
        }
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("table-placeholder");
        return l;
    }

    private static Comparator<VmLive> byStat(ToDoubleFunction<VmLiveStats> f) {
        return Comparator.nullsFirst(Comparator.comparingDouble(l -> Double.isNaN(f.applyAsDouble(l.stats())) ? -1 : f.applyAsDouble(l.stats())));
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
    private final class StateCell extends TableCell<VmItem, VmState> {
        /** One icon per state, made once per cell: a cell reused for another row adds no nodes. */
        private final Map<VmState, FontIcon> icons = new EnumMap<>(VmState.class);

        @Override
        protected void updateItem(VmState state, boolean empty) {
            super.updateItem(state, empty);
            if (empty || state == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setGraphic(icons.computeIfAbsent(state, s -> {
                FontIcon icon = stateIcon(s).node();
                icon.getStyleClass().add("vm-state-" + s.id());
                return icon;
            }));
            setText(viewModel.stateText(state));
        }
    }

    /** A bytes-per-second figure. */
    private static final class RateCell extends TableCell<VmItem, VmLive> {
        private final ToDoubleFunction<VmLiveStats> rate;

        RateCell(ToDoubleFunction<VmLiveStats> rate) {
            this.rate = rate;
            getStyleClass().add("numeric");
        }

        @Override
        protected void updateItem(VmLive live, boolean empty) {
            super.updateItem(live, empty);
            setText(empty || live == null ? null : Sizes.rate(rate.applyAsDouble(live.stats())));
        }
    }

    /** Tags as small rounded labels. */
    private static final class TagsCell extends TableCell<VmItem, List<String>> {
        @Override
        protected void updateItem(List<String> tags, boolean empty) {
            super.updateItem(tags, empty);
            if (empty || tags == null || tags.isEmpty()) {
                setGraphic(null);
                setText(null);
                return;
            }
            HBox box = new HBox(4);
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            for (String t : tags) {
                Label l = new Label(t);
                l.getStyleClass().add("tag-label");
                box.getChildren().add(l);
            }
            setGraphic(box);
            setText(null);
        }
    }

    /** For tests and callers: the actions a user can click right now. */
    Set<VmAction> enabledActions() {
        return viewModel.availableActionsProperty().get();
    }
}
