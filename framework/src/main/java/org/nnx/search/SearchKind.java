package org.nnx.search;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.nnx.block.BlockKind;
import org.nnx.block.BlockOutcome;
import org.nnx.block.ResolveContext;
import org.nnx.block.RunContext;
import org.nnx.optimize.LocalMinimum;
import org.nnx.optimize.OptimizationResult;
import org.nnx.param.ParameterText;
import org.nnx.report.Json;
import org.nnx.report.Report;
import org.nnx.report.ReportElement;
import org.nnx.report.ReportHeader;
import org.nnx.report.ResultTable;
import org.nnx.report.TableElement;
import org.nnx.report.TextElement;
import org.nnx.store.StoreException;
import org.nnx.syntax.Diagnostic;
import org.nnx.syntax.SearchNode;
import org.nnx.syntax.UserInputException;

/**
 * The {@code search NAME { ... }} block: minimize (or maximize) an expression over a box subject
 * to constraints with a registered optimizer. Its run directory holds:
 *
 * <ul>
 *   <li>{@code results.csv}: one row, one column per variable (by name), then {@code objective},
 *       {@code success}, {@code nfev}, {@code time_s};
 *   <li>{@code local_minima.csv}: the same columns, one row per local minimum the optimizer
 *       reports, best first ({@code success}, {@code nfev} and {@code time_s} are the run's);
 *   <li>{@code results.json}: both, typed; and the pipeline's files.
 * </ul>
 *
 * The objective is reported as written: for {@code maximize} the optimizer minimizes its negation
 * and the values are negated back. Numbers are written in full precision (shortest round-trip). A
 * solved search is kept in the result store under a key of its source and the optimizer's version,
 * so running it again reuses the result.
 */
public final class SearchKind implements BlockKind<SearchNode, Search> {

  private static final Logger LOG = LogManager.getLogger(SearchKind.class);

  @Override
  public String keyword() {
    return SearchNode.KEYWORD;
  }

  @Override
  public Class<SearchNode> syntax() {
    return SearchNode.class;
  }

  @Override
  public Search resolve(SearchNode node, ResolveContext context) {
    return new SearchResolver(context.registry()).resolve(context.file(), node, context.diagnostics());
  }

  @Override
  public String describe(Search s) {
    return "search " + s.name() + ": " + s.variables().size() + (s.variables().size() == 1 ? " variable, " : " variables, ")
        + s.constraints().size() + (s.constraints().size() == 1 ? " constraint" : " constraints") + ", optimizer "
        + s.optimizerName();
  }

  @Override
  public BlockOutcome run(Search search, RunContext context) throws UserInputException {
    String key = key(search, context);
    Optional<OptimizationResult> kept = Optional.empty();
    try {
      if (context.store().isPresent() && !context.fresh()) {
        kept = context.store().get().lookupDocument(key).map(SearchResultText::read);
      }
    } catch (StoreException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    context.progress().start(search.name(), 1);
    OptimizationResult result;
    if (kept.isPresent()) {
      LOG.info("search {}: reusing its stored result", search.name());
      result = kept.get();
    } else {
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
      try {
        if (context.store().isPresent()) {
          context.store().get().putDocument(key, SearchResultText.write(result));
        }
      } catch (StoreException e) {
        LOG.warn("could not keep the search's result: {}", e.getMessage());
      }
    }
    context.progress().finish();
    return outcome(search, result);
  }

  private static String key(Search search, RunContext context) {
    String version = context.registry().versionOf(search.optimizer());
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(("nnx-search-1\n" + search.source()
          + "\noptimizer " + search.optimizerName() + ParameterText.value(search.options(), ", ") + " " + version)
          .getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  private static double sign(Search s) {
    return s.maximize() ? -1 : 1;
  }

  private static BlockOutcome outcome(Search s, OptimizationResult result) {
    double objective = result.hasSolution() ? sign(s) * result.f() : Double.NaN;
    List<LocalMinimum> minima = new ArrayList<>();
    for (LocalMinimum m : result.localMinima()) {
      minima.add(new LocalMinimum(m.x(), sign(s) * m.f()));
    }
    minima.sort(s.maximize() ? Comparator.comparingDouble(LocalMinimum::f).reversed()
        : Comparator.comparingDouble(LocalMinimum::f));
    List<LocalMinimum> best = result.hasSolution() ? List.of(new LocalMinimum(result.x(), objective)) : List.of();
    Map<String, String> files = new LinkedHashMap<>();
    files.put("results.csv", csv(s, result, best, true));
    files.put("local_minima.csv", csv(s, result, minima, false));
    files.put("results.json", json(s, result, best, minima));

    List<ReportElement> elements = new ArrayList<>();
    elements.add(new TextElement("Problem", problem(s)));
    elements.add(new TableElement("Result", table(s, result, objective), true));
    StringBuilder terminal = new StringBuilder();
    if (!result.success()) {
      terminal.append("No solution: ").append(result.message()).append('\n');
    }
    terminal.append(minima.size()).append(minima.size() == 1 ? " local minimum" : " local minima")
        .append(" in local_minima.csv\n");
    elements.add(new TextElement("", result.message() + "\n", terminal.toString()));
    if (minima.isEmpty()) {
      elements.add(new TextElement("Local minima", "None.\n"));
    } else {
      List<String> columns = new ArrayList<>(s.variables());
      columns.add("objective");
      List<List<String>> rows = new ArrayList<>();
      for (LocalMinimum m : minima) {
        List<String> row = new ArrayList<>();
        for (double v : m.x()) {
          row.add(ResultTable.format(v));
        }
        row.add(ResultTable.format(m.f()));
        rows.add(row);
      }
      elements.add(new TableElement("Local minima", ResultTable.ofCells(columns, rows), false));
    }
    List<Map.Entry<String, String>> facts = List.of(
        Map.entry("optimizer", s.optimizerName() + ParameterText.value(s.options(), ", ")),
        Map.entry("evaluations", Long.toString(result.nfev())));
    ReportHeader header = new ReportHeader("Search", s.name(), s.title(), s.file(),
        s.variables().size() + (s.variables().size() == 1 ? " variable" : " variables") + ", "
            + s.constraints().size() + (s.constraints().size() == 1 ? " constraint" : " constraints")
            + ", optimizer " + s.optimizerName(), List.of(), s.source(), facts, List.of(),
        List.of(Map.entry("local_minima.csv", "every local minimum the optimizer reports, best first")));
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("optimizer", s.optimizerName());
    Map<String, Object> options = new LinkedHashMap<>();
    s.options().asMap().forEach((k, v) -> options.put(k, v instanceof Double d && !Double.isFinite(d) ? d.toString() : v));
    manifest.put("options", options);
    manifest.put("variables", s.variables());
    manifest.put("maximize", s.maximize());
    manifest.put("success", result.success());
    manifest.put("message", result.message());
    manifest.put("nfev", result.nfev());
    manifest.put("nlfev", result.nlfev());
    manifest.put("nit", result.nit());
    manifest.put("local_minima", minima.size());
    manifest.put("time_s", seconds(result.time()));
    return new BlockOutcome(header, new Report(elements), files, manifest, List.of(), List.of(), 1);
  }

  /** The header of both CSV files: the variables, then objective, success, nfev, time_s. */
  static List<String> columns(Search search) {
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
  private static String csv(Search search, OptimizationResult result, List<LocalMinimum> points, boolean emptyRow) {
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

  private static String json(Search s, OptimizationResult result, List<LocalMinimum> best, List<LocalMinimum> minima) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("search", s.name());
    doc.put("columns", columns(s));
    doc.put("rows", rows(s, result, best));
    doc.put("local_minima", rows(s, result, minima));
    return Json.write(doc);
  }

  private static List<Object> rows(Search s, OptimizationResult result, List<LocalMinimum> points) {
    List<Object> rows = new ArrayList<>();
    for (LocalMinimum p : points) {
      Map<String, Object> row = new LinkedHashMap<>();
      double[] x = p.x();
      for (int i = 0; i < x.length; i++) {
        row.put(s.variables().get(i), x[i]);
      }
      row.put("objective", p.f());
      row.put("success", result.success());
      row.put("nfev", result.nfev());
      row.put("time_s", seconds(result.time()));
      rows.add(row);
    }
    return rows;
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static ResultTable table(Search s, OptimizationResult result, double objective) {
    List<String> columns = new ArrayList<>(s.variables());
    columns.addAll(List.of("objective", "success", "nfev", "nlfev", "nit", "time_s"));
    List<String> row = new ArrayList<>();
    double[] x = result.x();
    for (int i = 0; i < s.variables().size(); i++) {
      row.add(x.length == 0 ? "" : ResultTable.format(x[i]));
    }
    row.add(result.hasSolution() ? ResultTable.format(objective) : "");
    row.add(Boolean.toString(result.success()));
    row.add(Long.toString(result.nfev()));
    row.add(Long.toString(result.nlfev()));
    row.add(Integer.toString(result.nit()));
    row.add(String.format(java.util.Locale.ROOT, "%.6f", seconds(result.time())));
    return ResultTable.ofCells(columns, List.of(row));
  }

  private static String problem(Search s) {
    StringBuilder out = new StringBuilder();
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
    out.append("\nwith `").append(s.optimizerName()).append(ParameterText.value(s.options(), ", ")).append("`.\n");
    return out.toString();
  }
}
