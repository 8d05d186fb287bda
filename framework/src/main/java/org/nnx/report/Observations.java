package org.nnx.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The numeric (x, y) pairs of two results columns, one per trial repeat, as {@code plot}, {@code fit}
 * and {@code correlate} use them. Repeats where either value is missing (a failed metric) or not
 * finite are left out and counted. When either column holds a value that is not a number (e.g.
 * {@code architecture}, a per-cell list), there are no pairs and {@link #problem()} says why.
 *
 * @param y the response column
 * @param x the predictor column
 * @param rows the usable pairs, in results order
 * @param leftOut how many trial repeats were left out for a missing or non-finite value
 * @param problem why the columns cannot be used, if they cannot
 */
public record Observations(String y, String x, List<Row> rows, int leftOut, Optional<String> problem) {

  /**
   * One usable trial repeat.
   *
   * @param trial the trial index
   * @param repeat the repeat
   * @param group the value of the grouping column as text ({@code ""} without one)
   * @param x the x value, finite
   * @param y the y value, finite
   */
  public record Row(int trial, int repeat, String group, double x, double y) {}

  /** Whether the pairs can be used (both columns numeric). */
  public boolean usable() {
    return problem.isEmpty();
  }

  /** The x values of {@link #rows()}. */
  public double[] xs() {
    return rows.stream().mapToDouble(Row::x).toArray();
  }

  /** The y values of {@link #rows()}. */
  public double[] ys() {
    return rows.stream().mapToDouble(Row::y).toArray();
  }

  /**
   * Reads the pairs of {@code y} and {@code x} from {@code results}.
   *
   * @param results every trial repeat
   * @param y the response column
   * @param x the predictor column
   * @param by the grouping column, or {@code null} for none
   */
  public static Observations of(List<TrialResult> results, String y, String x, String by) {
    List<Row> rows = new ArrayList<>();
    int leftOut = 0;
    for (TrialResult r : results) {
      ColumnValue xv = ColumnValue.read(r, x);
      ColumnValue yv = ColumnValue.read(r, y);
      for (var named : List.of(java.util.Map.entry(y, yv), java.util.Map.entry(x, xv))) {
        if (named.getValue().kind() == ColumnValue.Kind.TEXT) {
          return new Observations(y, x, List.of(), 0, Optional.of(notNumeric(named.getKey(), named.getValue().text())));
        }
      }
      if (!xv.isFinite() || !yv.isFinite()) {
        leftOut++;
        continue;
      }
      String group = "";
      if (by != null) {
        ColumnValue g = ColumnValue.read(r, by);
        group = g.kind() == ColumnValue.Kind.MISSING ? "(none)" : g.text();
      }
      rows.add(new Row(r.trial(), r.repeat(), group, xv.number(), yv.number()));
    }
    return new Observations(y, x, List.copyOf(rows), leftOut, Optional.empty());
  }

  private static String notNumeric(String column, String example) {
    String shown = example.length() > 40 ? example.substring(0, 37) + "..." : example;
    return "column '" + column + "' is not numeric (it holds values such as '" + shown
        + "'); plot, fit and correlate need numeric columns";
  }
}
