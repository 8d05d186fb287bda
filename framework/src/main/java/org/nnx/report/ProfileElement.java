package org.nnx.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code profile(c1, c2, ..., by = column)} element: several columns of each trial as one line,
 * the columns' values against the number each column's name ends with ({@code
 * certified_accuracy_p3} at 3; its position, from 1, when a name ends with none), e.g. certified
 * accuracy against patch size. One line per trial at the means over its repeats, with error bars
 * of ± one sample standard deviation, named by {@code by}'s value (else by the trial's
 * architecture and index). Written as {@code profile-<c1>-vs-<x>.png} and {@code .svg}.
 *
 * @param columns the columns, in order
 * @param figure the chart
 * @param lines how many lines it shows
 * @param leftOut values left out as missing or not finite
 */
public record ProfileElement(List<String> columns, Figure figure, int lines, int leftOut) implements ReportElement {

  private static final Pattern TRAILING_NUMBER = Pattern.compile("(\\d+)$");

  /** The x of each column: the number its name ends with, or its position from 1. */
  static double[] positions(List<String> columns) {
    double[] x = new double[columns.size()];
    boolean numbered = true;
    for (int i = 0; i < x.length; i++) {
      Matcher m = TRAILING_NUMBER.matcher(columns.get(i));
      if (m.find()) {
        x[i] = Double.parseDouble(m.group(1));
      } else {
        numbered = false;
      }
    }
    if (!numbered) {
      for (int i = 0; i < x.length; i++) {
        x[i] = i + 1;
      }
    }
    return x;
  }

  private static final Pattern SUFFIX = Pattern.compile("^(.*?)[_.]?([A-Za-z]{0,2})(\\d+)$");

  /** The name of the columns without their numbered suffix, e.g. {@code certified_accuracy} of {@code certified_accuracy_p1}. */
  private static String stem(List<String> columns) {
    Matcher m = SUFFIX.matcher(columns.get(0));
    return m.matches() && !m.group(1).isEmpty() ? m.group(1) : columns.get(0);
  }

  /** The x axis: the suffix's letters, and where the numbers come from, e.g. {@code p (_p1 … _p5)}. */
  private static String axis(List<String> columns) {
    Matcher first = SUFFIX.matcher(columns.get(0));
    Matcher last = SUFFIX.matcher(columns.get(columns.size() - 1));
    if (!first.matches() || !last.matches()) {
      return "position of the column";
    }
    String letters = first.group(2).isEmpty() ? "number" : first.group(2);
    String from = columns.get(0).substring(first.group(1).length());
    String to = columns.get(columns.size() - 1).substring(last.group(1).length());
    return letters + " (" + from + " … " + to + ")";
  }

  /** The profile a request asks for, or a note when it cannot be drawn. */
  static ReportElement of(ReportRequest request, List<TrialResult> results, int repeats, FigureNames names) {
    List<String> columns = request.columns();
    Optional<String> by = request.option("by");
    double[] x = positions(columns);
    Map<Integer, List<TrialResult>> trials = new LinkedHashMap<>();
    results.forEach(r -> trials.computeIfAbsent(r.trial(), k -> new ArrayList<>()).add(r));
    List<ChartSpec.Series> series = new ArrayList<>();
    int leftOut = 0;
    for (List<TrialResult> repeatsOfTrial : trials.values()) {
      TrialResult first = repeatsOfTrial.get(0);
      List<ChartSpec.Point> points = new ArrayList<>();
      for (int j = 0; j < columns.size(); j++) {
        List<Double> values = new ArrayList<>();
        for (TrialResult r : repeatsOfTrial) {
          ColumnValue v = ColumnValue.read(r, columns.get(j));
          if (v.kind() == ColumnValue.Kind.TEXT) {
            return new NoteElement(ReportElement.call(request), "column '" + columns.get(j)
                + "' is not numeric; profile needs numeric columns");
          }
          if (v.isFinite()) {
            values.add(v.number());
          } else {
            leftOut++;
          }
        }
        if (!values.isEmpty()) {
          double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
          double sd = v.length > 1 ? Statistics.sampleStandardDeviation(v) : 0;
          points.add(new ChartSpec.Point(x[j], 0, Statistics.mean(v), sd));
        }
      }
      if (points.isEmpty()) {
        continue;
      }
      String name = by.map(b -> b + " = " + ColumnValue.read(first, b).text())
          .orElse(first.architecture() + " (trial " + first.trial() + ")");
      series.add(new ChartSpec.Series(name, points.size() > 1 ? ChartSpec.Style.POINTS_AND_LINES
          : ChartSpec.Style.POINTS, points));
    }
    if (series.isEmpty()) {
      return new NoteElement(ReportElement.call(request), "no trial has a value of " + String.join(", ", columns));
    }
    String stem = stem(columns);
    String title = stem + " by " + axis(columns).split(" ")[0];
    String subtitle = (by.map(b -> "by " + b + " · ").orElse(""))
        + (repeats > 1 ? "mean ± 1 sd over " + repeats + " repeats" : "one line per trial");
    ChartSpec chart = new ChartSpec(title, subtitle, axis(columns), stem, series, true);
    Figure figure = new Figure(names.next("profile", columns.get(0), columns.get(columns.size() - 1)), title, chart);
    return new ProfileElement(List.copyOf(columns), figure, series.size(), leftOut);
  }

  @Override
  public String markdown() {
    StringBuilder out = new StringBuilder("### ").append(figure.title()).append("\n\n").append(figure.markdown())
        .append('\n').append("One line per trial over ").append(String.join(", ", columns)).append(" (")
        .append(Format.count(lines, "line")).append(").");
    if (leftOut > 0) {
      out.append(' ').append(Format.count(leftOut, "value")).append(" left out as missing or not finite.");
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
