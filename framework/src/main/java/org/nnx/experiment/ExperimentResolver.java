package org.nnx.experiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nnx.data.DataShape;
import org.nnx.data.DatasetProvider;
import org.nnx.hardware.HardwareTarget;
import org.nnx.ir.TensorShape;
import org.nnx.plugin.ParamType;
import org.nnx.plugin.ParameterSpec;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.plugin.Metric;
import org.nnx.plugin.Parameters;
import org.nnx.plugin.PluginRegistry;
import org.nnx.plugin.Requirement;
import org.nnx.codesign.Codesign;
import org.nnx.search.Search;
import org.nnx.syntax.CallNode;
import org.nnx.syntax.ExperimentNode;
import org.nnx.syntax.Location;
import org.nnx.syntax.Suggestions;
import org.nnx.syntax.SourceFile;
import org.nnx.syntax.ValueNode;

/**
 * Checks a parsed file against the registered plugins and turns each experiment into an {@link
 * Experiment}: names resolved, values type- and range-checked, sweeps expanded into trials.
 */
public final class ExperimentResolver {

  private final PluginRegistry registry;

  public ExperimentResolver(PluginRegistry registry) {
    this.registry = registry;
  }

  /**
   * Resolves every experiment of a file (and checks its other blocks).
   *
   * @throws UserInputException with every error found, in source order
   */
  public List<Experiment> resolve(SourceFile file) throws UserInputException {
    return resolveFile(file).experiments();
  }

  /**
   * Resolves every experiment and every search of a file.
   *
   * @throws UserInputException with every error found in any block, in source order
   */
  public ResolvedFile resolveFile(SourceFile file) throws UserInputException {
    DiagnosticCollector diagnostics = new DiagnosticCollector();
    List<Experiment> experiments = new ArrayList<>();
    Map<String, Location> names = new HashMap<>();
    if (file.experiments().isEmpty() && file.searches().isEmpty() && file.codesigns().isEmpty()) {
      diagnostics.error(new Location(file.path(), 1, 1), "no experiment in this file",
          "write experiment NAME { architectures { ... } measure ... }");
    }
    Map<String, Object> hardware = new HardwareResolver(registry).resolve(file, diagnostics);
    Map<String, Map<String, Object>> references = Map.of("hardware", hardware);
    Map<String, Experiment> byName = new LinkedHashMap<>();
    for (ExperimentNode node : file.experiments()) {
      Location first = names.putIfAbsent(node.name(), node.nameLocation());
      if (first != null) {
        diagnostics.error(node.nameLocation(), "duplicate experiment '" + node.name() + "'",
            "the first is at " + first.line() + ":" + first.column());
        continue;
      }
      Experiment e = resolve(file, node, diagnostics, references);
      if (e != null) {
        experiments.add(e);
        byName.put(e.name(), e);
      }
    }
    List<Search> searches = new SearchResolver(registry).resolve(file, names, diagnostics);
    Map<String, Object> experimentBlocks = new LinkedHashMap<>();
    for (ExperimentNode node : file.experiments()) {
      experimentBlocks.putIfAbsent(node.name(), byName.containsKey(node.name()) ? byName.get(node.name())
          : ValueChecker.UNRESOLVED);
    }
    List<Codesign> codesigns = new CodesignResolver(registry).resolve(file, names, experimentBlocks, hardware,
        diagnostics);
    if (!diagnostics.isEmpty()) {
      throw new UserInputException(diagnostics.sorted());
    }
    return new ResolvedFile(experiments, searches, codesigns);
  }

  private Experiment resolve(SourceFile file, ExperimentNode node, DiagnosticCollector diagnostics,
      Map<String, Map<String, Object>> references) {
    ValueChecker checker = new ValueChecker(new IdentityHashMap<>(), diagnostics, references);
    long seed = node.seed().map(n -> n.longValue()).orElse(0L);
    int repeats = 1;
    if (node.repeats().isPresent()) {
      ValueNode.Number r = node.repeats().get();
      if (r.longValue() < 1 || r.longValue() > 10_000) {
        diagnostics.error(r.location(), "repeats is " + r.text() + ", out of range", "repeats must be in [1, 10000]");
      } else {
        repeats = (int) r.longValue();
      }
    }
    Optional<DataRequest> data = node.data().flatMap(d -> data(d, checker, diagnostics));
    Parameters training = training(node, checker, diagnostics);
    Optional<DataShape> shape = data.flatMap(d -> d.provider().shape(d.options()));
    List<Trial> trials = new ArrayList<>();
    Set<String> parameterColumns = new LinkedHashSet<>();
    Map<String, Location> labels = new HashMap<>();
    if (node.architectures().isEmpty()) {
      diagnostics.error(node.location(), "experiment '" + node.name() + "' declares no architectures",
          "add architectures { label: family(...) }");
    }
    for (var arch : node.architectures()) {
      Location first = labels.putIfAbsent(arch.label(), arch.location());
      if (first != null) {
        diagnostics.error(arch.location(), "duplicate architecture '" + arch.label() + "'",
            "the first is at " + first.line() + ":" + first.column());
        continue;
      }
      ArchitectureFamily family = registry.families().get(arch.family().name());
      if (family == null) {
        unknown(diagnostics, arch.family().location(), "architecture family", arch.family().name(),
            registry.families().keySet());
        continue;
      }
      family.parameters().forEach(p -> parameterColumns.add(p.name()));
      SweepExpander expander = new SweepExpander(diagnostics);
      List<IdentityHashMap<ValueNode, ValueNode>> substitutions = arch.sample().isEmpty()
          ? expander.expand(arch.family())
          : expander.sample(arch.family(), arch.sample().get().longValue(), arch.sample().get().location(),
              sampleSeed(seed, arch.label()));
      for (IdentityHashMap<ValueNode, ValueNode> substitution : substitutions) {
        ValueChecker trialChecker = new ValueChecker(substitution, diagnostics);
        Parameters parameters = trialChecker.checkArguments(family.name(), arch.family().location(),
            withDataShape(arch.family(), family, shape, data), family.parameters());
        if (parameters == null) {
          continue;
        }
        family.validate(parameters, (parameter, message, hint) ->
            diagnostics.error(argumentLocation(arch.family(), parameter), message, hint));
        trials.add(new Trial(trials.size(), arch.label(), family, parameters, ParameterText.render(parameters)));
      }
    }
    List<MetricRequest> metrics = metrics(node, data.isPresent(), checker, diagnostics);
    if (node.measures().isEmpty()) {
      diagnostics.error(node.location(), "experiment '" + node.name() + "' measures nothing",
          "add measure METRIC, ...; ./nnx plugins lists the metrics");
    }
    List<String> metricColumns = new ArrayList<>();
    for (MetricRequest m : metrics) {
      metricColumns.add(m.column());
      metricColumns.addAll(m.metric().extraColumns());
    }
    List<ReportRequest> reports = reports(node, parameterColumns, metricColumns, diagnostics);
    String title = node.title().map(ValueNode.Text::value).orElse(node.name());
    return new Experiment(node.name(), title, seed, repeats, data, List.copyOf(trials), training,
        metrics, reports, List.copyOf(parameterColumns), withHardware(node.source(), metrics), file.path());
  }

  /**
   * The seed of a declaration's {@code sample N} draws: a SplitMix64 hash of the experiment seed and
   * the declaration's label, so that the same file and seed draw the same architectures.
   */
  static long sampleSeed(long experimentSeed, String label) {
    long z = experimentSeed * 0x9E3779B97F4A7C15L + label.hashCode() * 0xBF58476D1CE4E5B9L + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * The experiment's source preceded by the hardware blocks its metrics name, so that the run
   * directory's {@code experiment.nnx} runs on its own.
   */
  private static String withHardware(String source, List<MetricRequest> metrics) {
    StringBuilder out = new StringBuilder();
    List<Object> options = new ArrayList<>();
    metrics.forEach(m -> options.addAll(m.options().asMap().values()));
    for (HardwareTarget target : HardwareTarget.among(options)) {
      out.append(target.source()).append("\n\n");
    }
    return out.append(source).toString();
  }

  private Parameters training(ExperimentNode node, ValueChecker checker, DiagnosticCollector diagnostics) {
    if (registry.training().isEmpty()) {
      if (!node.train().isEmpty()) {
        diagnostics.error(node.train().get(0).location(), "no trainer plugin is installed",
            "remove the train block, or add a trainer plugin (see ./nnx plugins)");
      }
      return new Parameters(Map.of());
    }
    List<CallNode.Argument> settings = node.train().stream()
        .map(s -> new CallNode.Argument(s.location(), s.key(), s.value())).toList();
    Location at = node.train().isEmpty() ? node.location() : node.train().get(0).location();
    Parameters checked = checker.checkArguments("train", at, settings, registry.training().get().parameters());
    return checked == null ? new Parameters(Map.of()) : checked;
  }

  /**
   * The declaration's arguments, plus {@code inputs} and {@code classes} taken from the data set
   * when the family has such parameters and the declaration omits them.
   */
  static List<CallNode.Argument> withDataShape(CallNode call, ArchitectureFamily family,
      Optional<DataShape> shape, Optional<DataRequest> data) {
    if (shape.isEmpty()) {
      return call.arguments();
    }
    List<CallNode.Argument> out = new ArrayList<>(call.arguments());
    Location at = data.get().location();
    for (ParameterSpec spec : family.parameters()) {
      boolean given = call.arguments().stream().anyMatch(a -> spec.name().equals(a.name()));
      if (given) {
        continue;
      }
      TensorShape input = shape.get().input();
      if (spec.name().equals("classes")) {
        out.add(new CallNode.Argument(at, "classes", number(at, shape.get().classes())));
      } else if (spec.name().equals("inputs")) {
        ValueNode value = spec.type() instanceof ParamType.Int ? number(at, input.size())
            : new ValueNode.ListOf(at, "[" + input.channels() + ", " + input.height() + ", " + input.width() + "]",
                List.of(number(at, input.channels()), number(at, input.height()), number(at, input.width())));
        out.add(new CallNode.Argument(at, "inputs", value));
      }
    }
    return out;
  }

  private static ValueNode.Number number(Location at, long v) {
    return new ValueNode.Number(at, Long.toString(v), true, v, Optional.empty());
  }

  private Optional<DataRequest> data(ValueNode value, ValueChecker checker, DiagnosticCollector diagnostics) {
    String name;
    List<CallNode.Argument> arguments;
    if (value instanceof CallNode call) {
      name = call.name();
      arguments = call.arguments();
    } else if (value instanceof ValueNode.Word word) {
      name = word.text();
      arguments = List.of();
    } else {
      diagnostics.error(value.location(), "data must name a data set, got " + value.text(),
          "e.g. data mnist; see ./nnx plugins");
      return Optional.empty();
    }
    DatasetProvider provider = registry.datasets().get(name);
    if (provider == null) {
      unknown(diagnostics, value.location(), "data set", name, registry.datasets().keySet());
      return Optional.empty();
    }
    Parameters options = checker.checkArguments(name, value.location(), arguments, provider.parameters());
    return options == null ? Optional.empty() : Optional.of(new DataRequest(value.text(), provider, options, value.location()));
  }

  private List<MetricRequest> metrics(ExperimentNode node, boolean hasData, ValueChecker checker,
      DiagnosticCollector diagnostics) {
    List<MetricRequest> out = new ArrayList<>();
    Map<String, Location> columns = new HashMap<>();
    for (CallNode call : node.measures()) {
      Metric metric = registry.metrics().get(call.name());
      if (metric == null) {
        unknown(diagnostics, call.location(), "metric", call.name(), registry.metrics().keySet());
        continue;
      }
      Parameters options = checker.checkArguments(call.name(), call.location(), call.arguments(), metric.parameters());
      if (options == null) {
        continue;
      }
      boolean positional = call.arguments().stream().anyMatch(a -> !a.isNamed());
      String column = positional ? call.text() : call.name();
      Location first = columns.putIfAbsent(column, call.location());
      if (first != null) {
        diagnostics.error(call.location(), "metric '" + column + "' is measured twice",
            "the first is at " + first.line() + ":" + first.column());
        continue;
      }
      Set<Requirement> needs = metric.requirements();
      if (!hasData && (needs.contains(Requirement.DATA) || needs.contains(Requirement.TRAINED_MODEL))) {
        diagnostics.error(call.location(), "metric '" + call.name() + "' needs data",
            "add a data entry, e.g. data mnist");
        continue;
      }
      out.add(new MetricRequest(column, metric, options, call.location()));
    }
    return List.copyOf(out);
  }

  private List<ReportRequest> reports(ExperimentNode node, Set<String> parameterColumns, List<String> metricColumns,
      DiagnosticCollector diagnostics) {
    List<String> known = new ArrayList<>(Experiment.KEY_COLUMNS);
    known.addAll(parameterColumns);
    known.addAll(metricColumns);
    List<String> kinds = java.util.Arrays.stream(ReportKind.values()).map(ReportKind::keyword).toList();
    List<ReportRequest> out = new ArrayList<>();
    for (CallNode item : node.reports()) {
      ReportKind kind = java.util.Arrays.stream(ReportKind.values())
          .filter(k -> k.keyword().equals(item.name())).findFirst().orElse(null);
      if (kind == null) {
        unknown(diagnostics, item.location(), "report element", item.name(), new LinkedHashSet<>(kinds));
        continue;
      }
      List<String> columns = new ArrayList<>();
      Map<String, String> options = new LinkedHashMap<>();
      boolean ok = true;
      for (CallNode.Argument arg : item.arguments()) {
        if (arg.isNamed()) {
          if (!kind.options().contains(arg.name())) {
            diagnostics.error(arg.location(), kind.keyword() + " has no option '" + arg.name() + "'",
                "write " + kind.usage());
            ok = false;
            continue;
          }
          String column = column(arg.value(), known, diagnostics);
          ok &= column != null;
          options.put(arg.name(), column);
          continue;
        }
        List<ValueNode> values = kind == ReportKind.CORRELATE && arg.value() instanceof ValueNode.ListOf list
            ? list.elements() : List.of(arg.value());
        for (ValueNode value : values) {
          String column = column(value, known, diagnostics);
          ok &= column != null;
          columns.add(column);
        }
      }
      if (ok && (columns.size() < kind.minColumns() || columns.size() > kind.maxColumns())) {
        diagnostics.error(item.location(), kind.keyword() + " takes " + (kind.minColumns() == kind.maxColumns()
            ? kind.minColumns() + " columns" : "at least " + kind.minColumns() + " column"
            + (kind.minColumns() == 1 ? "" : "s")) + ", got " + columns.size(), "write " + kind.usage());
        ok = false;
      }
      if (ok) {
        out.add(new ReportRequest(kind, List.copyOf(columns), Map.copyOf(options), item.location()));
      }
    }
    return List.copyOf(out);
  }

  /** The results column a report argument names, or {@code null} after reporting an error. */
  private String column(ValueNode value, List<String> known, DiagnosticCollector diagnostics) {
    String column = value instanceof ValueNode.Word w ? w.text() : value instanceof CallNode c ? c.text() : null;
    if (column != null && known.contains(column)) {
      return column;
    }
    String name = column == null ? value.text() : column;
    String hint = registry.metrics().containsKey(name) ? name + " is not measured: add it to measure"
        : Suggestions.didYouMean(name, known);
    if (hint == null) {
      hint = Suggestions.closest(name, registry.metrics().keySet())
          .map(m -> "did you mean '" + m + "'? it is not measured: add it to measure").orElse(null);
    }
    diagnostics.error(value.location(), "unknown report column '" + name + "'",
        hint != null ? hint : "columns are " + String.join(", ", known));
    return null;
  }

  private static Location argumentLocation(CallNode call, String parameter) {
    for (CallNode.Argument arg : call.arguments()) {
      if (parameter.equals(arg.name())) {
        return arg.value().location();
      }
    }
    return call.location();
  }

  private static void unknown(DiagnosticCollector diagnostics, Location at, String what, String name,
      Set<String> known) {
    String hint = Suggestions.didYouMean(name, known);
    diagnostics.error(at, "unknown " + what + " '" + name + "'",
        hint != null ? hint : known.isEmpty() ? "no " + what + " is registered; see ./nnx plugins"
            : "known: " + String.join(", ", known));
  }
}
