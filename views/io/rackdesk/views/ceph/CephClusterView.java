package io.rackdesk.views.ceph;

import io.rackdesk.app.ceph.CephOsdTree;
import io.rackdesk.app.ceph.CephPgs;
import io.rackdesk.app.ceph.CephPools;
import io.rackdesk.app.ceph.CephRates;
import io.rackdesk.app.ceph.CephStatus;
import io.rackdesk.app.ceph.PgStateClass;
import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.model.Sizes;
import io.rackdesk.viewmodels.Fact;
import io.rackdesk.viewmodels.ceph.CephClusterViewModel;
import io.rackdesk.viewmodels.ceph.CephHealthViewModel;
import io.rackdesk.viewmodels.ceph.CephOsdViewModel;
import io.rackdesk.viewmodels.ceph.CephPgViewModel;
import io.rackdesk.viewmodels.ceph.PgStateTexts;
import io.rackdesk.views.ViewLoader;
import io.rackdesk.views.icons.RackdeskIcon;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.PieChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * A Ceph cluster's page (CephCluster.fxml): Health, Placement groups, OSDs, Pools and RBD images tabs over one
 * {@link CephClusterViewModel}. Views are made per cluster and kept, so switching clusters keeps charts.
 */
public final class CephClusterView {
    private final CephClusterViewModel vm;
    private final Localization l10n;
    private final VBox root;

    @FXML private Label title;
    @FXML private Label badge;
    @FXML private Label stateText;
    @FXML private TabPane tabs;
    @FXML private Tab healthTab;
    @FXML private Tab pgTab;
    @FXML private Tab osdTab;
    @FXML private Tab poolTab;
    @FXML private Tab rbdTab;
    @FXML private VBox healthBox;
    @FXML private VBox pgBox;
    @FXML private VBox osdBox;
    @FXML private VBox poolBox;
    @FXML private VBox rbdBox;

    private boolean shown;

    public CephClusterView(CephClusterViewModel vm, Localization l10n) {
        this.vm = vm;
        this.l10n = l10n;
        this.root = ViewLoader.load(this, "CephCluster.fxml", l10n);
    }

    public VBox root() {
        return root;
    }

    /** The page is shown or hidden: tabs that read on demand keep fresh only while shown. */
    public void setShown(boolean on) {
        shown = on;
        updateActive();
    }

    /** Re-reads what the open tab shows. */
    public void refresh() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        if (t == osdTab) {
            vm.osds().refresh();
        } else if (t == poolTab) {
            vm.pools().refresh();
        } else if (t == rbdTab) {
            vm.rbd().refresh();
        } else if (t == pgTab) {
            vm.pgs().loadAll();
        } else {
            vm.health().loadDetails();
        }
    }

    /** Selects a tab by index (0 health, 1 PGs, 2 OSDs, 3 pools, 4 RBD images). */
    public void selectTab(int index) {
        tabs.getSelectionModel().select(index);
    }

    @FXML
    private void initialize() {
        title.setText(vm.name());
        badge.textProperty().bind(vm.healthProperty());
        vm.healthProperty().addListener((o, a, h) -> styleBadge(h));
        styleBadge(vm.healthProperty().get());
        stateText.textProperty().bind(Bindings.createStringBinding(
                () -> vm.stateTextProperty().get().equals(vm.healthProperty().get()) ? vm.settings().where()
                        : vm.stateTextProperty().get(), vm.stateTextProperty(), vm.healthProperty()));
        buildHealth(vm.health());
        buildPgs(vm.pgs());
        buildOsds(vm.osds());
        buildPools();
        new CephRbdPane(vm.rbd(), l10n, this::window, rbdBox);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> updateActive());
        vm.statusProperty().addListener((o, a, s) -> {
            if (a == null && s != null) {
                updateActive(); // first status: the tab that is open reads its details now
            }
        });
    }

    private void updateActive() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        vm.osds().setActive(shown && t == osdTab);
        vm.pools().setActive(shown && t == poolTab);
        vm.rbd().setActive(shown && t == rbdTab);
        if (shown && t == pgTab) {
            vm.pgs().opened();
        }
    }

    private void styleBadge(String health) {
        badge.getStyleClass().removeAll("ceph-ok", "ceph-warn", "ceph-err");
        badge.setVisible(health != null && !health.isEmpty());
        if ("HEALTH_OK".equals(health)) {
            badge.getStyleClass().add("ceph-ok");
        } else if ("HEALTH_WARN".equals(health)) {
            badge.getStyleClass().add("ceph-warn");
        } else if ("HEALTH_ERR".equals(health)) {
            badge.getStyleClass().add("ceph-err");
        }
    }

    // ---------------------------------------------------------------- health

    private void buildHealth(CephHealthViewModel h) {
        GridPane facts = factGrid(h.facts(), "cephFacts");
        ProgressBar capacity = new ProgressBar();
        capacity.setId("cephCapacityBar");
        capacity.setMaxWidth(Double.MAX_VALUE);
        capacity.progressProperty().bind(h.usedFractionProperty());
        capacity.getStyleClass().add("ceph-capacity");
        Label capacityText = new Label();
        capacityText.setId("cephCapacityText");
        capacityText.textProperty().bind(h.capacityTextProperty());
        GridPane rates = factGrid(h.rateFacts(), "cephRates");
        Label ratesHeading = heading("ceph.rates");
        ratesHeading.setTooltip(new Tooltip(l10n.lang("ceph.rates.tooltip")));
        VBox capacityBox = new VBox(4, heading("ceph.capacity"), capacity, capacityText, ratesHeading, rates);
        HBox.setHgrow(capacityBox, Priority.ALWAYS);
        capacityBox.setMinWidth(260);
        VBox services = new VBox(4, heading("ceph.services"), facts);
        services.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the cluster id stays whole
        HBox top = new HBox(32, services, capacityBox);

        LineChart<Number, Number> throughput = chart("cephThroughputChart", "ceph.chart.throughput", true,
                List.of(series("ceph.rate.read", CephRates::readBytesPerSec), series("ceph.rate.write", CephRates::writeBytesPerSec),
                        series("ceph.rate.recoveryShort", CephRates::recoveryBytesPerSec)));
        LineChart<Number, Number> iops = chart("cephIopsChart", "ceph.chart.iops", false,
                List.of(series("ceph.rate.readOps", CephRates::readOpsPerSec), series("ceph.rate.writeOps", CephRates::writeOpsPerSec)));
        HBox charts = new HBox(8, throughput, iops);
        HBox.setHgrow(throughput, Priority.ALWAYS);
        HBox.setHgrow(iops, Priority.ALWAYS);

        TableView<CephStatus.Check> checks = new TableView<>(h.checks());
        checks.setId("cephChecks");
        checks.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        checks.setPrefHeight(130);
        checks.setPlaceholder(placeholder("ceph.checks.none"));
        TableColumn<CephStatus.Check, String> severity = column("ceph.col.severity", c -> c.severity().replace("HEALTH_", ""), 90);
        severity.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeAll("ceph-sev-warn", "ceph-sev-err");
                setText(empty ? null : s);
                if (!empty && "ERR".equals(s)) {
                    getStyleClass().add("ceph-sev-err");
                } else if (!empty && "WARN".equals(s)) {
                    getStyleClass().add("ceph-sev-warn");
                }
            }
        });
        checks.getColumns().add(severity);
        checks.getColumns().add(column("ceph.col.code", CephStatus.Check::code, 170));
        checks.getColumns().add(column("ceph.col.muted", c -> c.muted() ? l10n.lang("ceph.muted") : "", 80));
        checks.getColumns().add(column("ceph.col.summary", CephStatus.Check::summary, 320));
        TextArea detail = new TextArea();
        detail.setId("cephCheckDetail");
        detail.setEditable(false);
        detail.setWrapText(true);
        detail.setPrefRowCount(3);
        detail.visibleProperty().bind(checks.getSelectionModel().selectedItemProperty().isNotNull());
        detail.managedProperty().bind(detail.visibleProperty());
        Runnable showDetail = () -> {
            CephStatus.Check c = checks.getSelectionModel().getSelectedItem();
            List<String> lines = c == null ? null : h.detailsProperty().get().get(c.code());
            detail.setText(c == null ? "" : lines == null ? l10n.lang("ceph.checks.detailHint")
                    : lines.isEmpty() ? l10n.lang("ceph.checks.noDetail") : String.join("\n", lines));
        };
        checks.getSelectionModel().selectedItemProperty().addListener(o -> showDetail.run());
        h.detailsProperty().addListener(o -> showDetail.run());
        Button details = button("ceph.checks.details", RackdeskIcon.REFRESH, "cephCheckDetails", h::loadDetails);
        Button mute = button("ceph.checks.mute", RackdeskIcon.MUTE, "cephMute", () -> h.mute(checks.getSelectionModel().getSelectedItem()));
        Button unmute = button("ceph.checks.unmute", RackdeskIcon.UNMUTE, "cephUnmute",
                () -> h.unmute(checks.getSelectionModel().getSelectedItem()));
        mute.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            CephStatus.Check c = checks.getSelectionModel().getSelectedItem();
            return c == null || c.muted();
        }, checks.getSelectionModel().selectedItemProperty()));
        unmute.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            CephStatus.Check c = checks.getSelectionModel().getSelectedItem();
            return c == null || !c.muted();
        }, checks.getSelectionModel().selectedItemProperty()));
        HBox checkButtons = new HBox(6, details, mute, unmute, message(h.messageProperty()));
        checkButtons.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        healthBox.getChildren().addAll(top, charts, heading("ceph.checks"), checkButtons, checks, detail);
    }

    /** A chart line: its label and which rate it plots. */
    private record Line(String key, ToDoubleFunction<CephRates> value) {
    }

    private Line series(String key, ToDoubleFunction<CephRates> value) {
        return new Line(key, value);
    }

    /** Seconds before the newest poll on x; redrawn from the history on every poll (at most {@value CephClusterViewModel#HISTORY} points). */
    private LineChart<Number, Number> chart(String id, String titleKey, boolean bytes, List<Line> lines) {
        NumberAxis x = new NumberAxis();
        x.setAutoRanging(false);
        x.setUpperBound(0);
        x.setLowerBound(-60);
        x.setTickUnit(10);
        x.setLabel(l10n.lang("ceph.chart.secondsAgo"));
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(true);
        if (bytes) {
            y.setTickLabelFormatter(new StringConverter<>() {
                @Override
                public String toString(Number n) {
                    return Sizes.rate(n.doubleValue());
                }

                @Override
                public Number fromString(String s) {
                    return 0;
                }
            });
        }
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId(id);
        chart.setTitle(l10n.lang(titleKey));
        // no animations: the data's, and the axes' own (on by default: each new range, every poll as
        // the rates move, was a 0.7 s tick animation laying the chart out on every pulse)
        chart.setAnimated(false);
        x.setAnimated(false);
        y.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setPrefHeight(220);
        chart.setMinHeight(200);
        chart.setMinWidth(300);
        chart.getStyleClass().add("ceph-chart");
        for (Line l : lines) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(l10n.lang(l.key()));
            chart.getData().add(s);
        }
        Runnable redraw = () -> {
            ObservableList<CephClusterViewModel.RatePoint> h = vm.history();
            java.time.Instant last = h.isEmpty() ? null : h.get(h.size() - 1).at();
            for (int i = 0; i < lines.size(); i++) {
                List<XYChart.Data<Number, Number>> points = new java.util.ArrayList<>();
                for (CephClusterViewModel.RatePoint p : h) {
                    double v = lines.get(i).value().applyAsDouble(p.rates());
                    if (!Double.isNaN(v)) {
                        points.add(new XYChart.Data<>(-Duration.between(p.at(), last).toMillis() / 1000.0, v));
                    }
                }
                chart.getData().get(i).getData().setAll(points);
            }
            // the axis grows with the history, a minute at a time, up to the whole history
            double span = h.isEmpty() ? 0 : Duration.between(h.get(0).at(), last).toMillis() / 1000.0;
            double full = CephClusterViewModel.HISTORY * vm.settings().pollSeconds();
            double lower = Math.min(full, Math.max(60, Math.ceil(span / 60) * 60));
            x.setLowerBound(-lower);
            x.setTickUnit(lower / 6);
        };
        // a full history drops its oldest point just before the new one comes: draw once, on the new one (or when cleared)
        vm.history().addListener((ListChangeListener<CephClusterViewModel.RatePoint>) c -> {
            boolean added = false;
            while (c.next()) {
                added |= c.wasAdded();
            }
            if (added || vm.history().isEmpty()) {
                redraw.run();
            }
        });
        redraw.run();
        return chart;
    }

    // ---------------------------------------------------------------- placement groups

    private void buildPgs(CephPgViewModel p) {
        PieChart pie = new PieChart();
        pie.setId("cephPgChart");
        pie.setTitle(l10n.lang("ceph.pg.chart"));
        pie.setAnimated(false);
        pie.setLegendVisible(false); // the slices are labelled, and coloured by class (the legend would use position colours)
        pie.setLabelsVisible(false); // one slice draws a stray label line; the grid beside it has the numbers
        pie.setPrefSize(300, 260);
        pie.setMinWidth(260);
        Runnable redraw = () -> {
            Map<PgStateClass, Integer> counts = p.classCountsProperty().get();
            List<PieChart.Data> slices = new java.util.ArrayList<>();
            for (PgStateClass c : PgStateClass.values()) {
                int n = counts.getOrDefault(c, 0);
                if (n > 0) {
                    slices.add(new PieChart.Data(PgStateTexts.className(l10n, c) + " " + n, n));
                }
            }
            pie.getData().setAll(slices);
            // colours by class, not by position: clean is always green
            for (PieChart.Data d : pie.getData()) {
                for (PgStateClass c : PgStateClass.values()) {
                    if (d.getName().startsWith(PgStateTexts.className(l10n, c) + " ")) {
                        d.getNode().getStyleClass().add("pg-" + c.name().toLowerCase(Locale.ROOT));
                        Tooltip.install(d.getNode(), new Tooltip(PgStateTexts.classExplanation(l10n, c)));
                    }
                }
            }
        };
        p.classCountsProperty().addListener(o -> redraw.run());
        redraw.run();

        GridPane classes = new GridPane();
        classes.setId("cephPgClasses");
        classes.setHgap(16);
        classes.setVgap(6);
        Runnable counts = () -> {
            classes.getChildren().clear();
            int row = 0;
            for (PgStateClass c : PgStateClass.values()) {
                Label name = new Label(PgStateTexts.className(l10n, c));
                name.getStyleClass().addAll("fact-label", "pg-label-" + c.name().toLowerCase(Locale.ROOT));
                name.setTooltip(new Tooltip(PgStateTexts.classExplanation(l10n, c)));
                Label n = new Label(Integer.toString(p.classCountsProperty().get().getOrDefault(c, 0)));
                n.getStyleClass().add("fact-value");
                classes.addRow(row++, name, n);
            }
        };
        p.classCountsProperty().addListener(o -> counts.run());
        counts.run();

        TableView<CephPgViewModel.StateRow> states = new TableView<>(p.states());
        states.setId("cephPgStates");
        states.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        states.setPrefHeight(200);
        states.getColumns().add(column("ceph.col.state", CephPgViewModel.StateRow::state, 240));
        states.getColumns().add(column("ceph.col.class", r -> PgStateTexts.className(l10n, r.pgClass()), 90));
        states.getColumns().add(numeric("ceph.col.count", r -> Integer.toString(r.count()), 70));
        states.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(CephPgViewModel.StateRow r, boolean empty) {
                super.updateItem(r, empty);
                setTooltip(empty || r == null ? null : new Tooltip(PgStateTexts.explain(l10n, r.state())));
            }
        });
        VBox stateBox = new VBox(6, heading("ceph.pg.classes"), classes, heading("ceph.pg.byState"), states);
        HBox.setHgrow(stateBox, Priority.ALWAYS);
        HBox top = new HBox(16, pie, stateBox);

        TableView<CephPgViewModel.PoolRow> pools = new TableView<>(p.perPool());
        pools.setId("cephPgPools");
        pools.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        pools.setPrefHeight(200);
        pools.setPlaceholder(placeholder("ceph.pg.perPoolHint"));
        pools.getColumns().add(column("ceph.col.pool", CephPgViewModel.PoolRow::pool, 180));
        pools.getColumns().add(numeric("ceph.pgclass.clean", r -> Integer.toString(r.clean()), 80));
        pools.getColumns().add(numeric("ceph.pgclass.busy", r -> Integer.toString(r.busy()), 80));
        pools.getColumns().add(numeric("ceph.pgclass.warning", r -> Integer.toString(r.warning()), 80));
        pools.getColumns().add(numeric("ceph.pgclass.critical", r -> Integer.toString(r.critical()), 80));

        TableView<CephPgs.Pg> list = new TableView<>(p.list());
        list.setId("cephPgList");
        list.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        list.setPrefHeight(220);
        list.setPlaceholder(placeholder("ceph.pg.listHint"));
        list.getColumns().add(column("ceph.col.pg", CephPgs.Pg::pgid, 80));
        list.getColumns().add(column("ceph.col.state", CephPgs.Pg::state, 240));
        list.getColumns().add(column("ceph.col.acting", pg -> pg.acting().toString(), 120));
        list.getColumns().add(column("ceph.col.primary", pg -> "osd." + pg.primary(), 80));
        list.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(CephPgs.Pg r, boolean empty) {
                super.updateItem(r, empty);
                setTooltip(empty || r == null ? null : new Tooltip(PgStateTexts.explain(l10n, r.state())));
            }
        });
        ObservableValue<Boolean> none = list.getSelectionModel().selectedItemProperty().isNull();
        Button all = button("ceph.pg.all", RackdeskIcon.REFRESH, "cephPgAll", p::loadAll);
        Button stuck = button("ceph.pg.stuckButton", RackdeskIcon.WARNING, "cephPgStuck", p::loadStuck);
        Button scrub = button("ceph.pg.action.scrub", RackdeskIcon.SCRUB, "cephPgScrub",
                () -> p.run(list.getSelectionModel().getSelectedItem(), CephPgs.Action.SCRUB));
        Button deep = button("ceph.pg.action.deep_scrub", RackdeskIcon.SCRUB, "cephPgDeepScrub",
                () -> p.run(list.getSelectionModel().getSelectedItem(), CephPgs.Action.DEEP_SCRUB));
        Button repair = button("ceph.pg.action.repair", RackdeskIcon.REPAIR, "cephPgRepair",
                () -> p.run(list.getSelectionModel().getSelectedItem(), CephPgs.Action.REPAIR));
        for (Button b : List.of(scrub, deep, repair)) {
            b.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        }
        HBox actions = new HBox(6, all, stuck, new javafx.scene.control.Separator(javafx.geometry.Orientation.VERTICAL), scrub, deep,
                repair, message(p.messageProperty()));
        actions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label listHeading = new Label();
        listHeading.getStyleClass().add("title-4");
        listHeading.textProperty().bind(Bindings.when(p.showingStuckProperty())
                .then(l10n.lang("ceph.pg.stuckHeading")).otherwise(l10n.lang("ceph.pg.allHeading")));
        pgBox.getChildren().addAll(top, heading("ceph.pg.perPool"), pools, listHeading, actions, list);
    }

    // ---------------------------------------------------------------- OSDs

    private void buildOsds(CephOsdViewModel o) {
        TreeTableView<CephOsdTree.Node> tree = new TreeTableView<>();
        tree.setId("cephOsdTree");
        tree.setShowRoot(false);
        tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tree.setPlaceholder(placeholder("ceph.osd.loading"));
        VBox.setVgrow(tree, Priority.ALWAYS);
        tree.getColumns().add(treeColumn("ceph.col.name", n -> n.name(), 130));
        tree.getColumns().add(treeColumn("ceph.col.type", n -> n.type(), 60));
        tree.getColumns().add(treeColumn("ceph.col.class", n -> n.deviceClass(), 60));
        TreeTableColumn<CephOsdTree.Node, String> status = treeColumn("ceph.col.status",
                n -> n.isOsd() ? l10n.lang(n.up() ? "ceph.osd.up" : "ceph.osd.down") + " / " + l10n.lang(n.in() ? "ceph.osd.inState" : "ceph.osd.outState") : "", 95);
        status.setCellFactory(col -> new javafx.scene.control.TreeTableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
                getStyleClass().remove("ceph-sev-err");
                CephOsdTree.Node n = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (n != null && n.isOsd() && (!n.up() || !n.in())) {
                    getStyleClass().add("ceph-sev-err");
                }
            }
        });
        tree.getColumns().add(status);
        tree.getColumns().add(treeNumeric("ceph.col.weight", n -> String.format(Locale.ROOT, "%.5f", n.crushWeight()), 80));
        tree.getColumns().add(treeNumeric("ceph.col.reweight", n -> n.isOsd() ? String.format(Locale.ROOT, "%.2f", n.reweight()) : "", 85));
        tree.getColumns().add(treeNumeric("ceph.col.use", n -> Double.isNaN(n.utilization()) ? "" : String.format(Locale.ROOT, "%.1f %%", n.utilization()), 65));
        tree.getColumns().add(treeNumeric("ceph.col.pgs", n -> n.pgs() < 0 ? "" : Integer.toString(n.pgs()), 50));
        tree.getColumns().add(treeNumeric("ceph.col.commit", n -> n.commitLatencyMs() < 0 ? "" : n.commitLatencyMs() + " ms", 80));
        tree.getColumns().add(treeNumeric("ceph.col.apply", n -> n.applyLatencyMs() < 0 ? "" : n.applyLatencyMs() + " ms", 80));
        Runnable fill = () -> {
            CephOsdTree t = o.treeProperty().get();
            // a re-read of the same CRUSH layout updates the rows in place: selection, scrolling, sorting stay
            if (t != null && tree.getRoot() != null && sameLayout(tree.getRoot().getChildren(), t.roots())) {
                updateInPlace(tree.getRoot().getChildren(), t.roots());
                return;
            }
            TreeItem<CephOsdTree.Node> top = new TreeItem<>();
            if (t != null) {
                t.roots().forEach(r -> top.getChildren().add(item(r)));
            }
            CephOsdTree.Node selected = tree.getSelectionModel().getSelectedItem() == null ? null
                    : tree.getSelectionModel().getSelectedItem().getValue();
            tree.setRoot(top);
            if (selected != null) {
                select(tree, top, selected.id());
            }
        };
        o.treeProperty().addListener(x -> fill.run());
        fill.run();

        java.util.function.Supplier<CephOsdTree.Node> osd = () -> {
            TreeItem<CephOsdTree.Node> i = tree.getSelectionModel().getSelectedItem();
            return i == null || !i.getValue().isOsd() ? null : i.getValue();
        };
        Button refresh = button("toolbar.refresh", RackdeskIcon.REFRESH, "cephOsdRefresh", o::refresh);
        Button in = button("ceph.osd.in.action", RackdeskIcon.OSD_IN, "cephOsdIn", () -> o.markIn(osd.get()));
        Button out = button("ceph.osd.out.action", RackdeskIcon.OSD_OUT, "cephOsdOut", () -> o.markOut(osd.get()));
        Button down = button("ceph.osd.down.action", RackdeskIcon.OSD_DOWN, "cephOsdDown", () -> o.markDown(osd.get()));
        Button reweight = button("ceph.osd.reweight.button", RackdeskIcon.REWEIGHT, "cephOsdReweight", () -> o.reweight(osd.get()));
        ObservableValue<CephOsdTree.Node> sel = Bindings.createObjectBinding(osd::get, tree.getSelectionModel().selectedItemProperty());
        in.disableProperty().bind(Bindings.createBooleanBinding(() -> sel.getValue() == null || sel.getValue().in(), sel));
        out.disableProperty().bind(Bindings.createBooleanBinding(() -> sel.getValue() == null || !sel.getValue().in(), sel));
        down.disableProperty().bind(Bindings.createBooleanBinding(() -> sel.getValue() == null || !sel.getValue().up(), sel));
        reweight.disableProperty().bind(Bindings.createBooleanBinding(() -> sel.getValue() == null, sel));
        HBox actions = new HBox(6, refresh, new javafx.scene.control.Separator(javafx.geometry.Orientation.VERTICAL), in, out, down,
                reweight);
        actions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        HBox flags = new HBox(14);
        flags.setId("cephFlags");
        flags.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        flags.getChildren().add(new Label(l10n.lang("ceph.flags")));
        for (String flag : CephOsdTree.TOGGLED_FLAGS) {
            CheckBox box = new CheckBox(flag);
            box.setId("cephFlag-" + flag);
            Runnable sync = () -> box.setSelected(o.flags().contains(flag));
            o.treeProperty().addListener(x -> sync.run());
            sync.run();
            box.setOnAction(e -> {
                boolean wanted = box.isSelected();
                sync.run(); // shows what the cluster has until the change is confirmed and read back
                o.setFlag(flag, wanted);
            });
            flags.getChildren().add(box);
        }
        osdBox.getChildren().addAll(actions, flags, message(o.messageProperty()), tree);
    }

    /** The same buckets and OSDs under the same parents (in any order: the user may have sorted the rows). */
    private static boolean sameLayout(List<TreeItem<CephOsdTree.Node>> items, List<CephOsdTree.Node> nodes) {
        if (items.size() != nodes.size()) {
            return false;
        }
        java.util.Map<Integer, CephOsdTree.Node> byId = new java.util.HashMap<>();
        nodes.forEach(n -> byId.put(n.id(), n));
        for (TreeItem<CephOsdTree.Node> i : items) {
            CephOsdTree.Node n = byId.get(i.getValue().id());
            if (n == null || !sameLayout(i.getChildren(), n.children())) {
                return false;
            }
        }
        return true;
    }

    private static void updateInPlace(List<TreeItem<CephOsdTree.Node>> items, List<CephOsdTree.Node> nodes) {
        java.util.Map<Integer, CephOsdTree.Node> byId = new java.util.HashMap<>();
        nodes.forEach(n -> byId.put(n.id(), n));
        for (TreeItem<CephOsdTree.Node> i : items) {
            CephOsdTree.Node n = byId.get(i.getValue().id());
            if (n.isOsd() ? !n.equals(i.getValue()) : !sameFigures(n, i.getValue())) {
                i.setValue(n);
            }
            updateInPlace(i.getChildren(), n.children());
        }
    }

    /** A bucket's own columns (its children are compared on their own rows). */
    private static boolean sameFigures(CephOsdTree.Node a, CephOsdTree.Node b) {
        return a.name().equals(b.name()) && a.type().equals(b.type()) && Double.compare(a.crushWeight(), b.crushWeight()) == 0;
    }

    private static TreeItem<CephOsdTree.Node> item(CephOsdTree.Node n) {
        TreeItem<CephOsdTree.Node> i = new TreeItem<>(n);
        i.setExpanded(true);
        n.children().forEach(c -> i.getChildren().add(item(c)));
        return i;
    }

    private static void select(TreeTableView<CephOsdTree.Node> tree, TreeItem<CephOsdTree.Node> at, int id) {
        for (TreeItem<CephOsdTree.Node> c : at.getChildren()) {
            if (c.getValue().id() == id) {
                tree.getSelectionModel().select(c);
                return;
            }
            select(tree, c, id);
        }
    }

    // ---------------------------------------------------------------- pools

    private void buildPools() {
        TableView<CephPools.Detail> table = new TableView<>(vm.pools().pools());
        table.setId("cephPoolsTable");
        // eleven columns of figures: natural widths (and a scroll bar when narrow) rather than cut-off numbers
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(placeholder("ceph.pools.loading"));
        VBox.setVgrow(table, Priority.ALWAYS);
        table.getColumns().add(column("ceph.col.pool", CephPools.Detail::name, 175));
        table.getColumns().add(column("ceph.col.application", d -> String.join(", ", d.applications()), 150));
        table.getColumns().add(column("ceph.col.type", d -> d.type().equals("erasure") ? l10n.lang("ceph.pools.ec")
                : l10n.lang("ceph.pools.replicated"), 100));
        table.getColumns().add(numeric("ceph.col.size", d -> d.size() + " / " + d.minSize(), 90));
        table.getColumns().add(numeric("ceph.col.pgNum", d -> Integer.toString(d.pgNum()), 55));
        table.getColumns().add(column("ceph.col.autoscale", CephPools.Detail::autoscaleMode, 100));
        table.getColumns().add(numeric("ceph.col.used", d -> Sizes.bytes(d.usedBytes()), 90));
        table.getColumns().add(numeric("ceph.col.maxAvail", d -> Sizes.bytes(d.maxAvailBytes()), 100));
        table.getColumns().add(numeric("ceph.col.objects", d -> Long.toString(d.objects()), 80));
        table.getColumns().add(column("ceph.col.quota", d -> d.quotaBytes() == 0 && d.quotaObjects() == 0 ? l10n.lang("ceph.pools.noQuota")
                : (d.quotaBytes() == 0 ? "" : Sizes.bytes(d.quotaBytes())) + (d.quotaBytes() != 0 && d.quotaObjects() != 0 ? ", " : "")
                + (d.quotaObjects() == 0 ? "" : l10n.lang("ceph.pools.quotaObjects", d.quotaObjects())), 120));
        // a re-read replaces the rows: keep the user's pool selected
        String[] selectedPool = {null};
        table.getSelectionModel().selectedItemProperty().addListener((o, a, d) -> {
            if (d != null) {
                selectedPool[0] = d.name();
            }
        });
        vm.pools().pools().addListener((ListChangeListener<CephPools.Detail>) c -> {
            if (table.getSelectionModel().getSelectedItem() == null && selectedPool[0] != null) {
                vm.pools().pools().stream().filter(d -> d.name().equals(selectedPool[0])).findFirst()
                        .ifPresent(d -> table.getSelectionModel().select(d));
            }
        });
        TableColumn<CephPools.Detail, ?> quota = table.getColumns().get(table.getColumns().size() - 1);
        // quotas are rare: the column shows when a pool has one
        Runnable quotaShown = () -> quota.setVisible(vm.pools().pools().stream().anyMatch(d -> d.quotaBytes() != 0 || d.quotaObjects() != 0));
        vm.pools().pools().addListener((ListChangeListener<CephPools.Detail>) c -> quotaShown.run());
        quotaShown.run();
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(CephPools.Detail d, boolean empty) {
                super.updateItem(d, empty);
                // stored (one copy) and the EC profile: the row has no room for them
                setTooltip(empty || d == null ? null : new Tooltip(l10n.lang("ceph.pools.stored", Sizes.bytes(d.storedBytes()))
                        + (d.ecProfile().isEmpty() ? "" : "\n" + l10n.lang("ceph.pools.ecProfile", d.ecProfile()))));
            }
        });
        Button refresh = button("toolbar.refresh", RackdeskIcon.REFRESH, "cephPoolsRefresh", vm.pools()::refresh);
        Button create = button("ceph.pool.create.button", RackdeskIcon.ADD, "cephPoolCreate",
                () -> CephPoolDialog.show(window(), vm.pools(), vm.pools().newPoolForm(), l10n));
        Button edit = button("ceph.pool.edit.button", RackdeskIcon.SAVE, "cephPoolEdit",
                () -> CephPoolDialog.show(window(), vm.pools(), vm.pools().editForm(table.getSelectionModel().getSelectedItem()), l10n));
        Button delete = button("ceph.pool.delete.button", RackdeskIcon.REMOVE, "cephPoolDelete",
                () -> vm.pools().delete(table.getSelectionModel().getSelectedItem()));
        edit.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        delete.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        create.disableProperty().bind(vm.statusProperty().isNull());
        HBox bar = new HBox(6, refresh, new javafx.scene.control.Separator(javafx.geometry.Orientation.VERTICAL), create, edit, delete,
                message(vm.pools().messageProperty()));
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        poolBox.getChildren().addAll(bar, table);
    }

    // ---------------------------------------------------------------- helpers

    private javafx.stage.Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private Label heading(String key) {
        Label l = new Label(l10n.lang(key));
        l.getStyleClass().add("title-4");
        return l;
    }

    private Label placeholder(String key) {
        Label l = new Label(l10n.lang(key));
        l.getStyleClass().add("table-placeholder");
        l.setWrapText(true);
        return l;
    }

    private static Label message(ObservableValue<String> text) {
        Label l = new Label();
        l.textProperty().bind(text);
        l.getStyleClass().add("text-muted");
        l.setWrapText(true);
        return l;
    }

    private Button button(String key, RackdeskIcon icon, String id, Runnable action) {
        return CephControls.button(l10n, key, icon, id, action);
    }

    private static GridPane factGrid(ObservableList<Fact> facts, String id) {
        GridPane grid = new GridPane();
        grid.setId(id);
        grid.setHgap(24);
        grid.setVgap(6);
        List<Label[]> rows = new java.util.ArrayList<>();
        Runnable fill = () -> {
            if (rows.size() == facts.size()) {
                // the same rows (every poll: new rates, the same services): new texts, no new nodes to style
                for (int i = 0; i < facts.size(); i++) {
                    rows.get(i)[0].setText(facts.get(i).label());
                    rows.get(i)[1].setText(facts.get(i).value());
                }
                return;
            }
            grid.getChildren().clear();
            rows.clear();
            int row = 0;
            for (Fact f : facts) {
                Label label = new Label(f.label());
                label.getStyleClass().add("fact-label");
                Label value = new Label(f.value());
                value.getStyleClass().add("fact-value");
                grid.addRow(row++, label, value);
                rows.add(new Label[] {label, value});
            }
        };
        facts.addListener((ListChangeListener<Fact>) c -> fill.run());
        fill.run();
        return grid;
    }

    private <S> TableColumn<S, String> column(String key, Function<S, String> value, double width) {
        return CephControls.column(l10n, key, value, width, false);
    }

    private <S> TableColumn<S, String> numeric(String key, Function<S, String> value, double width) {
        return CephControls.column(l10n, key, value, width, true);
    }

    private TreeTableColumn<CephOsdTree.Node, String> treeColumn(String key, Function<CephOsdTree.Node, String> value, double width) {
        return CephControls.treeColumn(l10n, key, value, width, false);
    }

    private TreeTableColumn<CephOsdTree.Node, String> treeNumeric(String key, Function<CephOsdTree.Node, String> value, double width) {
        return CephControls.treeColumn(l10n, key, value, width, true);
    }

}
