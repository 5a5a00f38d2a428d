package dev.jwal.bench.report;

import java.util.Locale;

/** Writes the drawing as SVG 1.1 text, by hand: no library, nothing to install. */
final class SvgCanvas implements Canvas {
    private final StringBuilder body = new StringBuilder();
    private final int width;
    private final int height;

    SvgCanvas(int width, int height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public void rect(double x, double y, double w, double h, String fill) {
        body.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
                x, y, w, h, fill));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String stroke, double w, boolean dashed) {
        body.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>%n",
                x1, y1, x2, y2, stroke, w, dashed ? " stroke-dasharray=\"4 3\"" : ""));
    }

    @Override
    public void text(double x, double y, String text, double size, Anchor anchor, boolean bold, String fill) {
        String svgAnchor = switch (anchor) {
            case START -> "start";
            case MIDDLE -> "middle";
            case END -> "end";
        };
        body.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" text-anchor=\"%s\"%s fill=\"%s\">%s</text>%n",
                x, y, size, svgAnchor, bold ? " font-weight=\"bold\"" : "", fill, escape(text)));
    }

    String toSvg() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">%n", width, height, width, height)
                + String.format("<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", width, height)
                + body + "</svg>\n";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
