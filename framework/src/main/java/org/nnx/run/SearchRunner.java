package org.nnx.run;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.nnx.Version;
import org.nnx.experiment.ParameterText;
import org.nnx.experiment.UserInputException;
import org.nnx.optimize.LocalMinimum;
import org.nnx.optimize.OptimizationResult;
import org.nnx.report.Json;
import org.nnx.report.ResultTable;
import org.nnx.report.TextTable;
import org.nnx.search.Search;
import org.nnx.search.SearchConstraint;
import org.nnx.syntax.Diagnostic;

/**
 * Runs a {@link Search} with its optimizer and writes its run directory:
 *
 * <ul>
 *   <li>{@code results.csv}: one row, one column per variable (by name), then {@code objective},
 *       {@code success}, {@code nfev}, {@code time_s};
 *   <li>{@code local_minima.csv}: the same columns, one row per local minimum the optimizer
 *       reports, best first ({@code success}, {@code nfev} and {@code time_s} are the run's);
 *   <li>{@code experiment.nnx} (the block as written), {@code report.md}, {@code run.json} (versions,
 *       the optimizer with every option, its message and counts) and {@code run.log}.
 * </ul>
 *
 * The objective is reported as written: for {@code maximize} the optimizer minimizes its negation
 * and the values are negated back. Numbers are written in full precision (shortest round-trip).
 */
public final class SearchRunner {

  private static final Logger LOG = LogManager.getLogger(SearchRunner.class);

  private SearchRunner() {}

  /**
   * What a search found.
   *
   * @param search the search
   * @param result the optimizer's result (objective values as the optimizer saw them, i.e. negated
   *     for {@code maximize})
   * @param minima the local minima with the objective as written, best first
   * @param dir the run directory
   */
  public record Outcome(Search search, OptimizationResult result, List<LocalMinimum> minima, RunDirectory dir) {

    /** The best objective value as written ({@code NaN} without a feasible point). */
    public double objective() {
      return result.hasSolution() ? sign(search) * result.f() : Double.NaN;
    }
  }

  private static double sign(Search s) {
    return s.maximize() ? -1 : 1;
  }

  /**
   * Runs the search and writes its files into {@code dir}.
   *
   * @param arguments the command line, for {@code run.json}
   * @throws UserInputException if the optimizer rejects the problem (e.g. a dimension it cannot
   *     handle): the message is located at the search
   * @throws IOException if a file cannot be written
   */
  public static Outcome run(Search search, RunDirectory dir, List<String> arguments)
      throws UserInputException, IOException {
    dir.write("experiment.nnx", search.source() + "\n");
    Instant started = Instant.now();
    OptimizationResult result;
    try (RunLog log = new RunLog(dir.path().resolve("run.log"))) {
      LOG.info("search {}: {} over {} variables, {} constraints", search.name(), search.optimizerName(),
          search.variables().size(), search.constraints().size());
      try {
        result = search.optimizer().minimize(search.problem(), search.options());
      } catch (IllegalArgumentException e) {
        throw new UserInputException(new Diagnostic(search.location(), "optimizer " + search.optimizerName()
            + " cannot solve search '" + search.name() + "': " + e.getMessage(), "choose another optimizer or options"));
      }
      LOG.info("search {}: {} f = {}, nfev = {}, {}", search.name(), result.success() ? "success," : "failure,",
          result.f(), result.nfev(), result.message());
    }
    Instant finished = Instant.now();
    double s = sign(search);
    List<LocalMinimum> minima = new ArrayList<>();
    for (LocalMinimum m : result.localMinima()) {
      minima.add(new LocalMinimum(m.x(), s * m.f()));
    }
    minima.sort(search.maximize() ? Comparator.comparingDouble(LocalMinimum::f).reversed()
        : Comparator.comparingDouble(LocalMinimum::f));
    Outcome outcome = new Outcome(search, result, minima, dir);
    dir.write("results.csv", csv(search, result, result.hasSolution()
        ? List.of(new LocalMinimum(result.x(), outcome.objective())) : List.of(), true));
    dir.write("local_minima.csv", csv(search, result, minima, false));
    dir.write("report.md", report(outcome));
    dir.write("run.json", manifest(outcome, arguments, started, finished));
    return outcome;
  }

  /** The header of both CSV files: the variables, then objective, success, nfev, time_s. */
  public static List<String> columns(Search search) {
    List<String> columns = new ArrayList<>(search.variables());
    columns.addAll(List.of("objective", "success", "nfev", "time_s"));
    return columns;
  }

  /**
   * The CSV text of {@code points}.
   *
   * @param emptyRow whether no points (no feasible point found) give a row with empty variable and
   *     objective cells, as {@code results.csv} has, rather than no row
   */
  static String csv(Search search, OptimizationResult result, List<LocalMinimum> points, boolean emptyRow) {
    StringBuilder out = new StringBuilder(String.join(",", columns(search))).append('\n');
    String tail = "," + result.success() + "," + result.nfev() + "," + seconds(result.time());
    if (points.isEmpty() && emptyRow) {
      out.append(",".repeat(search.variables().size())).append(tail).append('\n');
    }
    for (LocalMinimum p : points) {
      for (double v : p.x()) {
        out.append(Double.toString(v)).append(',');
      }
      out.append(Double.toString(p.f())).append(tail).append('\n');
    }
    return out.toString();
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  /** The terminal's summary: the title and a one-row table of the result, then the files written. */
  public static String summary(Outcome o) {
    Search s = o.search();
    StringBuilder out = new StringBuilder(s.title()).append("\n\n");
    out.append(TextTable.plain(table(o, false))).append('\n');
    if (!o.result().success()) {
      out.append("No solution: ").append(o.result().message()).append('\n');
    }
    out.append(o.minima().size()).append(o.minima().size() == 1 ? " local minimum" : " local minima")
        .append(" in local_minima.csv\n");
    out.append("Wrote ").append(o.dir().path()).append("/ (results.csv, local_minima.csv, report.md, run.json, run.log)\n");
    return out.toString();
  }

  private static ResultTable table(Outcome o, boolean withCounts) {
    Search s = o.search();
    List<String> columns = new ArrayList<>(s.variables());
    columns.add("objective");
    columns.add("success");
    columns.add("nfev");
    if (withCounts) {
      columns.add("nlfev");
      columns.add("nit");
    }
    columns.add("time_s");
    List<String> row = new ArrayList<>();
    double[] x = o.result().x();
    for (int i = 0; i < s.variables().size(); i++) {
      row.add(x.length == 0 ? "" : ResultTable.format(x[i]));
    }
    row.add(o.result().hasSolution() ? ResultTable.format(o.objective()) : "");
    row.add(Boolean.toString(o.result().success()));
    row.add(Long.toString(o.result().nfev()));
    if (withCounts) {
      row.add(Long.toString(o.result().nlfev()));
      row.add(Integer.toString(o.result().nit()));
    }
    row.add(String.format(java.util.Locale.ROOT, "%.6f", seconds(o.result().time())));
    return ResultTable.ofCells(columns, List.of(row));
  }

  private static String report(Outcome o) {
    Search s = o.search();
    StringBuilder out = new StringBuilder("# ").append(s.title()).append("\n\n");
    out.append(s.maximize() ? "Maximize " : "Minimize ").append('`').append(s.objective().text()).append("` over\n\n");
    double[] lo = s.lower();
    double[] hi = s.upper();
    for (int i = 0; i < s.variables().size(); i++) {
      out.append("- `").append(s.variables().get(i)).append("` in [").append(ParameterText.number(lo[i])).append(", ")
          .append(ParameterText.number(hi[i])).append("]\n");
    }
    if (!s.constraints().isEmpty()) {
      out.append("\nsubject to\n\n");
      for (SearchConstraint c : s.constraints()) {
        out.append("- `").append(c.text()).append("`\n");
      }
    }
    out.append("\nwith `").append(s.optimizerName()).append(ParameterText.value(s.options(), ", ")).append("`.\n\n");
    out.append("## Result\n\n").append(TextTable.markdown(table(o, true))).append('\n');
    out.append(o.result().message()).append("\n\n");
    out.append("## Local minima\n\n");
    if (o.minima().isEmpty()) {
      out.append("None.\n");
    } else {
      List<String> columns = new ArrayList<>(s.variables());
      columns.add("objective");
      List<List<String>> rows = new ArrayList<>();
      for (LocalMinimum m : o.minima()) {
        List<String> row = new ArrayList<>();
        for (double v : m.x()) {
          row.add(ResultTable.format(v));
        }
        row.add(ResultTable.format(m.f()));
        rows.add(row);
      }
      out.append(TextTable.markdown(ResultTable.ofCells(columns, rows)));
    }
    return out.toString();
  }

  private static String manifest(Outcome o, List<String> arguments, Instant started, Instant finished) {
    Search s = o.search();
    OptimizationResult r = o.result();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("search", s.name());
    doc.put("title", s.title());
    doc.put("file", s.file());
    doc.put("command", arguments);
    doc.put("nnx_version", Version.NNX);
    doc.put("java_version", System.getProperty("java.version"));
    doc.put("java_vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
    doc.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    doc.put("cpus", Runtime.getRuntime().availableProcessors());
    doc.put("optimizer", s.optimizerName());
    Map<String, Object> options = new LinkedHashMap<>();
    s.options().asMap().forEach((k, v) -> options.put(k, v instanceof Double d && !Double.isFinite(d) ? d.toString() : v));
    doc.put("options", options);
    doc.put("variables", s.variables());
    doc.put("maximize", s.maximize());
    doc.put("success", r.success());
    doc.put("message", r.message());
    doc.put("nfev", r.nfev());
    doc.put("nlfev", r.nlfev());
    doc.put("nit", r.nit());
    doc.put("local_minima", o.minima().size());
    doc.put("time_s", seconds(r.time()));
    doc.put("started", started.toString());
    doc.put("finished", finished.toString());
    return Json.write(doc);
  }
}
