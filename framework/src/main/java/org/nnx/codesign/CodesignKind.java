package org.nnx.codesign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.nnx.block.BlockKind;
import org.nnx.block.BlockOutcome;
import org.nnx.block.ResolveContext;
import org.nnx.block.RunContext;
import org.nnx.experiment.DesignMeasurement;
import org.nnx.hardware.target.HardwareTarget;
import org.nnx.param.ParameterText;
import org.nnx.report.Json;
import org.nnx.report.Report;
import org.nnx.report.ReportElement;
import org.nnx.report.ReportHeader;
import org.nnx.report.ResultTable;
import org.nnx.report.TableElement;
import org.nnx.report.TextElement;
import org.nnx.report.TrialResult;
import org.nnx.syntax.CodesignNode;
import org.nnx.syntax.Diagnostic;
import org.nnx.syntax.ExperimentNode;
import org.nnx.syntax.UserInputException;

/**
 * The {@code codesign NAME { ... }} block, in the manner of FLASH: after its samples experiment has
 * run, it fits the predictor on the trained samples, reports its quality on the held-out ones, runs
 * the hierarchical search ({@link CodesignSearch}) and measures the chosen design as the samples were
 * measured — through the result store, so the design is trained once and kept. Its run directory
 * holds {@code results.csv} (the design: each architecture and hardware dimension, x, the predicted
 * and the measured y, the modelled latency, energy and area, feasibility, evaluations, search time),
 * {@code predictor.csv} (each sample's x, y, fit or holdout, and both predictors' values) and {@code
 * results.json}, besides the pipeline's files.
 */
public final class CodesignKind implements BlockKind<CodesignNode, Codesign> {

  private static final Logger LOG = LogManager.getLogger(CodesignKind.class);

  /**
   * A fitted predictor and its quality.
   *
   * @param predictor the predictor, or {@code null} when there were too few samples for its form
   * @param fit its quality on the samples it was fitted on
   * @param holdout its quality on the held-out samples
   */
  record Fitted(Predictor predictor, Predictor.Quality fit, Predictor.Quality holdout) {}

  /**
   * What a codesign found.
   *
   * @param predictors the linear and the quadratic predictor
   * @param chosen the predictor the search used (the block's {@code predictor})
   * @param result the search's result
   * @param measured the measured {@code y} of the chosen design ({@code NaN} if its measurement failed)
   * @param failure why the measurement failed, or {@code null}
   * @param splits the held-out quality of the predictor in {@code x} and in each compared column over
   *     the random splits, empty without splits
   * @param splitSamples how many samples the splits draw from (those with every compared value)
   */
  record Outcome(Codesign codesign, Map<Predictor.Form, Fitted> predictors, Predictor chosen,
      CodesignSearch.Result result, double measured, String failure, List<PredictorSplits.Summary> splits,
      int splitSamples) {}

  /** One sample: a trial's {@code x} and its {@code y} averaged over repeats. */
  private record Sample(int trial, double x, double y) {}

  @Override
  public String keyword() {
    return CodesignNode.KEYWORD;
  }

  @Override
  public Class<CodesignNode> syntax() {
    return CodesignNode.class;
  }

  @Override
  public List<String> references() {
    return List.of(ExperimentNode.KEYWORD, HardwareTarget.KEYWORD);
  }

  @Override
  public Codesign resolve(CodesignNode node, ResolveContext context) {
    return new CodesignResolver(context.registry()).resolve(context.file(), node,
        context.blocks(ExperimentNode.KEYWORD), context.blocks(HardwareTarget.KEYWORD), context.diagnostics());
  }

  @Override
  public String describe(Codesign c) {
    return "codesign " + c.name() + ": " + String.format(Locale.ROOT, "%.4g",
        (double) c.architecture().configurations() * c.hardware().configurations()) + " designs, "
        + c.samples().trials().size() + " samples from " + c.samples().name() + ", optimizer " + c.optimizerName();
  }

  @Override
  public List<Diagnostic> missingInputs(Codesign c, org.nnx.data.DataLocations data) {
    List<Diagnostic> missing = new ArrayList<>(c.samples().data().flatMap(d -> d.missing(data)).stream().toList());
    c.samples().memory().flatMap(m -> m.check(Runtime.getRuntime().maxMemory())).ifPresent(missing::add);
    return missing;
  }

  /**
   * Runs the codesign on the results of its samples experiment.
   *
   * @throws UserInputException if the data set cannot be loaded, or the optimizer rejects a level's
   *     problem
   * @throws IllegalStateException if too few samples have both values (failed trials) to fit the predictor
   */
  @Override
  public BlockOutcome run(Codesign c, RunContext context) throws UserInputException {
    List<Sample> all = samples(c, context.outcome(c.samples().name()).trials());
    int fitCount = all.size() - Math.min(c.holdout(), all.size());
    List<Sample> fit = all.subList(0, fitCount);
    List<Sample> held = all.subList(fitCount, all.size());
    if (fit.size() < c.form().degree() + 2) {
      throw new IllegalStateException("codesign " + c.name() + ": only " + fit.size() + " samples have both "
          + c.x().column() + " and " + c.y().column() + " to fit the predictor on (trials failed?)");
    }
    Map<Predictor.Form, Fitted> predictors = new LinkedHashMap<>();
    for (Predictor.Form form : Predictor.Form.values()) {
      if (fit.size() < form.degree() + 2) {
        predictors.put(form, new Fitted(null, null, null));
        continue;
      }
      Predictor p = Predictor.fit(form, xs(fit), ys(fit));
      predictors.put(form, new Fitted(p, p.quality(xs(fit), ys(fit)), held.isEmpty() ? null : p.quality(xs(held), ys(held))));
    }
    Predictor chosen = predictors.get(c.form()).predictor();
    context.progress().start(c.name(), 1);
    LOG.info("codesign {}: {} predictor {} fitted on {} samples", c.name(), c.form().keyword(),
        chosen.formula(c.x().column()), fit.size());
    CodesignSearch.Result result;
    try {
      double[] x = xs(fit);
      result = new CodesignSearch(c, chosen, java.util.Arrays.stream(x).min().orElseThrow(),
          java.util.Arrays.stream(x).max().orElseThrow()).run();
    } catch (IllegalArgumentException e) {
      throw new UserInputException(new Diagnostic(c.location(), "optimizer " + c.optimizerName()
          + " cannot solve codesign '" + c.name() + "': " + e.getMessage(), "choose another optimizer or options"));
    }
    LOG.info("codesign {}: search took {} s, {} evaluations, {} architectures", c.name(), result.seconds(),
        result.evaluations(), result.architecturesBuilt());
    double measured = Double.NaN;
    String failure = null;
    try {
      measured = DesignMeasurement.measure(context, c.samples(), c.name(), c.family(), result.architectureParameters(),
          result.network(), c.seed(), c.y()).value();
    } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
      failure = "measuring " + c.y().column() + " of the chosen design failed: " + e;
      LOG.error(failure, e);
    }
    context.progress().finish();
    Map<String, double[]> columns = new LinkedHashMap<>();
    double[] splitY = splitSamples(c, context.outcome(c.samples().name()).trials(), columns);
    List<PredictorSplits.Summary> splits = c.splits() == 0 || c.holdout() < 2
        || splitY.length - c.holdout() < c.form().degree() + 2 ? List.of()
        : PredictorSplits.evaluate(columns, splitY, c.holdout(), c.splits(), c.form(), c.seed());
    Outcome o = new Outcome(c, predictors, chosen, result, measured, failure, splits, splitY.length);
    Map<String, String> files = new LinkedHashMap<>();
    files.put("results.csv", results(o));
    files.put("predictor.csv", predictorCsv(c, fit, held, predictors));
    if (!splits.isEmpty()) {
      files.put("predictor-splits.csv", splitsCsv(splits));
    }
    files.put("results.json", json(o));
    ReportHeader header = new ReportHeader("Codesign", c.name(), c.title(), c.file(),
        String.format(Locale.ROOT, "%.4g", (double) c.architecture().configurations() * c.hardware().configurations())
            + " designs, " + all.size() + " samples from " + c.samples().name(), List.of(), c.source(),
        List.of(Map.entry("samples", c.samples().name()), Map.entry("seed", Long.toString(c.seed()))), List.of(),
        List.of(Map.entry("predictor.csv", "each sample's x and y, fit or holdout, and both predictors' values")));
    return new BlockOutcome(header, new Report(elements(o, fit.size(), held.size())), files, manifest(o), List.of(),
        failure == null ? List.of() : List.of(failure), 1);
  }

  /**
   * The samples the splits draw from: every trial with {@code y} and every compared value ({@code
   * x} first), in trial order, averaged over repeats.
   *
   * @param columns filled with each column's values, aligned with the returned {@code y}
   * @return {@code y} of each such trial
   */
  private static double[] splitSamples(Codesign c, List<TrialResult> results, Map<String, double[]> columns) {
    List<String> names = new ArrayList<>();
    names.add(c.x().column());
    c.compare().forEach(m -> names.add(m.column()));
    Map<Integer, double[]> sums = new TreeMap<>();
    for (TrialResult r : results) {
      double[] row = new double[names.size() + 1];
      boolean usable = true;
      for (int k = 0; k <= names.size() && usable; k++) {
        Object v = r.values().get(k == 0 ? c.y().column() : names.get(k - 1));
        usable = v instanceof Number n && Double.isFinite(n.doubleValue());
        row[k] = usable ? ((Number) v).doubleValue() : 0;
      }
      if (!usable) {
        continue;
      }
      double[] s = sums.computeIfAbsent(r.trial(), t -> new double[names.size() + 2]);
      for (int k = 0; k <= names.size(); k++) {
        s[k] += row[k];
      }
      s[names.size() + 1]++;
    }
    List<double[]> rows = new ArrayList<>(sums.values());
    for (int k = 0; k < names.size(); k++) {
      double[] values = new double[rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        values[i] = rows.get(i)[k + 1] / rows.get(i)[names.size() + 1];
      }
      columns.put(names.get(k), values);
    }
    return rows.stream().mapToDouble(s -> s[0] / s[names.size() + 1]).toArray();
  }

  private static String splitsCsv(List<PredictorSplits.Summary> splits) {
    StringBuilder out = new StringBuilder("x,split,r2,rmse,kendall_tau\n");
    for (PredictorSplits.Summary s : splits) {
      for (int i = 0; i < s.splits(); i++) {
        out.append(s.x()).append(',').append(i).append(',').append(number(s.r2()[i])).append(',')
            .append(number(s.rmse()[i])).append(',').append(number(s.tau()[i])).append('\n');
      }
    }
    return out.toString();
  }

  private static ResultTable splitsTable(Outcome o) {
    List<List<String>> rows = new ArrayList<>();
    for (PredictorSplits.Summary s : o.splits()) {
      long positive = java.util.Arrays.stream(s.tau()).filter(t -> t > 0).count();
      rows.add(List.of(s.x(), Integer.toString(s.splits()), PredictorSplits.meanSd(s.r2()),
          PredictorSplits.meanSd(s.rmse()), PredictorSplits.meanSd(s.tau()), positive + " of " + s.splits()));
    }
    return ResultTable.ofCells(List.of("x", "splits", "R2 holdout", "RMSE holdout", "Kendall tau holdout",
        "tau > 0"), rows);
  }

  /** Every trial with both values, in trial order, {@code y} averaged over its repeats. */
  private static List<Sample> samples(Codesign c, List<TrialResult> results) {
    Map<Integer, double[]> sums = new TreeMap<>();
    Map<Integer, Double> xs = new TreeMap<>();
    for (TrialResult r : results) {
      Object x = r.values().get(c.x().column());
      Object y = r.values().get(c.y().column());
      if (!(x instanceof Number xn) || !(y instanceof Number yn) || !Double.isFinite(yn.doubleValue())) {
        continue;
      }
      xs.put(r.trial(), xn.doubleValue());
      double[] s = sums.computeIfAbsent(r.trial(), k -> new double[2]);
      s[0] += yn.doubleValue();
      s[1]++;
    }
    List<Sample> out = new ArrayList<>();
    sums.forEach((trial, s) -> out.add(new Sample(trial, xs.get(trial), s[0] / s[1])));
    return out;
  }

  private static double[] xs(List<Sample> s) {
    return s.stream().mapToDouble(Sample::x).toArray();
  }

  private static double[] ys(List<Sample> s) {
    return s.stream().mapToDouble(Sample::y).toArray();
  }

  private static String number(double v) {
    return Double.toString(v);
  }

  private static String results(Outcome o) {
    Codesign c = o.codesign();
    CodesignSearch.Result r = o.result();
    List<String> header = new ArrayList<>(c.architecture().names());
    header.addAll(c.hardware().names());
    String y = c.y().column();
    header.addAll(List.of(c.x().column(), "predicted_" + y, y, "latency_s", "energy_j", "area_m2", "feasible",
        "evaluations", "architectures", "search_time_s"));
    List<String> row = new ArrayList<>();
    for (int d = 0; d < c.architecture().dimensions(); d++) {
      row.add(c.architecture().values().get(d).get(r.architecture()[d]));
    }
    for (int d = 0; d < c.hardware().dimensions(); d++) {
      row.add(c.hardware().values().get(d).get(r.hardware()[d]));
    }
    row.addAll(List.of(number(r.x()), number(r.predicted()), Double.isNaN(o.measured()) ? "" : number(o.measured()),
        number(r.cost().latency()), number(r.cost().energy()), number(r.cost().area()), Boolean.toString(r.feasible()),
        Long.toString(r.evaluations()), Integer.toString(r.architecturesBuilt()), number(r.seconds())));
    return csvLine(header) + csvLine(row);
  }

  private static String csvLine(List<String> cells) {
    List<String> quoted = cells.stream().map(s -> s.contains(",") || s.contains("\"") || s.contains(" ")
        ? "\"" + s.replace("\"", "\"\"") + "\"" : s).toList();
    return String.join(",", quoted) + "\n";
  }

  private static String predictorCsv(Codesign c, List<Sample> fit, List<Sample> held, Map<Predictor.Form, Fitted> ps) {
    StringBuilder out = new StringBuilder("trial,set," + c.x().column() + "," + c.y().column() + ",linear,quadratic\n");
    for (List<Sample> set : List.of(fit, held)) {
      for (Sample s : set) {
        out.append(s.trial()).append(',').append(set == fit ? "fit" : "holdout").append(',').append(number(s.x()))
            .append(',').append(number(s.y()));
        for (Predictor.Form f : Predictor.Form.values()) {
          Predictor p = ps.get(f).predictor();
          out.append(',').append(p == null ? "" : number(p.predict(s.x())));
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4g", v);
  }

  private static String budget(double v, String unit, double scale) {
    return Double.isFinite(v) ? fmt(v / scale) + " " + unit : "none";
  }

  private static ResultTable predictorTable(Outcome o) {
    Codesign c = o.codesign();
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<Predictor.Form, Fitted> e : o.predictors().entrySet()) {
      Fitted f = e.getValue();
      if (f.predictor() == null) {
        continue;
      }
      Predictor.Quality h = f.holdout();
      rows.add(List.of(e.getKey().keyword() + (e.getKey() == c.form() ? " (used)" : ""),
          f.predictor().formula(c.x().column()), fmt(f.fit().r2()),
          h == null ? "" : fmt(h.r2()), h == null ? "" : fmt(h.rmse()), h == null ? "" : fmt(h.kendallTau())));
    }
    return ResultTable.ofCells(List.of("predictor", c.y().column() + " =", "R2 fit", "R2 holdout", "RMSE holdout",
        "Kendall tau holdout"), rows);
  }

  private static ResultTable designTable(Outcome o) {
    Codesign c = o.codesign();
    CodesignSearch.Result r = o.result();
    List<String> row = List.of(fmt(r.x()), fmt(r.predicted()), fmt(o.measured()),
        fmt(r.cost().latency() * 1e6) + " us", fmt(r.cost().energy() * 1e9) + " nJ", fmt(r.cost().area() * 1e6) + " mm2",
        Boolean.toString(r.feasible()));
    return ResultTable.ofCells(List.of(c.x().column(), "predicted " + c.y().column(), "trained " + c.y().column(),
        "latency", "energy", "area", "within budgets"), List.of(row));
  }

  private static List<ReportElement> elements(Outcome o, int fitCount, int heldCount) {
    Codesign c = o.codesign();
    CodesignSearch.Result r = o.result();
    List<ReportElement> out = new ArrayList<>();
    StringBuilder space = new StringBuilder();
    space.append("Architectures: `").append(c.family().name()).append("` over the sweeps of `").append(c.samples().name())
        .append("`'s sampled declaration, ").append(c.architecture().dimensions()).append(" dimensions, ")
        .append(String.format(Locale.ROOT, "%,d", c.architecture().configurations())).append(" configurations:\n\n");
    space(space, c.architecture());
    long hw = c.hardware().configurations();
    space.append("\nHardware: `").append(c.hardware().target().name()).append("` (")
        .append(c.hardware().target().model().kind()).append("), ").append(c.hardware().dimensions() == 0 ? "fixed"
            : c.hardware().dimensions() + " swept settings, " + String.format(Locale.ROOT, "%,d", hw) + " configurations")
        .append(c.hardware().dimensions() == 0 ? ".\n" : ":\n\n");
    space(space, c.hardware());
    double total = (double) c.architecture().configurations() * hw;
    space.append("\nTogether: ").append(String.format(Locale.ROOT, "%.4g", total)).append(" designs.\n");
    out.add(new TextElement("Search space", space.toString()));
    out.add(new TextElement("Predictor", fitCount + " trained samples fit the predictor of `" + c.y().column() + "` in `"
        + c.x().column() + "` (ordinary least squares); " + heldCount + " further trained samples are held out to "
        + "measure it (predictor.csv).\n"));
    out.add(new TableElement("", predictorTable(o), true));
    if (!o.splits().isEmpty()) {
      out.add(new TextElement("Predictor over random splits", o.splits().get(0).splits() + " random splits of the "
          + o.splitSamples() + " samples with every compared value: each fits a " + c.form().keyword()
          + " predictor of `" + c.y().column() + "` on " + (o.splitSamples() - c.holdout()) + " and measures it on the "
          + c.holdout() + " others, for `" + c.x().column() + "`" + (c.compare().isEmpty() ? "" : " and, on the same"
          + " splits, " + String.join(", ", c.compare().stream().map(m -> "`" + m.column() + "`").toList()))
          + "; mean ± sample sd over the splits (predictor-splits.csv has each one).\n"));
      out.add(new TableElement("", splitsTable(o), true));
    }
    List<String> names = new ArrayList<>(c.architecture().names());
    names.addAll(c.hardware().names());
    List<String> values = new ArrayList<>();
    for (int d = 0; d < c.architecture().dimensions(); d++) {
      values.add(c.architecture().values().get(d).get(r.architecture()[d]));
    }
    for (int d = 0; d < c.hardware().dimensions(); d++) {
      values.add(c.hardware().values().get(d).get(r.hardware()[d]));
    }
    String design = c.architecture().describe(r.architecture())
        + (c.hardware().dimensions() > 0 ? "; " + c.hardware().describe(r.hardware()) : "");
    out.add(new TextElement("Chosen design", "", "Chosen design: " + design + "\n"));
    out.add(new TableElement("", ResultTable.ofCells(names, List.of(values)), false));
    out.add(new TableElement("", designTable(o), true));
    StringBuilder notes = new StringBuilder();
    StringBuilder terminal = new StringBuilder();
    notes.append("Budgets: latency ").append(budget(c.maxLatency(), "us", 1e-6)).append(", energy ")
        .append(budget(c.maxEnergy(), "nJ", 1e-9)).append(", area ").append(budget(c.maxArea(), "mm2", 1e-6))
        .append(". The trained value is measured as the samples were (`").append(c.samples().name())
        .append("`'s data and train settings, seed ").append(c.seed()).append("), once: the result store keeps it.\n");
    if (!r.feasible()) {
      String line = "No design of the space meets every budget; this one violates them least.\n";
      notes.append('\n').append(line);
      terminal.append(line);
    }
    if (o.failure() != null) {
      notes.append('\n').append(o.failure()).append('\n');
      terminal.append(o.failure()).append('\n');
    }
    out.add(new TextElement("", notes.toString(), terminal.toString()));
    out.add(new TextElement("Search", String.format(Locale.ROOT, "Hierarchical %s (`%s%s`): %.4f s in all, %d "
        + "evaluations, %d distinct architectures built and measured.%n", c.optimizerName(), c.optimizerName(),
        ParameterText.value(c.options(), ", "), r.seconds(), r.evaluations(), r.architecturesBuilt()),
        String.format(Locale.ROOT, "Search: %.4f s, %d evaluations, %d architectures built, %d levels%n",
            r.seconds(), r.evaluations(), r.architecturesBuilt(), r.rounds().size())));
    List<List<String>> rows = new ArrayList<>();
    for (CodesignSearch.Round round : r.rounds()) {
      rows.add(List.of(Integer.toString(round.round()), round.level(), round.design(),
          round.level().equals("architecture") ? "predicted " + fmt(round.value()) : c.hardwareObjective() + " "
              + fmt(round.value()), Boolean.toString(round.feasible()), Long.toString(round.evaluations()),
          String.format(Locale.ROOT, "%.4f", round.seconds())));
    }
    out.add(new TableElement("", ResultTable.ofCells(List.of("round", "level", "result", "objective", "feasible",
        "evaluations", "seconds"), rows), false));
    return out;
  }

  private static void space(StringBuilder out, DesignSpace s) {
    for (int d = 0; d < s.dimensions(); d++) {
      List<String> v = s.values().get(d);
      out.append("- `").append(s.names().get(d)).append("`: ").append(v.size()).append(" values, ")
          .append(v.size() <= 6 ? String.join(", ", v) : v.get(0) + ", " + v.get(1) + ", ..., " + v.get(v.size() - 1))
          .append('\n');
    }
  }

  private static Map<String, Object> manifest(Outcome o) {
    Codesign c = o.codesign();
    CodesignSearch.Result r = o.result();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("samples", c.samples().name());
    doc.put("predictor", c.form().keyword());
    doc.put("coefficients", java.util.Arrays.stream(o.chosen().coefficients()).boxed().toList());
    doc.put("optimizer", c.optimizerName());
    Map<String, Object> options = new LinkedHashMap<>();
    c.options().asMap().forEach((k, v) -> options.put(k, v instanceof Double d && !Double.isFinite(d) ? d.toString() : v));
    doc.put("options", options);
    doc.put("architecture_configurations", c.architecture().configurations());
    doc.put("hardware_configurations", c.hardware().configurations());
    doc.put("design", c.architecture().describe(r.architecture())
        + (c.hardware().dimensions() == 0 ? "" : "; " + c.hardware().describe(r.hardware())));
    doc.put("predicted", r.predicted());
    doc.put("measured", Double.isNaN(o.measured()) ? null : o.measured());
    doc.put("feasible", r.feasible());
    doc.put("evaluations", r.evaluations());
    doc.put("search_time_s", r.seconds());
    return doc;
  }

  private static String json(Outcome o) {
    Map<String, Object> doc = new LinkedHashMap<>(manifest(o));
    doc.put("codesign", o.codesign().name());
    return Json.write(doc);
  }
}
