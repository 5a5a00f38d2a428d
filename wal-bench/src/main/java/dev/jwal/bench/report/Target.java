package dev.jwal.bench.report;

/**
 * One row of the report's targets table, and one bar of the chart's first group.
 *
 * @param target   what is measured
 * @param measured the measured figure, as shown
 * @param baseline the baseline and its figure, as shown
 * @param ratio    measured over baseline (or baseline over measured when lower is better); NaN when either is
 *                 missing
 * @param goal     the ratio to reach
 * @param goalText the goal, as shown
 * @param ran      whether the run measured this target at all
 */
record Target(String target, String measured, String baseline, double ratio, double goal, String goalText,
              boolean ran) {
    String status() {
        if (!ran) {
            return "not measured";
        }
        if (Double.isNaN(ratio)) {
            return "missing";
        }
        return ratio >= goal ? "**met**" : "**missed**";
    }
}
