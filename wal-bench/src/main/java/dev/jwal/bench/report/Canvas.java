package dev.jwal.bench.report;

/** The few drawing operations the chart needs, so one drawing gives both the SVG and the PNG. */
interface Canvas {
    /** Left, centre and right alignment of text on its x. */
    enum Anchor { START, MIDDLE, END }

    void rect(double x, double y, double width, double height, String fill);

    void line(double x1, double y1, double x2, double y2, String stroke, double width, boolean dashed);

    void text(double x, double y, String text, double size, Anchor anchor, boolean bold, String fill);
}
