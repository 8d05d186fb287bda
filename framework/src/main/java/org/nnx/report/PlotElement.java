package org.nnx.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code plot(y, x, by = column, line = column, log = x|y|xy)} element: y against x, one point per
 * trial at the mean over its repeats with error bars of ± one sample standard deviation (in y, and
 * in x when x varies over repeats), one series per value of {@code by}; {@code line} adds a
 * horizontal line at the mean of another column over the plotted trial repeats (e.g. the noiseless
 * accuracy beside stored accuracies), {@code log} makes an axis logarithmic (when its values are
 * positive). Written as {@code plot-<y>-vs-<x>.png} and {@code .svg}.
 *
 * @param y the y column
 * @param x the x column
 * @param by the grouping column, if any
 * @param figure the chart
 * @param trials how many trials it shows
 * @param leftOut trial repeats left out for a missing or non-finite value
 * @param repeats the experiment's repeats per trial
 */
public record PlotElement(String y, String x, Optional<String> by, Figure figure, int trials, int leftOut, int repeats)
    implements ReportElement {

  /** The plot a request asks for, or a note when it cannot be drawn. */
  static ReportElement of(ReportRequest request, List<TrialResult> results, int repeats, FigureNames names) {
    String y = request.columns().get(0);
    String x = request.columns().get(1);
    Optional<String> by = request.option("by");
    Observations observations = Observations.of(results, y, x, by.orElse(null));
    if (!observations.usable()) {
      return new NoteElement(ReportElement.call(request), observations.problem().get());
    }
    if (observations.rows().isEmpty()) {
      return new NoteElement(ReportElement.call(request), "no trial repeat has values of both " + y + " and " + x
          + " (" + Format.count(observations.leftOut(), "trial repeat") + " with missing or non-finite values)");
    }
    List<TrialMean> means = TrialMean.of(observations);
    String title = y + " vs " + x;
    String subtitle = (by.map(b -> "by " + b + " · ").orElse(""))
        + (repeats > 1 ? "mean ± 1 sd over " + repeats + " repeats" : "one point per trial");
    // x is a sweep of the file (a parameter or setting every trial has) rather than a measured value
    boolean sweep = results.stream().allMatch(r -> r.parameters().containsKey(x));
    List<ChartSpec.Series> series = new ArrayList<>(series(means, by.orElse(null), y, x, sweep,
        TrialPoints.architectures(results)));
    Optional<String> line = request.option("line");
    if (line.isPresent()) {
      double sum = 0;
      int n = 0;
      for (TrialResult r : results) {
        Object v = r.values().get(line.get());
        if (v instanceof Number number && Double.isFinite(number.doubleValue())) {
          sum += number.doubleValue();
          n++;
        }
      }
      if (n > 0) {
        double lo = means.stream().mapToDouble(TrialMean::x).min().orElse(0);
        double hi = means.stream().mapToDouble(TrialMean::x).max().orElse(1);
        double level = sum / n;
        series.add(new ChartSpec.Series(line.get() + " (mean " + Format.number(level) + ")", ChartSpec.Style.LINE,
            List.of(ChartSpec.Point.of(lo, level), ChartSpec.Point.of(hi, level))));
      }
    }
    String log = request.option("log").orElse("");
    ChartSpec chart = new ChartSpec(title, subtitle, AxisLabel.of(x), AxisLabel.of(y), series,
        by.isPresent() || line.isPresent(), log.contains("x"), log.contains("y"));
    Figure figure = new Figure(names.next("plot", y, x), title + by.map(b -> ", by " + b).orElse(""), chart);
    return new PlotElement(y, x, by, figure, (int) means.stream().mapToInt(TrialMean::trial).distinct().count(),
        observations.leftOut(), repeats);
  }

  /**
   * The chart series of per-trial means: one per group, in order of first appearance, named
   * {@code by = value}, or a single series named {@code y} without a grouping column. Points are
   * sorted by x, coinciding ones merged with their count ({@link TrialPoints}). A series is joined
   * by lines only when x is an ordered sweep within it: a setting of the file, with distinct values
   * in the series; a measured x (e.g. NN-Mass) is drawn as markers, since a line through measured
   * points suggests an order that is not there.
   *
   * @param means per-trial means
   * @param by the grouping column's name, or {@code null}
   * @param y the y column's name, for the single series
   * @param x the x column's name
   * @param sweep whether x is a setting of the file rather than a measured value
   * @param architectures each trial's architecture label, by trial index, for the points' labels
   */
  static List<ChartSpec.Series> series(List<TrialMean> means, String by, String y, String x, boolean sweep,
      Map<Integer, String> architectures) {
    Map<String, List<TrialMean>> groups = new LinkedHashMap<>();
    for (TrialMean m : means) {
      groups.computeIfAbsent(m.group(), k -> new ArrayList<>()).add(m);
    }
    List<ChartSpec.Series> out = new ArrayList<>();
    for (Map.Entry<String, List<TrialMean>> group : groups.entrySet()) {
      List<TrialMean> sorted = new ArrayList<>(group.getValue());
      sorted.sort(Comparator.comparingDouble(TrialMean::x));
      Set<Double> xs = new HashSet<>();
      boolean distinct = sorted.stream().allMatch(m -> xs.add(m.x()));
      List<ChartSpec.Point> points = TrialPoints.of(sorted, architectures, x, y);
      String name = by == null ? y : by + " = " + group.getKey();
      out.add(new ChartSpec.Series(name, sweep && distinct && points.size() > 1 ? ChartSpec.Style.POINTS_AND_LINES
          : ChartSpec.Style.POINTS, points));
    }
    return out;
  }

  @Override
  public String markdown() {
    StringBuilder out = new StringBuilder("### ").append(figure.title()).append("\n\n").append(figure.markdown())
        .append('\n');
    out.append(repeats > 1
        ? "One point per trial at the mean over its repeats, error bars ± one sample standard deviation"
        : "One point per trial").append(" (").append(Format.count(trials, "trial")).append(").");
    if (leftOut > 0) {
      out.append(' ').append(Format.count(leftOut, "trial repeat")).append(" left out for missing or non-finite values.");
    }
    return out.append('\n').toString();
  }

  @Override
  public String terminal() {
    return "";
  }

  @Override
  public List<Figure> figures() {
    return List.of(figure);
  }
}
