package io.rackdesk.views.vms;

import io.rackdesk.app.model.VmLiveStats;
import io.rackdesk.app.stats.StatsHistory;
import io.rackdesk.app.stats.StatsHistory.Series;
import io.rackdesk.viewmodels.vms.VmItem;
import io.rackdesk.viewmodels.vms.VmLive;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.TableCell;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;

/**
 * A table cell with the last two minutes as a small line chart (0-100 %) and the current value as
 * text. Shapes, not a canvas, so the colours come from the theme's CSS (.sparkline-line/-area).
 * Only visible cells update, and only when their VM's stats change.
 */
final class SparklineCell extends TableCell<VmItem, VmLive> {
    static final double W = 64;
    static final double H = 18;
    private final Polyline line = new Polyline();
    private final Polygon area = new Polygon();
    private final Pane chart = new Pane(area, line);
    private final Series series;
    private final ToDoubleFunction<VmLiveStats> current;
    private final Function<VmLiveStats, String> text;

    SparklineCell(Series series, ToDoubleFunction<VmLiveStats> current, Function<VmLiveStats, String> text) {
        this.series = series;
        this.current = current;
        this.text = text;
        line.getStyleClass().add("sparkline-line");
        area.getStyleClass().add("sparkline-area");
        chart.getStyleClass().add("sparkline");
        chart.setMinSize(W, H);
        chart.setPrefSize(W, H);
        chart.setMaxSize(W, H);
        getStyleClass().add("sparkline-cell");
        setContentDisplay(ContentDisplay.LEFT);
        setGraphicTextGap(6);
    }

    @Override
    protected void updateItem(VmLive live, boolean empty) {
        super.updateItem(live, empty);
        if (empty || live == null || Double.isNaN(current.applyAsDouble(live.stats()))) {
            setGraphic(null);
            setText(empty || live == null ? null : "—");
            return;
        }
        plot(live.history());
        setGraphic(chart);
        setText(text.apply(live.stats()));
    }

    private void plot(StatsHistory history) {
        int n = history.size();
        Double[] pts = new Double[Math.max(n, 2) * 2];
        double step = n > 1 ? W / (n - 1) : W;
        for (int i = 0; i < Math.max(n, 2); i++) {
            float v = n == 0 ? 0 : history.get(series, Math.min(i, n - 1));
            double pct = Float.isNaN(v) ? 0 : Math.min(100, Math.max(0, v));
            pts[2 * i] = n > 1 ? i * step : i * W;
            pts[2 * i + 1] = H - 1 - (H - 2) * pct / 100.0;
        }
        line.getPoints().setAll(pts);
        Double[] poly = new Double[pts.length + 4];
        System.arraycopy(pts, 0, poly, 0, pts.length);
        poly[pts.length] = W;
        poly[pts.length + 1] = H;
        poly[pts.length + 2] = 0.0;
        poly[pts.length + 3] = H;
        area.getPoints().setAll(poly);
    }
}
