package dev.jwal.bench.report;

import java.util.List;
import java.util.Locale;

/**
 * A horizontal bar chart of ratios on a log scale from 0.01x to 100x: one bar per ratio, a black tick at
 * its goal, green when the goal is met, red when missed, grey when there is no goal; grouped under
 * headings, with notes (the machine) underneath.
 */
final class RatioChart {
    static final String MET = "#2e7d32";
    static final String MISSED = "#c62828";
    static final String INFO = "#78909c";

    private static final int WIDTH = 1180;
    private static final int LABEL_RIGHT = 470;
    private static final int PLOT_LEFT = 480;
    private static final int PLOT_RIGHT = 940;
    private static final int ROW = 22;
    private static final double MIN = 0.01;
    private static final double MAX = 100;
    private static final double[] TICKS = {0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100};

    /** One bar; {@code goal} is NaN when there is none, {@code ratio} NaN when not measured. */
    record Bar(String label, double ratio, double goal, String note) {
        String color() {
            if (Double.isNaN(goal) || Double.isNaN(ratio)) {
                return INFO;
            }
            return ratio >= goal ? MET : MISSED;
        }
    }

    /** A heading and its bars. */
    record Group(String title, List<Bar> bars) {
    }

    private RatioChart() {
    }

    static int height(List<Group> groups, List<String> notes) {
        int rows = 0;
        for (Group group : groups) {
            rows += group.bars().size() + 2;
        }
        return 90 + rows * ROW + 40 + notes.size() * 16 + 20;
    }

    static int width() {
        return WIDTH;
    }

    static void draw(Canvas c, String title, String subtitle, List<Group> groups, List<String> notes) {
        c.text(20, 30, title, 18, Canvas.Anchor.START, true, "#212121");
        c.text(20, 52, subtitle, 12, Canvas.Anchor.START, false, "#424242");
        double y = 90;
        double top = y - 12;
        for (Group group : groups) {
            c.text(20, y, group.title(), 13, Canvas.Anchor.START, true, "#212121");
            y += ROW;
            for (Bar bar : group.bars()) {
                c.text(LABEL_RIGHT, y, bar.label(), 11.5, Canvas.Anchor.END, false, "#212121");
                if (!Double.isNaN(bar.ratio())) {
                    double end = x(bar.ratio());
                    c.rect(PLOT_LEFT, y - 12, Math.max(1, end - PLOT_LEFT), 14, bar.color());
                }
                if (!Double.isNaN(bar.goal())) {
                    double gx = x(bar.goal());
                    c.line(gx, y - 15, gx, y + 5, "#000000", 2.5, false);
                }
                c.text(PLOT_RIGHT + 8, y, bar.note(), 11, Canvas.Anchor.START, false, bar.color());
                y += ROW;
            }
            y += ROW;
        }
        double bottom = y - ROW - 4;
        for (double tick : TICKS) {
            double tx = x(tick);
            c.line(tx, top, tx, bottom, tick == 1 ? "#616161" : "#cfcfcf", tick == 1 ? 1.2 : 0.8, tick != 1);
            c.text(tx, bottom + 16, format(tick) + "x", 11, Canvas.Anchor.MIDDLE, false, "#424242");
        }
        y = bottom + 44;
        for (String note : notes) {
            c.text(20, y, note, 11, Canvas.Anchor.START, false, "#424242");
            y += 16;
        }
    }

    private static double x(double ratio) {
        double clamped = Math.max(MIN, Math.min(MAX, ratio));
        return PLOT_LEFT + (Math.log10(clamped) - Math.log10(MIN)) / (Math.log10(MAX) - Math.log10(MIN))
                * (PLOT_RIGHT - PLOT_LEFT);
    }

    static String format(double ratio) {
        if (Double.isNaN(ratio)) {
            return "n/a";
        }
        return ratio >= 10 ? String.format(Locale.ROOT, "%.0f", ratio)
                : ratio >= 1 ? String.format(Locale.ROOT, "%.2f", ratio).replaceAll("\\.?0+$", "")
                : ratio >= 0.1 ? String.format(Locale.ROOT, "%.2f", ratio)
                : String.format(Locale.ROOT, "%.3f", ratio).replaceAll("0+$", "");
    }
}
