package org.nnx.report;

import java.util.Arrays;
import java.util.List;

/**
 * A {@code fit(y, x)} element: the ordinary least-squares line y = a + b·x over every trial repeat
 * with values of both columns, its coefficients with standard errors and R², and a scatter plot with
 * the line, written as {@code fit-<y>-vs-<x>.png} and {@code .svg}.
 *
 * @param y the response column
 * @param x the predictor column
 * @param fit the line
 * @param leftOut trial repeats left out for a missing or non-finite value
 * @param figure the scatter plot with the line
 */
public record FitElement(String y, String x, LinearFit fit, int leftOut, Figure figure) implements ReportElement {

  /** The fit a request asks for, or a note when it cannot be made. */
  static ReportElement of(ReportRequest request, List<TrialResult> results, FigureNames names) {
    String y = request.columns().get(0);
    String x = request.columns().get(1);
    Observations observations = Observations.of(results, y, x, null);
    String call = ReportElement.call(request);
    if (!observations.usable()) {
      return new NoteElement(call, observations.problem().get());
    }
    double[] xs = observations.xs();
    double[] ys = observations.ys();
    if (xs.length < 2) {
      return new NoteElement(call, "a line needs at least 2 trial repeats with values of both " + y + " and " + x
          + ", got " + xs.length + (observations.leftOut() > 0 ? " (" + observations.leftOut() + " left out)" : ""));
    }
    if (Arrays.stream(xs).allMatch(v -> v == xs[0])) {
      return new NoteElement(call, "every " + x + " is " + Format.number(xs[0]) + ", so no line is determined");
    }
    LinearFit fit = Statistics.fit(xs, ys);
    double lo = Arrays.stream(xs).min().orElseThrow();
    double hi = Arrays.stream(xs).max().orElseThrow();
    String equation = equation(y, x);
    ChartSpec chart = new ChartSpec(y + " vs " + x + ": least-squares fit",
        "a = " + Format.number(fit.intercept()) + ", b = " + Format.number(fit.slope()) + ", R² = "
            + Format.coefficient(fit.rSquared()) + ", n = " + fit.n(),
        AxisLabel.of(x), AxisLabel.of(y),
        List.of(new ChartSpec.Series("trial repeats", ChartSpec.Style.POINTS,
                observations.rows().stream().map(r -> ChartSpec.Point.of(r.x(), r.y())).toList()),
            new ChartSpec.Series(line(y, x, fit), ChartSpec.Style.LINE,
                List.of(ChartSpec.Point.of(lo, fit.predict(lo)), ChartSpec.Point.of(hi, fit.predict(hi))))),
        true);
    Figure figure = new Figure(names.next("fit", y, x), "Fit: " + equation, chart);
    return new FitElement(y, x, fit, observations.leftOut(), figure);
  }

  /** The fitted line with its numbers, e.g. {@code acc = 0.5 + 0.1 · tc}. */
  private static String line(String y, String x, LinearFit fit) {
    double b = fit.slope();
    return y + " = " + Format.number(fit.intercept()) + (b < 0 ? " − " : " + ") + Format.number(Math.abs(b)) + " · " + x;
  }

  private static String equation(String y, String x) {
    return y + " = a + b · " + x;
  }

  @Override
  public String markdown() {
    StringBuilder out = new StringBuilder("### Fit: ").append(equation(y, x)).append("\n\n");
    out.append("| coefficient | estimate | standard error |\n| --- | ---: | ---: |\n");
    out.append("| a (intercept) | ").append(Format.number(fit.intercept())).append(" | ")
        .append(Format.number(fit.interceptStandardError())).append(" |\n");
    out.append("| b (slope) | ").append(Format.number(fit.slope())).append(" | ")
        .append(Format.number(fit.slopeStandardError())).append(" |\n\n");
    out.append("Ordinary least squares over n = ").append(Format.count((int) fit.n(), "trial repeat"))
        .append(": R² = ").append(Format.coefficient(fit.rSquared())).append('.');
    if (leftOut > 0) {
      out.append(' ').append(Format.count(leftOut, "trial repeat")).append(" left out for missing or non-finite values.");
    }
    out.append("\n\n").append(figure.markdown());
    return out.toString();
  }

  @Override
  public String terminal() {
    return "fit " + equation(y, x) + " (least squares over " + Format.count((int) fit.n(), "trial repeat")
        + (leftOut > 0 ? ", " + leftOut + " left out" : "") + "):\n  a = " + Format.number(fit.intercept()) + " ± "
        + Format.number(fit.interceptStandardError()) + ", b = " + Format.number(fit.slope()) + " ± "
        + Format.number(fit.slopeStandardError()) + " (± standard error), R² = " + Format.coefficient(fit.rSquared())
        + "\n";
  }

  @Override
  public List<Figure> figures() {
    return List.of(figure);
  }
}
