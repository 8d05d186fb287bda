package org.nnx.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@code correlate(y, [x1, x2, ...])} element: for each x, Kendall's τ, Spearman's ρ and Pearson's
 * r of (x, y) with 95% percentile bootstrap intervals ({@link Correlations#bootstrap}, {@link
 * Correlations#RESAMPLES} resamples of the trials, seeded from the experiment seed), in a table sorted
 * by |τ| (largest first, undefined last), and a scatter plot per x written as {@code
 * correlate-<y>-vs-<x>.png} and {@code .svg}.
 *
 * <p>The observations are the trials: each trial's x and y are the means over its repeats that have
 * finite values of both; repeats with a missing or non-finite value are left out and counted. An x
 * that is not numeric, or that leaves fewer than 3 trials, gets a note instead of a row.
 *
 * @param y the response column
 * @param rows one row per usable x, sorted
 * @param notes why other x columns have no row
 * @param repeats the experiment's repeats per trial
 */
public record CorrelationElement(String y, List<Row> rows, List<String> notes, int repeats) implements ReportElement {

  /** The fewest trials a correlation is reported for. */
  public static final int MIN_TRIALS = 3;

  /**
   * One x column.
   *
   * @param x the column
   * @param summary the coefficients and intervals over the trials
   * @param leftOut trial repeats left out for a missing or non-finite value
   * @param figure the scatter plot of y against x
   */
  public record Row(String x, CorrelationSummary summary, int leftOut, Figure figure) {}

  /** The correlations a request asks for; a note when no x can be used. */
  static ReportElement of(ReportRequest request, List<TrialResult> results, int repeats, long experimentSeed,
      FigureNames names) {
    String y = request.columns().get(0);
    List<Row> rows = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (String x : request.columns().subList(1, request.columns().size())) {
      Observations observations = Observations.of(results, y, x, null);
      if (!observations.usable()) {
        notes.add(x + ": " + observations.problem().get());
        continue;
      }
      List<TrialMean> means = TrialMean.of(observations);
      if (means.size() < MIN_TRIALS) {
        notes.add(x + ": " + Format.count(means.size(), "trial") + " with values of both " + y + " and " + x
            + " (" + Format.count(observations.leftOut(), "trial repeat") + " left out); a correlation needs at least "
            + MIN_TRIALS);
        continue;
      }
      double[] xs = means.stream().mapToDouble(TrialMean::x).toArray();
      double[] ys = means.stream().mapToDouble(TrialMean::y).toArray();
      CorrelationSummary summary = Correlations.bootstrap(xs, ys, Correlations.RESAMPLES, Correlations.CONFIDENCE,
          Correlations.bootstrapSeed(experimentSeed, y, x));
      String subtitle = "Kendall τ = " + Format.coefficient(summary.kendallTau().value()) + " · Spearman ρ = "
          + Format.coefficient(summary.spearmanRho().value()) + " · Pearson r = "
          + Format.coefficient(summary.pearsonR().value()) + " · n = " + Format.count(summary.n(), "trial")
          + (repeats > 1 ? " (mean ± 1 sd over " + repeats + " repeats)" : "");
      ChartSpec chart = new ChartSpec(y + " vs " + x, subtitle, AxisLabel.of(x), AxisLabel.of(y),
          List.of(new ChartSpec.Series("trials", ChartSpec.Style.POINTS,
              TrialPoints.of(means, TrialPoints.architectures(results), x, y))),
          false);
      rows.add(new Row(x, summary, observations.leftOut(), new Figure(names.next("correlate", y, x), y + " vs " + x,
          chart)));
    }
    if (rows.isEmpty()) {
      return new NoteElement(ReportElement.call(request), String.join("; ", notes));
    }
    return new CorrelationElement(y, sort(rows), List.copyOf(notes), repeats);
  }

  /** The rows by |Kendall τ|, largest first; undefined τ last; ties in declared order. */
  static List<Row> sort(List<Row> rows) {
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingDouble((Row r) -> {
      double tau = Math.abs(r.summary().kendallTau().value());
      return Double.isNaN(tau) ? Double.POSITIVE_INFINITY : -tau;
    }));
    return List.copyOf(sorted);
  }

  /** The table of the rows, one row per x. */
  public ResultTable table() {
    boolean anyLeftOut = rows.stream().anyMatch(r -> r.leftOut() > 0);
    int percent = (int) Math.round(Correlations.CONFIDENCE * 100);
    List<String> columns = new ArrayList<>(List.of("x", "Kendall τ", "τ " + percent + "% CI", "Spearman ρ",
        "ρ " + percent + "% CI", "Pearson r", "r " + percent + "% CI", "n"));
    if (anyLeftOut) {
      columns.add("left out");
    }
    List<List<String>> cells = new ArrayList<>();
    for (Row r : rows) {
      CorrelationSummary s = r.summary();
      List<String> row = new ArrayList<>(List.of(r.x(), Format.coefficient(s.kendallTau().value()),
          Format.interval(s.kendallTau()), Format.coefficient(s.spearmanRho().value()), Format.interval(s.spearmanRho()),
          Format.coefficient(s.pearsonR().value()), Format.interval(s.pearsonR()), Integer.toString(s.n())));
      if (anyLeftOut) {
        row.add(Integer.toString(r.leftOut()));
      }
      cells.add(row);
    }
    return ResultTable.ofCells(columns, cells);
  }

  private String method() {
    return "Sorted by |Kendall τ|. n counts trials" + (repeats > 1 ? ", each at the mean over its repeats" : "")
        + "; intervals are " + Math.round(Correlations.CONFIDENCE * 100) + "% percentile bootstrap intervals from "
        + Correlations.RESAMPLES + " resamples of the trials, seeded from the experiment seed"
        + (rows.stream().anyMatch(r -> r.leftOut() > 0)
            ? "; \"left out\" counts trial repeats with a missing or non-finite value" : "")
        + ".";
  }

  @Override
  public String markdown() {
    StringBuilder out = new StringBuilder("### Correlation with ").append(y).append("\n\n");
    out.append(TextTable.markdown(table())).append('\n').append(method()).append('\n');
    for (String note : notes) {
      out.append("\n> **Not computed:** ").append(note).append(".\n");
    }
    for (Row r : rows) {
      out.append('\n').append(r.figure().markdown());
    }
    return out.toString();
  }

  @Override
  public String terminal() {
    StringBuilder out = new StringBuilder("correlation with ").append(y).append(":\n");
    out.append(TextTable.plain(table())).append(method()).append('\n');
    for (String note : notes) {
      out.append("note: not computed: ").append(note).append('\n');
    }
    return out.toString();
  }

  @Override
  public List<Figure> figures() {
    return rows.stream().map(Row::figure).toList();
  }
}
