package dev.jwal.bench.report;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's chart, drawn by JFreeChart: horizontal bars of ratios on a log axis from 0.01x to 1000x, one bar
 * per ratio, a black tick at its goal, green when the goal is met, red when missed, grey when there is no goal;
 * grouped under bold headings, with notes (the machine) underneath. Written as SVG (JFreeSVG) and PNG.
 */
final class RatioChart {
    static final Color MET = new Color(0x2e7d32);
    static final Color MISSED = new Color(0xc62828);
    static final Color INFO = new Color(0x78909c);

    private static final int WIDTH = 1180;
    private static final int ROW = 22;
    private static final double MIN = 0.01;
    private static final double MAX = 1000;
    private static final String FONT = "SansSerif";

    /** One bar; {@code goal} is NaN when there is none, {@code ratio} NaN when not measured. */
    record Bar(String label, double ratio, double goal, String note) {
        Color color() {
            if (Double.isNaN(goal) || Double.isNaN(ratio)) {
                return INFO;
            }
            return ratio >= goal ? MET : MISSED;
        }
    }

    /** A heading and its bars. */
    record Group(String title, List<Bar> bars) {
    }

    private final JFreeChart chart;
    private final int height;

    /** One row per bar, heading and gap between groups; the heading row and a gap row have no bar. */
    private record Row(String key, Bar bar, boolean heading) {
    }

    RatioChart(String title, String subtitle, List<Group> groups, List<String> notes) {
        List<Row> rows = rows(groups);
        DefaultCategoryDataset ratios = new DefaultCategoryDataset();
        DefaultCategoryDataset goals = new DefaultCategoryDataset();
        CategoryAxis labels = new CategoryAxis();
        labels.setTickLabelFont(new Font(FONT, Font.PLAIN, 11));
        labels.setMaximumCategoryLabelWidthRatio(0.4f);
        labels.setCategoryMargin(0.25);
        labels.setLowerMargin(0.005);
        labels.setUpperMargin(0.005);
        for (Row row : rows) {
            Bar bar = row.bar();
            ratios.addValue(bar == null || Double.isNaN(bar.ratio()) ? null : clamp(bar.ratio()), "ratio", row.key());
            goals.addValue(bar == null || Double.isNaN(bar.goal()) ? null : bar.goal(), "goal", row.key());
            if (row.heading()) {
                labels.setTickLabelFont(row.key(), new Font(FONT, Font.BOLD, 12));
            }
        }
        LogAxis axis = new LogAxis("ratio of medians, same run (log scale)");
        axis.setRange(MIN, MAX);
        axis.setTickUnit(new NumberTickUnit(1), false, true); // one tick per power of 10: 0.01x, 0.1x, 1x, ...
        axis.setNumberFormatOverride(new DecimalFormat("0.##'x'"));
        axis.setMinorTickCount(10);
        axis.setLabelFont(new Font(FONT, Font.PLAIN, 11));
        axis.setTickLabelFont(new Font(FONT, Font.PLAIN, 11));

        CategoryPlot plot = new CategoryPlot(ratios, labels, axis, barRenderer(rows));
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        plot.setDataset(1, goals);
        plot.setRenderer(1, goalRenderer());
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xcfcfcf));
        plot.setDomainGridlinesVisible(false);
        plot.setOutlineVisible(false);
        plot.setRangeZeroBaselineVisible(false);
        plot.addRangeMarker(new ValueMarker(1.0, new Color(0x616161), new BasicStroke(1.2f)));

        chart = new JFreeChart(title, new Font(FONT, Font.BOLD, 18), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(10, 10, 10, 20));
        chart.getTitle().setHorizontalAlignment(HorizontalAlignment.LEFT);
        TextTitle sub = new TextTitle(subtitle, new Font(FONT, Font.PLAIN, 12));
        sub.setHorizontalAlignment(HorizontalAlignment.LEFT);
        chart.addSubtitle(sub);
        TextTitle footer = new TextTitle(String.join("\n", notes), new Font(FONT, Font.PLAIN, 11));
        footer.setPosition(RectangleEdge.BOTTOM);
        footer.setHorizontalAlignment(HorizontalAlignment.LEFT);
        footer.setTextAlignment(HorizontalAlignment.LEFT);
        footer.setPadding(new RectangleInsets(12, 0, 0, 0));
        chart.addSubtitle(footer);
        height = 110 + rows.size() * ROW + 40 + notes.size() * 15;
    }

    void writeSvg(Path file) throws IOException {
        SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, height);
        g2.setDefsKeyPrefix("ratio-chart"); // fixed ids, so an unchanged report gives an unchanged file
        chart.draw(g2, new Rectangle(0, 0, WIDTH, height));
        Files.writeString(file, g2.getSVGDocument(), StandardCharsets.UTF_8);
    }

    void writePng(Path file) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, height);
    }

    private static List<Row> rows(List<Group> groups) {
        List<Row> rows = new ArrayList<>();
        for (Group group : groups) {
            if (!rows.isEmpty()) {
                rows.add(new Row(" ".repeat(rows.size()), null, false));
            }
            rows.add(new Row(group.title(), null, true));
            for (Bar bar : group.bars()) {
                String key = Double.isNaN(bar.ratio()) ? bar.label() + " (" + bar.note() + ")" : bar.label();
                while (contains(rows, key)) {
                    key += " ";
                }
                rows.add(new Row(key, bar, false));
            }
        }
        return rows;
    }

    private static boolean contains(List<Row> rows, String key) {
        return rows.stream().anyMatch(r -> r.key().equals(key));
    }

    private static BarRenderer barRenderer(List<Row> rows) {
        BarRenderer renderer = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return color(rows, column);
            }

            @Override
            public Paint getItemLabelPaint(int row, int column) {
                return color(rows, column);
            }
        };
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setBase(MIN);
        renderer.setMaximumBarWidth(0.9);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator() {
            @Override
            public String generateLabel(CategoryDataset dataset, int row, int column) {
                Bar bar = rows.get(column).bar();
                return bar == null ? null : "  " + bar.note();
            }
        });
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(FONT, Font.PLAIN, 11));
        renderer.setDefaultPositiveItemLabelPosition(
                new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        return renderer;
    }

    private static Color color(List<Row> rows, int column) {
        Bar bar = rows.get(column).bar();
        return bar == null ? INFO : bar.color();
    }

    /** A black tick across the bar at its goal. */
    private static LineAndShapeRenderer goalRenderer() {
        LineAndShapeRenderer ticks = new LineAndShapeRenderer(false, true);
        ticks.setSeriesShape(0, new Rectangle2D.Double(-1.5, -9, 3, 18));
        ticks.setSeriesPaint(0, Color.BLACK);
        return ticks;
    }

    private static double clamp(double ratio) {
        return Math.max(MIN, Math.min(MAX, ratio));
    }
}
