package org.nnx.report;

import java.util.List;

/**
 * What a chart shows, independent of how it is drawn: an x-y chart of one or more series on linear
 * axes. {@link Charts} renders it.
 *
 * @param title the title
 * @param subtitle a line under the title, or {@code ""}
 * @param xLabel the x axis label, with its unit
 * @param yLabel the y axis label, with its unit
 * @param series the series, drawn and listed in the legend in this order
 * @param legend whether to show the legend
 * @param logX whether the x axis is logarithmic whatever the values' span (all values must be positive)
 * @param logY likewise for y
 */
public record ChartSpec(String title, String subtitle, String xLabel, String yLabel, List<Series> series,
    boolean legend, boolean logX, boolean logY) {

  /** A chart whose axes are logarithmic only when the values span three decades or more. */
  public ChartSpec(String title, String subtitle, String xLabel, String yLabel, List<Series> series, boolean legend) {
    this(title, subtitle, xLabel, yLabel, series, legend, false, false);
  }

  /** How a series is drawn. */
  public enum Style {
    /** Markers only. */
    POINTS,
    /** Markers joined by lines, in the order of the points. */
    POINTS_AND_LINES,
    /** A line only. */
    LINE
  }

  /**
   * One series.
   *
   * @param name the legend entry
   * @param style how it is drawn
   * @param points its points
   */
  public record Series(String name, Style style, List<Point> points) {}

  /**
   * One point with optional symmetric error bars, standing for one or more trials.
   *
   * @param x the x value
   * @param xError the half-length of the horizontal error bar, ≥ 0 (0: none)
   * @param y the y value
   * @param yError the half-length of the vertical error bar, ≥ 0 (0: none)
   * @param label what the point is, shown as its tooltip in the SVG ({@code ""}: none)
   * @param count how many trials share this exact point, ≥ 1; more than 1 is written beside the
   *     marker ({@code ×3}) so that coinciding points do not hide each other
   */
  public record Point(double x, double xError, double y, double yError, String label, int count) {

    /** A point of one trial without a label. */
    public Point(double x, double xError, double y, double yError) {
      this(x, xError, y, yError, "", 1);
    }

    /** A point without error bars. */
    public static Point of(double x, double y) {
      return new Point(x, 0, y, 0);
    }
  }
}
