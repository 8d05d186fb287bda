package org.nnx.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnx.param.Parameters;
import org.nnx.syntax.Location;

class ReportElementsTest {

  private static final Location AT = new Location("t.nnx", 1, 1);

  @TempDir
  Path dir;

  private static TrialResult result(int trial, int repeat, Map<String, String> parameters, Map<String, Object> values) {
    return new TrialResult(trial, "net", repeat, 1000L * trial + repeat, parameters, values, null, 0.1);
  }

  private static ReportRequest request(ReportKind kind, Map<String, String> options, String... columns) {
    return new ReportRequest(kind, List.of(columns), options, AT);
  }

  /** depth ∈ {4, 8} × tc ∈ {0, 1, 2}, 2 repeats: acc = 0.5 + 0.1·tc + depth/100 ± 0.01 (repeat 0 −, 1 +). */
  private static List<TrialResult> grid() {
    List<TrialResult> out = new ArrayList<>();
    int trial = 0;
    for (int depth : new int[] {4, 8}) {
      for (int tc = 0; tc <= 2; tc++) {
        for (int repeat = 0; repeat < 2; repeat++) {
          double acc = 0.5 + 0.1 * tc + depth / 100.0 + (repeat == 0 ? -0.01 : 0.01);
          Map<String, Object> values = new HashMap<>();
          values.put("acc", acc);
          values.put("mass", (double) (depth - 2) * tc);
          values.put("cells", List.of(1.0, 2.0));
          out.add(result(trial, repeat, Map.of("depth", Integer.toString(depth), "tc", Integer.toString(tc)), values));
        }
        trial++;
      }
    }
    return out;
  }

  @Test
  void plotPointsAreTrialMeansWithSampleStandardDeviationErrorBars() {
    ReportElement element = PlotElement.of(request(ReportKind.PLOT, Map.of("by", "depth"), "acc", "tc"), grid(), 2,
        new FigureNames());
    assertThat(element).isInstanceOf(PlotElement.class);
    PlotElement plot = (PlotElement) element;
    assertThat(plot.figure().png()).isEqualTo("plot-acc-vs-tc.png");
    assertThat(plot.figure().svg()).isEqualTo("plot-acc-vs-tc.svg");
    ChartSpec chart = plot.figure().chart();
    assertThat(chart.xLabel()).isEqualTo("tc");
    assertThat(chart.yLabel()).isEqualTo("acc");
    assertThat(chart.legend()).isTrue();
    assertThat(chart.series()).extracting(ChartSpec.Series::name).containsExactly("depth = 4", "depth = 8");
    ChartSpec.Series depth8 = chart.series().get(1);
    assertThat(depth8.style()).isEqualTo(ChartSpec.Style.POINTS_AND_LINES);
    assertThat(depth8.points()).hasSize(3);
    ChartSpec.Point p = depth8.points().get(2);
    assertThat(p.x()).isEqualTo(2);
    assertThat(p.xError()).isZero();
    assertThat(p.y()).isCloseTo(0.5 + 0.2 + 0.08, within(1e-12));
    // two values 0.02 apart: sample sd = 0.02 / sqrt(2)
    assertThat(p.yError()).isCloseTo(0.02 / Math.sqrt(2), within(1e-12));
    assertThat(plot.markdown()).contains("![acc vs tc, by depth](plot-acc-vs-tc.png)")
        .contains("SVG: [plot-acc-vs-tc.svg](plot-acc-vs-tc.svg)").contains("± one sample standard deviation");
    assertThat(plot.terminal()).isEmpty();
  }

  /** 8 trials, two pairs at the same point: 6 markers, two of them marked ×2, every trial in a label. */
  @Test
  void coincidingPointsAreCountedAndEveryPointNamesItsTrials() {
    List<TrialResult> results = new ArrayList<>();
    double[] mass = {1, 2, 2, 3, 4, 4, 5, 6};
    double[] acc = {0.5, 0.6, 0.6, 0.7, 0.8, 0.8, 0.85, 0.9};
    for (int t = 0; t < 8; t++) {
      results.add(result(t, 0, Map.of("tc", Integer.toString(t)), Map.of("acc", acc[t], "mass", mass[t])));
    }
    PlotElement plot = (PlotElement) PlotElement.of(request(ReportKind.PLOT, Map.of(), "acc", "mass"), results, 1,
        new FigureNames());
    List<ChartSpec.Point> points = plot.figure().chart().series().get(0).points();
    assertThat(points).hasSize(6);
    assertThat(points).extracting(ChartSpec.Point::count).containsExactly(1, 2, 1, 2, 1, 1);
    assertThat(points.get(1).label()).isEqualTo("trials 1 (net), 2 (net): mass = 2, acc = 0.6");
    assertThat(points.get(0).label()).isEqualTo("trial 0 (net): mass = 1, acc = 0.5");
    String svg = Charts.svg(plot.figure().chart(), Charts.WIDTH, Charts.HEIGHT);
    assertThat(svg).contains("<title>trials 1 (net), 2 (net): mass = 2, acc = 0.6</title>")
        .contains("<title>trial 7 (net): mass = 6, acc = 0.9</title>").contains("\u00d72");
    // the tooltip sits on its marker: the circle of trial 0 is left of and below that of trial 7
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "<circle cx=\"([0-9.]+)\" cy=\"([0-9.]+)\" r=\"8\"><title>").matcher(svg);
    List<double[]> centres = new ArrayList<>();
    while (m.find()) {
      centres.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
    }
    assertThat(centres).hasSize(6);
    assertThat(centres.get(0)[0]).isLessThan(centres.get(5)[0]);
    assertThat(centres.get(0)[1]).isGreaterThan(centres.get(5)[1]);
  }

  /** Lines join a series only along a swept setting; measured x values are markers. */
  @Test
  void seriesAreJoinedByLinesOnlyAlongASweep() {
    PlotElement bySweep = (PlotElement) PlotElement.of(request(ReportKind.PLOT, Map.of("by", "depth"), "acc", "tc"),
        grid(), 2, new FigureNames());
    assertThat(bySweep.figure().chart().series()).extracting(ChartSpec.Series::style)
        .containsOnly(ChartSpec.Style.POINTS_AND_LINES);
    PlotElement byMeasure = (PlotElement) PlotElement.of(request(ReportKind.PLOT, Map.of("by", "depth"), "acc",
        "mass"), grid(), 2, new FigureNames());
    assertThat(byMeasure.figure().chart().series()).extracting(ChartSpec.Series::style)
        .containsOnly(ChartSpec.Style.POINTS);
  }

  @Test
  void aNonNumericColumnGivesANoteNotAnException() {
    FigureNames names = new FigureNames();
    ReportElement byArchitecture = PlotElement.of(request(ReportKind.PLOT, Map.of(), "acc", "architecture"), grid(), 2,
        names);
    assertThat(byArchitecture).isInstanceOf(NoteElement.class);
    assertThat(byArchitecture.markdown()).contains("`plot(acc, architecture)`")
        .contains("column 'architecture' is not numeric").contains("'net'");
    assertThat(byArchitecture.terminal()).startsWith("note: plot(acc, architecture) not drawn");
    assertThat(FitElement.of(request(ReportKind.FIT, Map.of(), "cells", "tc"), grid(), names).markdown())
        .contains("column 'cells' is not numeric");
    assertThat(byArchitecture.figures()).isEmpty();
  }

  @Test
  void missingAndNonFiniteValuesAreLeftOutAndCounted() {
    List<TrialResult> results = new ArrayList<>(grid());
    results.add(new TrialResult(6, "net", 0, 1, Map.of("depth", "8", "tc", "3"), Map.of(), "boom", 0.1));
    results.add(result(7, 0, Map.of("depth", "8", "tc", "4"), Map.of("acc", Double.NaN, "mass", 1.0)));
    PlotElement plot = (PlotElement) PlotElement.of(request(ReportKind.PLOT, Map.of(), "acc", "tc"), results, 2,
        new FigureNames());
    assertThat(plot.leftOut()).isEqualTo(2);
    assertThat(plot.trials()).isEqualTo(6);
    assertThat(plot.markdown()).contains("2 trial repeats left out");
    FitElement fit = (FitElement) FitElement.of(request(ReportKind.FIT, Map.of(), "acc", "tc"), results, new FigureNames());
    assertThat(fit.fit().n()).isEqualTo(12);
    assertThat(fit.leftOut()).isEqualTo(2);
  }

  @Test
  void fitOverEveryRepeatWithItsLine() {
    FitElement fit = (FitElement) FitElement.of(request(ReportKind.FIT, Map.of(), "acc", "tc"), grid(), new FigureNames());
    // acc = 0.56 or 0.58 + 0.1·tc ± 0.01: slope 0.1, intercept the mean offset 0.56
    assertThat(fit.fit().slope()).isCloseTo(0.1, within(1e-12));
    assertThat(fit.fit().intercept()).isCloseTo(0.56, within(1e-12));
    assertThat(fit.fit().n()).isEqualTo(12);
    assertThat(fit.fit().rSquared()).isBetween(0.0, 1.0);
    assertThat(fit.figure().name()).isEqualTo("fit-acc-vs-tc");
    List<ChartSpec.Series> series = fit.figure().chart().series();
    assertThat(series.get(0).points()).hasSize(12);
    assertThat(series.get(1).style()).isEqualTo(ChartSpec.Style.LINE);
    assertThat(series.get(1).name()).isEqualTo("acc = 0.56 + 0.1 · tc");
    assertThat(series.get(1).points()).extracting(ChartSpec.Point::y)
        .containsExactly(fit.fit().predict(0), fit.fit().predict(2));
    assertThat(fit.markdown()).contains("### Fit: acc = a + b · tc").contains("| b (slope) | 0.1 |")
        .contains("n = 12 trial repeats").contains("![Fit: acc = a + b · tc](fit-acc-vs-tc.png)");
    assertThat(fit.terminal()).contains("b = 0.1 ±").contains("R² = ");

    List<TrialResult> line = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      line.add(result(i, 0, Map.of("tc", Integer.toString(i)), Map.of("acc", 1.0 + 2.0 * i)));
    }
    FitElement perfect = (FitElement) FitElement.of(request(ReportKind.FIT, Map.of(), "acc", "tc"), line, new FigureNames());
    assertThat(perfect.fit().rSquared()).isCloseTo(1, within(1e-12));
    assertThat(perfect.markdown()).contains("R² = 1.000");
    assertThat(FitElement.of(request(ReportKind.FIT, Map.of(), "acc", "depth"), grid().subList(0, 6), new FigureNames()))
        .isInstanceOf(NoteElement.class).extracting(ReportElement::markdown).asString().contains("no line");
  }

  @Test
  void correlationsAreOverTrialMeansSortedByTauAndReproducible() {
    List<TrialResult> results = new ArrayList<>();
    java.util.Random random = new java.util.Random(9);
    for (int t = 0; t < 30; t++) {
      for (int r = 0; r < 2; r++) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("acc", t + random.nextGaussian());
        values.put("noise", random.nextGaussian());
        values.put("good", (double) t);
        results.add(result(t, r, Map.of("name", "n" + t), values));
      }
    }
    ReportRequest request = request(ReportKind.CORRELATE, Map.of(), "acc", "noise", "name", "good");
    CorrelationElement c = (CorrelationElement) CorrelationElement.of(request, results, 2, 7, new FigureNames());
    assertThat(c.rows()).extracting(CorrelationElement.Row::x).containsExactly("good", "noise");
    assertThat(c.rows().get(0).summary().n()).isEqualTo(30);
    assertThat(c.rows().get(0).summary().kendallTau().value()).isGreaterThan(0.8);
    assertThat(c.notes()).singleElement().asString().contains("name: column 'name' is not numeric");
    assertThat(c.figures()).extracting(Figure::name).containsExactly("correlate-acc-vs-good", "correlate-acc-vs-noise");
    // each trial's x is the mean over its two repeats
    double[] means = new double[30];
    for (int t = 0; t < 30; t++) {
      means[t] = ((Double) results.get(2 * t).values().get("acc") + (Double) results.get(2 * t + 1).values().get("acc")) / 2;
    }
    double[] good = java.util.stream.IntStream.range(0, 30).asDoubleStream().toArray();
    assertThat(c.rows().get(0).summary().kendallTau().value()).isEqualTo(Correlations.kendallTau(good, means));
    CorrelationElement again = (CorrelationElement) CorrelationElement.of(request, results, 2, 7, new FigureNames());
    assertThat(again.rows().get(0).summary()).isEqualTo(c.rows().get(0).summary());
    CorrelationElement otherSeed = (CorrelationElement) CorrelationElement.of(request, results, 2, 8, new FigureNames());
    assertThat(otherSeed.rows().get(1).summary()).isNotEqualTo(c.rows().get(1).summary());
    String md = c.markdown();
    assertThat(md).contains("| x | Kendall τ | τ 95% CI | Spearman ρ | ρ 95% CI | Pearson r | r 95% CI | n |")
        .contains("1000 resamples").contains("**Not computed:** name");
    assertThat(md.indexOf("| good |")).isLessThan(md.indexOf("| noise |"));
    assertThat(c.terminal()).contains("correlation with acc").contains("Kendall τ");
  }

  @Test
  void figureNamesAreUniqueAndSafe() {
    FigureNames names = new FigureNames();
    assertThat(names.next("plot", "acc", "tc")).isEqualTo("plot-acc-vs-tc");
    assertThat(names.next("plot", "acc", "tc")).isEqualTo("plot-acc-vs-tc-2");
    assertThat(names.next("plot", "latency(rpi3b)", "tc")).isEqualTo("plot-latency_rpi3b-vs-tc");
  }

  @Test
  void axisLabelsCarryKnownUnits() {
    assertThat(AxisLabel.of("train_time_s")).isEqualTo("train_time_s (s)");
    assertThat(AxisLabel.of("params")).isEqualTo("params (count)");
    assertThat(AxisLabel.of("nn_mass")).isEqualTo("nn_mass");
  }

  @Test
  void theReportHasEveryElementInDeclaredOrderAndWritesItsFigures() throws Exception {
    List<ReportRequest> requests = List.of(
        request(ReportKind.FIT, Map.of(), "acc", "mass"),
        request(ReportKind.TABLE, Map.of(), "depth", "tc", "acc"),
        request(ReportKind.PLOT, Map.of("by", "depth"), "acc", "tc"),
        request(ReportKind.CORRELATE, Map.of(), "acc", "mass", "tc"));
    Report report = Report.of(requests, List.of("architecture", "depth", "tc"), grid(), 2, 3);
    assertThat(report.elements()).hasExactlyElementsOfTypes(FitElement.class, TableElement.class, PlotElement.class,
        CorrelationElement.class);
    // correlation plots follow the correlation table's order (by |τ|)
    assertThat(report.figures()).extracting(Figure::name).startsWith("fit-acc-vs-mass", "plot-acc-vs-tc")
        .containsExactlyInAnyOrder("fit-acc-vs-mass", "plot-acc-vs-tc", "correlate-acc-vs-mass", "correlate-acc-vs-tc");
    String md = MarkdownReport.write(new ReportHeader("Experiment", "e", "A title", "t.nnx", "6 trials × 2 repeats",
        List.of(), "", List.of(), grid(), List.of()), report);
    int fit = md.indexOf("### Fit: acc = a + b · mass");
    int table = md.indexOf("| depth | tc | acc |");
    int plot = md.indexOf("![acc vs tc, by depth](plot-acc-vs-tc.png)");
    int correlate = md.indexOf("### Correlation with acc");
    assertThat(fit).isPositive();
    assertThat(table).isGreaterThan(fit);
    assertThat(plot).isGreaterThan(table);
    assertThat(correlate).isGreaterThan(plot);

    Report.Written written = report.writeFigures(dir);
    assertThat(written.failures()).isEmpty();
    assertThat(written.files()).hasSize(8);
    BufferedImage png = ImageIO.read(dir.resolve("plot-acc-vs-tc.png").toFile());
    assertThat(png.getWidth()).isEqualTo(Charts.WIDTH);
    assertThat(png.getHeight()).isEqualTo(Charts.HEIGHT);
    assertThat(Files.readString(dir.resolve("fit-acc-vs-mass.svg"))).startsWith("<?xml").contains("<svg");
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void withoutReportEntriesTheDefaultTableStands() {
    Report report = Report.of(List.of(), List.of("architecture", "depth", "tc"), grid(), 1, 0);
    assertThat(report.elements()).singleElement().isInstanceOf(TableElement.class);
    assertThat(((TableElement) report.elements().get(0)).table().columns()).containsExactly("architecture", "depth", "tc");
  }
}
