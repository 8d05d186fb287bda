package org.nnx.report;

/**
 * A chart of the report and the files it is written to: {@code name.png} and {@code name.svg} in the
 * run directory.
 *
 * @param name the file name without extension, unique within the report
 * @param title what it shows, for links and alt text
 * @param chart the chart
 */
public record Figure(String name, String title, ChartSpec chart) {

  /** The PNG file's name. */
  public String png() {
    return name + ".png";
  }

  /** The SVG file's name. */
  public String svg() {
    return name + ".svg";
  }

  /** Markdown that shows the PNG and links the SVG. */
  public String markdown() {
    return "![" + title.replace("]", "\\]") + "](" + png() + ")\n\nSVG: [" + svg() + "](" + svg() + ")\n";
  }
}
