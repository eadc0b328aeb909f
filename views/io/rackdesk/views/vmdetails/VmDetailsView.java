package io.rackdesk.views.vmdetails;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.app.model.VmLiveStats;
import io.rackdesk.viewmodels.Fact;
import io.rackdesk.viewmodels.vmdetails.VmDetailsViewModel;
import io.rackdesk.views.ViewLoader;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.layout.GridPane;

/** The details of one VM (VmDetails.fxml): overview and live charts, more tabs as features land. */
public final class VmDetailsView {
    private final VmDetailsViewModel viewModel;
    private final TabPane root;

    @FXML private GridPane overview;
    @FXML private AreaChart<Number, Number> cpuChart;
    @FXML private AreaChart<Number, Number> memoryChart;
    @FXML private AreaChart<Number, Number> diskChart;
    @FXML private AreaChart<Number, Number> netChart;

    public VmDetailsView(VmDetailsViewModel viewModel, Localization l10n) {
        this.viewModel = viewModel;
        this.root = ViewLoader.load(this, "VmDetails.fxml", l10n);
    }

    public TabPane root() {
        return root;
    }

    @FXML
    private void initialize() {
        viewModel.overview().addListener((ListChangeListener<Fact>) c -> fillOverview());
        viewModel.statsProperty().addListener((obs, old, s) -> plot(s));
        for (AreaChart<Number, Number> chart : java.util.List.of(cpuChart, memoryChart, diskChart, netChart)) {
            chart.setAnimated(false);
            chart.setCreateSymbols(false);
            chart.setLegendVisible(false);
            chart.getData().add(new XYChart.Series<>());
        }
        fillOverview();
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

    private void plot(VmLiveStats s) {
        series(cpuChart, s, VmLiveStats::cpuHistory, 1);
        series(memoryChart, s, VmLiveStats::memoryHistory, 1);
        series(diskChart, s, VmLiveStats::diskHistory, 1024);
        series(netChart, s, VmLiveStats::netHistory, 1024);
    }

    /** Replaces the series with the history, oldest left; {@code divisor} turns B/s into KiB/s. */
    private static void series(AreaChart<Number, Number> chart, VmLiveStats s, Function<VmLiveStats, float[]> history, double divisor) {
        XYChart.Series<Number, Number> series = chart.getData().get(0);
        if (s == null) {
            series.getData().clear();
            return;
        }
        float[] h = history.apply(s);
        java.util.List<XYChart.Data<Number, Number>> points = new java.util.ArrayList<>(h.length);
        for (int i = 0; i < h.length; i++) {
            if (!Float.isNaN(h[i])) {
                points.add(new XYChart.Data<>(i - h.length + 1, h[i] / divisor));
            }
        }
        series.getData().setAll(points);
    }
}
