package io.rackdesk.views.main;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.settings.Theme;
import io.rackdesk.viewmodels.connections.ConnectionState;
import io.rackdesk.viewmodels.connections.ConnectionViewModel;
import io.rackdesk.viewmodels.main.MainViewModel;
import io.rackdesk.viewmodels.main.NavigationTarget;
import io.rackdesk.views.ViewLoader;
import io.rackdesk.views.connections.ConnectionDialogs;
import io.rackdesk.views.console.ConsoleView;
import io.rackdesk.views.console.ConsolesWindow;
import io.rackdesk.views.icons.RackdeskIcon;
import io.rackdesk.viewmodels.hosts.HostOverviewViewModel;
import io.rackdesk.views.hosts.HostView;
import io.rackdesk.viewmodels.ceph.CephClusterViewModel;
import io.rackdesk.views.ceph.CephClusterDialog;
import io.rackdesk.views.ceph.CephClusterView;
import io.rackdesk.views.Lazy;
import io.rackdesk.views.networks.NetworksView;
import io.rackdesk.views.storage.StorageView;
import io.rackdesk.views.theme.ThemeManager;
import io.rackdesk.views.vmdetails.VmDetailsView;
import io.rackdesk.views.vmdetails.XmlEditorView;
import io.rackdesk.views.vms.VmTableView;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import io.rackdesk.app.inventory.InventoryFormat;
import javafx.scene.control.Button;
import javafx.stage.FileChooser;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.javafx.FontIcon;

/** The main window: navigation tree, content area, status bar (MainWindow.fxml). */
public final class MainView {
    private final MainViewModel viewModel;
    private final Localization l10n;
    private final VmTableView vmTable;
    private final ConsolesWindow consoles;
    private final Lazy<StorageView> storage;
    private final Lazy<NetworksView> networks;
    private final Lazy<HostView> hostPage;
    private final java.util.Map<CephClusterViewModel, CephClusterView> cephPages = new java.util.HashMap<>();
    private CephClusterView shownCeph;
    private final BorderPane root;

    @FXML private TreeView<NavNode> navigation;
    @FXML private StackPane content;
    @FXML private StatusBar statusBar;
    @FXML private Button addButton;
    @FXML private Button addCephButton;
    @FXML private Button connectButton;
    @FXML private Button disconnectButton;
    @FXML private Button refreshButton;
    @FXML private Button themeButton;
    @FXML private ComboBox<Integer> statsInterval;

    private final ProgressIndicator busy = new ProgressIndicator();
    private final Label activity = new Label();

    private final ConnectionDialogs connectionDialogs;

    public MainView(MainViewModel viewModel, Localization l10n, ConnectionDialogs connectionDialogs) {
        this.viewModel = viewModel;
        this.l10n = l10n;
        this.connectionDialogs = connectionDialogs;
        this.vmTable = new VmTableView(viewModel.vmTable(),
                () -> new VmDetailsView(viewModel.vmDetails(), new XmlEditorView(viewModel.xmlEditor(), l10n),
                        new ConsoleView(viewModel.console(), l10n), l10n), l10n);
        // the other pages are made when first shown: a start shows the VM table only
        this.storage = Lazy.of(() -> new StorageView(l10n));
        this.networks = Lazy.of(() -> new NetworksView(l10n));
        this.hostPage = Lazy.of(() -> new HostView(new HostOverviewViewModel(l10n), l10n));
        this.root = ViewLoader.load(this, "MainWindow.fxml", l10n);
        this.consoles = new ConsolesWindow(viewModel.consoles(), l10n);
        vmTable.setOnOpenConsole(vm -> consoles.open(vm, root.getScene() == null ? null : root.getScene().getWindow()));
        vmTable.setOnAttachRbd(vm -> openRbdAttach(null, null, vm));
    }

    /**
     * Opens "Attach RBD image to VM" with what is known preselected (each may be null): the RBD
     * images tab's attach action passes its cluster and image, the VM row menu its VM. Returns the
     * view (tests drive it).
     */
    public io.rackdesk.views.ceph.RbdAttachView openRbdAttach(CephClusterViewModel cluster,
            io.rackdesk.app.ceph.rbd.RbdImageRef image, io.rackdesk.viewmodels.vms.VmItem vm) {
        CephClusterViewModel c = cluster != null ? cluster : image != null ? viewModel.currentCephCluster() : null;
        return io.rackdesk.views.ceph.RbdAttachView.open(root.getScene() == null ? null : root.getScene().getWindow(),
                viewModel.newRbdAttach(c, image, vm), l10n);
    }

    /** The images tab's attach handler: the image on the cluster shown in the window. */
    public java.util.function.Consumer<io.rackdesk.app.ceph.rbd.RbdImageRef> rbdAttachHandler() {
        return image -> openRbdAttach(null, image, null);
    }

    /** The consoles window (one tab per VM console). */
    public ConsolesWindow consoles() {
        return consoles;
    }

    public BorderPane root() {
        return root;
    }

    @FXML
    private void initialize() {
        addButton.setGraphic(RackdeskIcon.ADD.node());
        addCephButton.setGraphic(RackdeskIcon.ADD_CEPH.node());
        connectButton.setGraphic(RackdeskIcon.CONNECT.node());
        disconnectButton.setGraphic(RackdeskIcon.DISCONNECT.node());
        refreshButton.setGraphic(RackdeskIcon.REFRESH.node());
        themeButton.graphicProperty().bind(Bindings.createObjectBinding(
                () -> (viewModel.themeProperty().get() == Theme.DARK ? RackdeskIcon.THEME_LIGHT : RackdeskIcon.THEME_DARK).node(),
                viewModel.themeProperty()));
        themeButton.tooltipProperty().bind(Bindings.createObjectBinding(
                () -> new Tooltip(l10n.lang(viewModel.themeProperty().get() == Theme.DARK ? "toolbar.theme.light" : "toolbar.theme.dark")),
                viewModel.themeProperty()));

        statsInterval.getItems().setAll(1, 2, 5, 10, 30);
        if (!statsInterval.getItems().contains(viewModel.getStatsIntervalSeconds())) {
            statsInterval.getItems().add(viewModel.getStatsIntervalSeconds());
        }
        statsInterval.setValue(viewModel.getStatsIntervalSeconds());
        statsInterval.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer s) {
                return s == null ? "" : l10n.lang("toolbar.statsIntervalValue", s);
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        statsInterval.valueProperty().addListener((obs, old, now) -> {
            if (now != null && !now.equals(old)) {
                viewModel.setStatsIntervalSeconds(now);
            }
        });

        buildTree();
        viewModel.connections().addListener((ListChangeListener<ConnectionViewModel>) c -> {
            while (c.next()) {
                if (c.wasAdded() || c.wasRemoved()) {
                    buildTree();
                    return;
                }
            }
        });
        viewModel.cephClusters().addListener((ListChangeListener<CephClusterViewModel>) c -> {
            while (c.next()) {
                if (c.wasAdded() || c.wasRemoved()) {
                    cephPages.keySet().retainAll(viewModel.cephClusters());
                    buildTree();
                    return;
                }
            }
        });
        navigation.setCellFactory(tv -> new NavCell());
        navigation.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item != null) {
                viewModel.selectionProperty().set(item.getValue().target());
            }
        });
        viewModel.selectionProperty().addListener((obs, old, target) -> show(target));
        navigation.getSelectionModel().selectFirst();
        show(viewModel.selectionProperty().get());

        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(viewModel.runningTasksProperty().greaterThan(0));
        activity.textProperty().bind(viewModel.activityProperty());
        HBox right = new HBox(6, activity, busy);
        right.getStyleClass().add("status-activity");
        statusBar.getRightItems().add(right);
        statusBar.textProperty().bind(Bindings.createStringBinding(() -> viewModel.lastExportProperty().get().isEmpty()
                ? viewModel.connectionSummaryProperty().get()
                : viewModel.connectionSummaryProperty().get() + " · " + viewModel.lastExportProperty().get(),
                viewModel.connectionSummaryProperty(), viewModel.lastExportProperty()));

        ObservableValue<ConnectionViewModel> selected = Bindings.createObjectBinding(this::selectedConnection,
                navigation.getSelectionModel().selectedItemProperty());
        // re-evaluate the buttons when the selection or any connection's state changes
        Runnable updateButtons = () -> {
            ConnectionViewModel c = selectedConnection();
            ConnectionState s = c == null ? null : c.getState();
            CephClusterViewModel ceph = selectedCeph();
            if (ceph != null) {
                ConnectionState cs = ceph.getState();
                connectButton.setDisable(cs != ConnectionState.DISCONNECTED && cs != ConnectionState.FAILED);
                disconnectButton.setDisable(cs == ConnectionState.DISCONNECTED);
                refreshButton.setDisable(cs != ConnectionState.CONNECTED);
                return;
            }
            connectButton.setDisable(c == null || s == ConnectionState.CONNECTED || s == ConnectionState.CONNECTING);
            disconnectButton.setDisable(c == null || s == ConnectionState.DISCONNECTED);
            refreshButton.setDisable(c != null && s != ConnectionState.CONNECTED);
        };
        selected.addListener((obs, o, n) -> updateButtons.run());
        viewModel.connections().addListener((ListChangeListener<ConnectionViewModel>) c -> updateButtons.run());
        viewModel.cephClusters().addListener((ListChangeListener<CephClusterViewModel>) c -> updateButtons.run());
        updateButtons.run();
    }

    @FXML
    private void toggleTheme() {
        viewModel.toggleTheme();
        ThemeManager.apply(viewModel.themeProperty().get());
    }

    @FXML
    private void exportJson() {
        export(InventoryFormat.JSON);
    }

    @FXML
    private void exportCsv() {
        export(InventoryFormat.CSV);
    }

    private void export(InventoryFormat format) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(l10n.lang("toolbar.export"));
        chooser.setInitialFileName("rackdesk-inventory." + format.id());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.id().toUpperCase(java.util.Locale.ROOT), "*." + format.id()));
        java.io.File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file != null) {
            viewModel.exportInventory(file.toPath(), format);
        }
    }

    @FXML
    private void addConnection() {
        connectionDialogs.add(root.getScene().getWindow(), viewModel);
    }

    @FXML
    private void addCephCluster() {
        CephClusterDialog.show(root.getScene().getWindow(), viewModel.newCephClusterDialog(), l10n).ifPresent(viewModel::addCephCluster);
    }

    @FXML
    private void connectSelected() {
        if (selectedCeph() != null) {
            selectedCeph().connect();
            return;
        }
        ConnectionViewModel c = selectedConnection();
        if (c != null) {
            c.connect();
        }
    }

    @FXML
    private void disconnectSelected() {
        if (selectedCeph() != null) {
            selectedCeph().disconnect();
            return;
        }
        ConnectionViewModel c = selectedConnection();
        if (c != null) {
            c.disconnect();
        }
    }

    @FXML
    private void refresh() {
        NavigationTarget t = viewModel.selectionProperty().get();
        if (t instanceof NavigationTarget.HostStorage s) {
            s.connection().refreshStorage();
        } else if (t instanceof NavigationTarget.HostNetworks n) {
            n.connection().refreshNetworks();
        } else if (t instanceof NavigationTarget.HostVms h) {
            h.connection().refreshVms();
        } else if (t instanceof NavigationTarget.Host h) {
            h.connection().refreshHost();
        } else if (t instanceof NavigationTarget.CephCluster c) {
            cephPage(c.cluster()).refresh();
        } else {
            viewModel.connections().forEach(ConnectionViewModel::refreshVms);
        }
    }

    private CephClusterViewModel selectedCeph() {
        TreeItem<NavNode> item = navigation.getSelectionModel().getSelectedItem();
        return item == null ? null : item.getValue().ceph();
    }

    private CephClusterView cephPage(CephClusterViewModel c) {
        return cephPages.computeIfAbsent(c, x -> {
            x.rbd().attachHandlerProperty().set(image -> openRbdAttach(x, image, null));   // the RBD page's "Attach to VM…"
            return new CephClusterView(x, l10n);
        });
    }

    private ConnectionViewModel selectedConnection() {
        TreeItem<NavNode> item = navigation.getSelectionModel().getSelectedItem();
        return item == null ? null : item.getValue().connection();
    }

    private void show(NavigationTarget target) {
        if (shownCeph != null) {
            shownCeph.setShown(false);
            shownCeph = null;
        }
        if (target instanceof NavigationTarget.CephCluster c) {
            shownCeph = cephPage(c.cluster());
            content.getChildren().setAll(shownCeph.root());
            shownCeph.setShown(true);
        } else if (target instanceof NavigationTarget.HostStorage s) {
            storage.get().setConnection(s.connection());
            content.getChildren().setAll(storage.get().root());
        } else if (target instanceof NavigationTarget.HostNetworks n) {
            networks.get().setConnection(n.connection());
            content.getChildren().setAll(networks.get().root());
        } else if (target instanceof NavigationTarget.Host h) {
            hostPage.get().setConnection(h.connection());
            content.getChildren().setAll(hostPage.get().root());
        } else {
            content.getChildren().setAll(vmTable.root());
        }
    }

    private void buildTree() {
        TreeItem<NavNode> top = new TreeItem<>();
        top.getChildren().add(new TreeItem<>(new NavNode(NavNode.Kind.ALL_VMS, null)));
        for (ConnectionViewModel c : viewModel.connections()) {
            TreeItem<NavNode> host = new TreeItem<>(new NavNode(NavNode.Kind.HOST, c));
            host.setExpanded(true);
            host.getChildren().add(new TreeItem<>(new NavNode(NavNode.Kind.VMS, c)));
            host.getChildren().add(new TreeItem<>(new NavNode(NavNode.Kind.STORAGE, c)));
            host.getChildren().add(new TreeItem<>(new NavNode(NavNode.Kind.NETWORKS, c)));
            top.getChildren().add(host);
        }
        for (CephClusterViewModel c : viewModel.cephClusters()) {
            top.getChildren().add(new TreeItem<>(new NavNode(c)));
        }
        navigation.setRoot(top);
        navigation.setShowRoot(false);
    }

    /** Tree cell: text and icon per node; host nodes follow their connection's state. */
    private final class NavCell extends TreeCell<NavNode> {
        @Override
        protected void updateItem(NavNode node, boolean empty) {
            super.updateItem(node, empty);
            textProperty().unbind();
            graphicProperty().unbind();
            tooltipProperty().unbind();
            getStyleClass().removeAll("nav-host", "nav-failed", "nav-ceph");
            if (empty || node == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            switch (node.kind()) {
                case ALL_VMS -> label(l10n.lang("nav.allVms"), RackdeskIcon.ALL_VMS);
                case VMS -> label(l10n.lang("nav.vms"), RackdeskIcon.VMS);
                case STORAGE -> label(l10n.lang("nav.storage"), RackdeskIcon.STORAGE);
                case NETWORKS -> label(l10n.lang("nav.networks"), RackdeskIcon.NETWORKS);
                case HOST -> {
                    ConnectionViewModel c = node.connection();
                    getStyleClass().add("nav-host");
                    setText(c.name());
                    setContextMenu(hostMenu(c));
                    graphicProperty().bind(Bindings.createObjectBinding(() -> stateIcon(c.getState()), c.stateProperty()));
                    tooltipProperty().bind(Bindings.createObjectBinding(
                            () -> new Tooltip(c.uri() + "\n" + c.stateTextProperty().get()), c.stateTextProperty()));
                }
                case CEPH -> {
                    CephClusterViewModel c = node.ceph();
                    getStyleClass().add("nav-ceph");
                    textProperty().bind(c.treeTextProperty());
                    setContextMenu(cephMenu(c));
                    graphicProperty().bind(Bindings.createObjectBinding(() -> cephIcon(c.getState(), c.healthProperty().get()),
                            c.stateProperty(), c.healthProperty()));
                    tooltipProperty().bind(Bindings.createObjectBinding(
                            () -> new Tooltip(c.settings().where() + "\n" + c.stateTextProperty().get()), c.stateTextProperty()));
                }
            }
        }

        private void label(String text, RackdeskIcon icon) {
            setText(text);
            setGraphic(icon.node());
            setTooltip(null);
            setContextMenu(null);
        }
    }

    /** Right-click on a host: open, close, and keep a connection given with --connect. */
    private ContextMenu hostMenu(ConnectionViewModel c) {
        MenuItem connect = new MenuItem(l10n.lang("toolbar.connect"), RackdeskIcon.CONNECT.node());
        connect.setOnAction(e -> c.connect());
        connect.disableProperty().bind(Bindings.createBooleanBinding(
                () -> c.getState() == ConnectionState.CONNECTED || c.getState() == ConnectionState.CONNECTING, c.stateProperty()));
        MenuItem disconnect = new MenuItem(l10n.lang("toolbar.disconnect"), RackdeskIcon.DISCONNECT.node());
        disconnect.setOnAction(e -> c.disconnect());
        disconnect.disableProperty().bind(c.stateProperty().isEqualTo(ConnectionState.DISCONNECTED));
        MenuItem edit = new MenuItem(l10n.lang("connection.edit"));
        edit.setOnAction(e -> connectionDialogs.edit(root.getScene().getWindow(), viewModel, c));
        MenuItem duplicate = new MenuItem(l10n.lang("connection.duplicate"));
        duplicate.setOnAction(e -> connectionDialogs.duplicate(root.getScene().getWindow(), viewModel, c));
        MenuItem remove = new MenuItem(l10n.lang("connection.remove"));
        remove.setOnAction(e -> connectionDialogs.remove(root.getScene().getWindow(), viewModel, c));
        ContextMenu menu = new ContextMenu(connect, disconnect, new javafx.scene.control.SeparatorMenuItem(), edit, duplicate, remove);
        if (viewModel.isTemporary(c)) {
            MenuItem keep = new MenuItem(l10n.lang("connection.keep"));
            keep.setOnAction(e -> {
                viewModel.keepConnection(c);
                menu.getItems().remove(keep);
            });
            menu.getItems().add(keep);
        }
        return menu;
    }

    /** Right-click on a Ceph cluster: watch, stop watching, forget. */
    private ContextMenu cephMenu(CephClusterViewModel c) {
        MenuItem connect = new MenuItem(l10n.lang("toolbar.connect"), RackdeskIcon.CONNECT.node());
        connect.setOnAction(e -> c.connect());
        connect.disableProperty().bind(Bindings.createBooleanBinding(
                () -> c.getState() != ConnectionState.DISCONNECTED && c.getState() != ConnectionState.FAILED, c.stateProperty()));
        MenuItem disconnect = new MenuItem(l10n.lang("toolbar.disconnect"), RackdeskIcon.DISCONNECT.node());
        disconnect.setOnAction(e -> c.disconnect());
        disconnect.disableProperty().bind(c.stateProperty().isEqualTo(ConnectionState.DISCONNECTED));
        MenuItem remove = new MenuItem(l10n.lang("connection.remove"), RackdeskIcon.REMOVE.node());
        remove.setOnAction(e -> viewModel.removeCephCluster(c));
        return new ContextMenu(connect, disconnect, new javafx.scene.control.SeparatorMenuItem(), remove);
    }

    /** A connected cluster's icon follows its health: check, warning, error. */
    static javafx.scene.Node cephIcon(ConnectionState s, String health) {
        if (s != ConnectionState.CONNECTED || "HEALTH_OK".equals(health) || health == null || health.isEmpty()) {
            return stateIcon(s);
        }
        FontIcon icon = ("HEALTH_ERR".equals(health) ? RackdeskIcon.FAILED : RackdeskIcon.WARNING).node();
        icon.getStyleClass().add("HEALTH_ERR".equals(health) ? "ceph-icon-err" : "ceph-icon-warn");
        return icon;
    }

    static javafx.scene.Node stateIcon(ConnectionState s) {
        RackdeskIcon which = switch (s) {
            case CONNECTED -> RackdeskIcon.CONNECTED;
            case CONNECTING -> RackdeskIcon.CONNECTING;
            case FAILED -> RackdeskIcon.FAILED;
            case RETRYING -> RackdeskIcon.RETRYING;
            case DISCONNECTED -> RackdeskIcon.DISCONNECTED;
        };
        FontIcon icon = which.node();
        icon.getStyleClass().add("connection-" + s.name().toLowerCase(java.util.Locale.ROOT));
        return icon;
    }
}
