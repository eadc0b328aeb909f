package io.rackdesk.views.vmdetails;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.model.BackingImage;
import io.rackdesk.app.model.SnapshotInfo;
import io.rackdesk.app.model.SnapshotTree;
import io.rackdesk.app.model.VmDefinition;
import io.rackdesk.app.model.VmDetails;
import io.rackdesk.app.model.VmDisk;
import io.rackdesk.app.stats.StatsHistory.Series;
import io.rackdesk.viewmodels.Fact;
import io.rackdesk.viewmodels.vmdetails.VmDetailsViewModel;
import io.rackdesk.viewmodels.vms.VmLive;
import io.rackdesk.viewmodels.console.ConsoleViewModel;
import io.rackdesk.views.ViewLoader;
import io.rackdesk.views.console.ConsoleView;
import io.rackdesk.views.ViewSupport;
import io.rackdesk.views.icons.RackdeskIcon;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;

/** The details of one VM (VmDetails.fxml): overview and live charts, more tabs as features land. */
public final class VmDetailsView {
    private final VmDetailsViewModel viewModel;
    private final Localization l10n;
    private final TabPane root;
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @FXML private TabPane tabs;
    @FXML private GridPane overview;
    @FXML private AreaChart<Number, Number> cpuChart;
    @FXML private AreaChart<Number, Number> memoryChart;
    @FXML private AreaChart<Number, Number> diskChart;
    @FXML private AreaChart<Number, Number> netChart;
    @FXML private TreeTableView<DiskRow> disks;
    @FXML private TreeTableColumn<DiskRow, String> diskTarget;
    @FXML private TreeTableColumn<DiskRow, String> diskKind;
    @FXML private TreeTableColumn<DiskRow, String> diskFormat;
    @FXML private TreeTableColumn<DiskRow, String> diskSource;
    @FXML private GridPane nics;
    @FXML private GridPane graphics;
    @FXML private GridPane consoles;
    @FXML private TreeTableView<SnapshotTree.Node> snapshots;
    @FXML private TreeTableColumn<SnapshotTree.Node, String> snapshotName;
    @FXML private TreeTableColumn<SnapshotTree.Node, String> snapshotCreated;
    @FXML private TreeTableColumn<SnapshotTree.Node, String> snapshotState;
    @FXML private TreeTableColumn<SnapshotTree.Node, String> snapshotDescription;
    @FXML private Button snapshotCreate;
    @FXML private Button snapshotRevert;
    @FXML private MenuButton snapshotDelete;
    @FXML private ProgressIndicator busy;
    @FXML private Label error;

    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");

    /** A disk row, or one image of its backing chain. */
    record DiskRow(String target, String kind, String format, String source) {
    }

    private final XmlEditorView xmlEditor;
    private final ConsoleView console;
    private Stage consoleWindow;

    public VmDetailsView(VmDetailsViewModel viewModel, XmlEditorView xmlEditor, ConsoleView console, Localization l10n) {
        this.viewModel = viewModel;
        this.l10n = l10n;
        this.xmlEditor = xmlEditor;
        this.console = console;
        this.root = ViewLoader.load(this, "VmDetails.fxml", l10n);
    }

    public TabPane root() {
        return root;
    }

    @FXML
    private void initialize() {
        viewModel.overview().addListener((ListChangeListener<Fact>) c -> fillOverview());
        viewModel.liveProperty().addListener((obs, old, live) -> plot(live));
        for (AreaChart<Number, Number> chart : java.util.List.of(cpuChart, memoryChart, diskChart, netChart)) {
            chart.setAnimated(false);
            chart.setCreateSymbols(false);
            chart.setLegendVisible(false);
            chart.getData().add(new XYChart.Series<>());
        }
        fillOverview();
        plot(viewModel.liveProperty().get()); // made after the VM was selected: draw what is there already

        column(diskTarget, DiskRow::target);
        column(diskKind, DiskRow::kind);
        column(diskFormat, DiskRow::format);
        column(diskSource, DiskRow::source);
        snapshotColumn(snapshotName, s -> s.current() ? l10n.lang("snapshot.current", s.name()) : s.name());
        snapshotColumn(snapshotCreated, s -> s.creationTimeEpochSeconds() <= 0 ? "—"
                : CREATED.format(Instant.ofEpochSecond(s.creationTimeEpochSeconds()).atZone(ZoneId.systemDefault())));
        snapshotColumn(snapshotState, s -> ViewSupport.orDash(s.state()));
        snapshotColumn(snapshotDescription, s -> ViewSupport.orDash(s.description()));
        snapshots.setRowFactory(tv -> new TreeTableRow<>() {
            @Override
            protected void updateItem(SnapshotTree.Node n, boolean empty) {
                super.updateItem(n, empty);
                pseudoClassStateChanged(CURRENT, !empty && n != null && n.snapshot().current());
            }
        });
        viewModel.detailsProperty().addListener((obs, old, d) -> showDefinition(d));
        viewModel.snapshotRoots().addListener((ListChangeListener<SnapshotTree.Node>) c -> showSnapshots());
        var selected = snapshots.getSelectionModel().selectedItemProperty();
        snapshotRevert.disableProperty().bind(selected.isNull().or(viewModel.busyProperty()));
        snapshotDelete.disableProperty().bind(selected.isNull().or(viewModel.busyProperty()));
        snapshotCreate.disableProperty().bind(viewModel.vmProperty().isNull().or(viewModel.busyProperty()));
        busy.visibleProperty().bind(viewModel.busyProperty());
        ViewSupport.bindError(error, viewModel.errorProperty());
        showDefinition(viewModel.detailsProperty().get());
        showSnapshots();

        // the XML is read only when its tab is open, for the VM shown
        Tab xmlTab = new Tab(l10n.lang("vm.details.xmlTab"), xmlEditor.root());
        xmlTab.setId("xmlTab");
        tabs.getTabs().add(xmlTab);
        Runnable loadXml = () -> {
            if (xmlTab.isSelected() && viewModel.vmProperty().get() != null) {
                xmlEditor.setVm(viewModel.vmProperty().get());
            }
        };
        xmlTab.selectedProperty().addListener((obs, was, is) -> loadXml.run());
        viewModel.vmProperty().addListener((obs, old, now) -> loadXml.run());
        addConsoleTab();
    }

    /**
     * The Console tab: the selected VM's console opens when the tab is shown and closes when it is
     * left or another VM is selected, unless it was detached to its own window.
     */
    /** Shows the Console tab (the VM table's "Open console"). */
    public void showConsole() {
        tabs.getTabs().stream().filter(t -> "consoleTab".equals(t.getId())).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    private void addConsoleTab() {
        Tab consoleTab = new Tab(l10n.lang("vm.details.consoleTab"), console.root());
        consoleTab.setId("consoleTab");
        consoleTab.setGraphic(RackdeskIcon.CONSOLE.node());
        tabs.getTabs().add(consoleTab);
        ConsoleViewModel cvm = console.viewModel();
        Runnable follow = () -> {
            if (consoleWindow != null) {
                return; // a detached console stays with its VM
            }
            var vm = viewModel.vmProperty().get();
            if (consoleTab.isSelected() && vm != null) {
                if (cvm.vm() != vm) {
                    cvm.open(vm);
                }
            } else {
                cvm.close();
            }
        };
        consoleTab.selectedProperty().addListener((obs, was, is) -> follow.run());
        viewModel.vmProperty().addListener((obs, old, now) -> follow.run());
        console.setOnDetach(() -> {
            if (consoleWindow != null) {
                consoleWindow.toFront();
                return;
            }
            Label placeholder = new Label(l10n.lang("console.detached"));
            placeholder.getStyleClass().add("console-detached");
            consoleTab.setContent(placeholder);
            Stage window = new Stage();
            window.setTitle(l10n.lang("console.window.title", cvm.vm() == null ? "" : cvm.vm().name()));
            javafx.scene.Scene scene = new javafx.scene.Scene(console.root(), 1024, 720);
            scene.getStylesheets().setAll(root.getScene().getStylesheets());
            window.setScene(scene);
            window.getIcons().setAll(((Stage) root.getScene().getWindow()).getIcons());
            window.setOnHidden(e -> {
                consoleWindow = null;
                window.setScene(null);
                consoleTab.setContent(console.root()); // back in the tab
                follow.run();
            });
            consoleWindow = window;
            window.show();
        });
    }

    @FXML
    private void createSnapshot() {
        String name = "";
        String description = "";
        boolean memory = viewModel.vmProperty().get().getState().isActive();
        while (true) {
            Optional<SnapshotDialog.Answer> answer = SnapshotDialog.ask(root.getScene().getWindow(), l10n,
                    viewModel.vmProperty().get().name(), name, description, memory);
            if (answer.isEmpty()) {
                return;
            }
            SnapshotDialog.Answer a = answer.get();
            if (viewModel.createSnapshot(a.name(), a.description(), a.withMemory())) {
                return;
            }
            // a name libvirt would refuse: the error is shown, ask again with what was typed
            name = a.name();
            description = a.description();
            memory = a.withMemory();
            SnapshotDialog.showProblem(root.getScene().getWindow(), viewModel.errorProperty().get());
        }
    }

    @FXML
    private void revertSnapshot() {
        TreeItem<SnapshotTree.Node> item = snapshots.getSelectionModel().getSelectedItem();
        if (item != null) {
            viewModel.revert(item.getValue().snapshot());
        }
    }

    @FXML
    private void deleteSnapshotOnly() {
        delete(false);
    }

    @FXML
    private void deleteSnapshotTree() {
        delete(true);
    }

    private void delete(boolean withChildren) {
        TreeItem<SnapshotTree.Node> item = snapshots.getSelectionModel().getSelectedItem();
        if (item != null) {
            viewModel.delete(item.getValue(), withChildren);
        }
    }

    private void showSnapshots() {
        TreeItem<SnapshotTree.Node> top = new TreeItem<>();
        for (SnapshotTree.Node n : viewModel.snapshotRoots()) {
            top.getChildren().add(snapshotItem(n));
        }
        snapshots.setRoot(top);
    }

    private static TreeItem<SnapshotTree.Node> snapshotItem(SnapshotTree.Node n) {
        TreeItem<SnapshotTree.Node> item = new TreeItem<>(n);
        item.setExpanded(true);
        for (SnapshotTree.Node c : n.children()) {
            item.getChildren().add(snapshotItem(c));
        }
        return item;
    }

    private void showDefinition(VmDetails d) {
        TreeItem<DiskRow> top = new TreeItem<>();
        nics.getChildren().clear();
        graphics.getChildren().clear();
        consoles.getChildren().clear();
        if (d == null) {
            disks.setRoot(top);
            return;
        }
        VmDefinition def = d.definition();
        for (VmDisk disk : def.disks()) {
            String source = disk.source() == null ? l10n.lang("vm.disk.empty")
                    : disk.protocol() != null ? l10n.lang("vm.disk.network", disk.protocol(), disk.source(), String.join(", ", disk.hosts()))
                    : disk.source();
            TreeItem<DiskRow> item = new TreeItem<>(new DiskRow(disk.target() + (disk.bus() == null ? "" : " (" + disk.bus() + ")"),
                    disk.device() + " · " + disk.type(), ViewSupport.orDash(disk.format()), source), RackdeskIcon.VOLUME.node());
            item.setExpanded(true);
            TreeItem<DiskRow> parent = item;
            for (BackingImage b : disk.backingChain()) {
                TreeItem<DiskRow> child = new TreeItem<>(new DiskRow(l10n.lang("vm.disk.backing"), "", ViewSupport.orDash(b.format()), b.source()));
                child.setExpanded(true);
                parent.getChildren().add(child);
                parent = child; // the chain goes down: overlay -> template -> base
            }
            top.getChildren().add(item);
        }
        disks.setRoot(top);
        rows(nics, def.nics().stream().map(n -> n.type() + " " + ViewSupport.orDash(n.source()) + " · " + ViewSupport.orDash(n.mac())
                + (n.model() == null ? "" : " · " + n.model())).toList());
        rows(graphics, def.graphics().stream().map(g -> g.type() + " " + ViewSupport.orDash(g.listen()) + ":"
                + (g.port() == null ? "—" : g.port() == -1 ? "auto" : g.port())
                + (g.websocket() == null ? "" : " · " + l10n.lang("vm.devices.websocket", g.websocket() == -1 ? "auto" : g.websocket()))
                + (g.passwordSet() ? " · " + l10n.lang("vm.devices.passwordSet") : "")).toList());
        rows(consoles, def.consoles().stream().map(c -> c.element() + " " + c.type()
                + (c.targetPort() == null ? "" : " #" + c.targetPort()) + (c.ptyPath() == null ? "" : " · " + c.ptyPath())).toList());
    }

    private void rows(GridPane grid, List<String> lines) {
        int row = 0;
        for (String line : lines.isEmpty() ? List.of(l10n.lang("vm.devices.none")) : lines) {
            grid.addRow(row++, new Label(line));
        }
    }

    private static void column(TreeTableColumn<DiskRow, String> col, Function<DiskRow, String> f) {
        col.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue() == null ? "" : f.apply(c.getValue().getValue())));
    }

    private static void snapshotColumn(TreeTableColumn<SnapshotTree.Node, String> col, Function<SnapshotInfo, String> f) {
        col.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue() == null ? "" : f.apply(c.getValue().getValue().snapshot())));
    }

    private void fillOverview() {
        overview.getChildren().clear();
        int row = 0;
        for (Fact f : viewModel.overview()) {
            Label label = new Label(f.label());
            label.getStyleClass().add("fact-label");
            Label value = new Label(f.value());
            value.setWrapText(true);
            overview.addRow(row++, label, value);
        }
    }

    private void plot(VmLive live) {
        series(cpuChart, live, Series.CPU, 1);
        series(memoryChart, live, Series.MEMORY, 1);
        series(diskChart, live, Series.DISK, 1024);
        series(netChart, live, Series.NET, 1024);
    }

    /** Replaces the series with the history, oldest left; {@code divisor} turns B/s into KiB/s. */
    private static void series(AreaChart<Number, Number> chart, VmLive live, Series which, double divisor) {
        XYChart.Series<Number, Number> series = chart.getData().get(0);
        if (live == null) {
            series.getData().clear();
            return;
        }
        float[] h = live.history().toArray(which);
        java.util.List<XYChart.Data<Number, Number>> points = new java.util.ArrayList<>(h.length);
        for (int i = 0; i < h.length; i++) {
            if (!Float.isNaN(h[i])) {
                points.add(new XYChart.Data<>(i - h.length + 1, h[i] / divisor));
            }
        }
        series.getData().setAll(points);
    }
}
