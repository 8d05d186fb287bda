package org.nnx.codesign;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nnx.codesign.Codesign;
import org.nnx.codesign.HardwareSpace;
import org.nnx.codesign.Predictor;
import org.nnx.data.DataShape;
import org.nnx.hardware.target.HardwareTarget;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.param.Dimension;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.plugin.PluginRegistry;
import org.nnx.plugin.Requirement;
import org.nnx.syntax.ArchitectureNode;
import org.nnx.syntax.CallNode;
import org.nnx.syntax.CodesignNode;
import org.nnx.syntax.ExperimentNode;
import org.nnx.syntax.Location;
import org.nnx.syntax.SettingNode;
import org.nnx.syntax.SourceFile;
import org.nnx.syntax.Suggestions;
import org.nnx.syntax.ValueNode;
import org.nnx.param.ValueChecker;
import org.nnx.syntax.DiagnosticCollector;
import org.nnx.search.SearchResolver;
import org.nnx.experiment.Experiment;
import org.nnx.experiment.ExperimentResolver;
import org.nnx.experiment.MetricRequest;
import org.nnx.experiment.SweepExpander;

/**
 * Checks the {@code codesign NAME { key = value, ... }} blocks of a file: the samples experiment and
 * its {@code sample N} declaration (whose sweeps are the architecture space), the predictor's
 * columns, the target with its swept settings (the hardware space), the budgets with their units,
 * and the optimizer.
 */
final class CodesignResolver {

  private static final String SAMPLES = "samples";
  private static final String TARGET = "target";
  private static final String OPTIMIZER = "optimizer";

  private final PluginRegistry registry;

  CodesignResolver(PluginRegistry registry) {
    this.registry = registry;
  }

  /**
   * The checked codesign, or {@code null} when it has errors (all reported).
   *
   * @param experiments the file's experiments by name: an {@link Experiment}, or {@link
   *     ValueChecker#UNRESOLVED} for one with errors
   * @param hardware the file's hardware targets by name, likewise
   */
  Codesign resolve(SourceFile file, CodesignNode node, Map<String, Object> experiments,
      Map<String, Object> hardware, DiagnosticCollector diagnostics) {
    Map<String, SettingNode> settings = new LinkedHashMap<>();
    boolean ok = true;
    for (SettingNode s : node.settings()) {
      SettingNode previous = settings.putIfAbsent(s.key(), s);
      if (previous != null) {
        diagnostics.error(s.location(), "duplicate parameter '" + s.key() + "' for codesign '" + node.name() + "'",
            "it is first given at " + previous.location().line() + ":" + previous.location().column());
        ok = false;
      }
    }
    String what = "codesign '" + node.name() + "'";
    Map<String, Map<String, Object>> references = Map.of("experiment", new LinkedHashMap<>(experiments),
        "hardware", hardware);
    ValueChecker checker = new ValueChecker(new IdentityHashMap<>(), diagnostics, references);
    HardwareSpace target = target(node, settings.get(TARGET), hardware, diagnostics);
    SearchResolver.OptimizerChoice optimizer = SearchResolver.optimizer(registry,
        Optional.ofNullable(settings.get(OPTIMIZER)).map(SettingNode::value), node.location(), what, diagnostics);
    List<String> known = new ArrayList<>(List.of(SAMPLES, TARGET, OPTIMIZER));
    specs(List.of()).forEach(spec -> known.add(spec.name()));
    for (SettingNode s : node.settings()) {
      if (!known.contains(s.key())) {
        String hint = Suggestions.didYouMean(s.key(), known);
        diagnostics.error(s.location(), "unknown parameter '" + s.key() + "' for " + what,
            hint != null ? hint : "a codesign takes " + String.join(", ", known));
        ok = false;
      }
    }
    SettingNode samplesSetting = settings.get(SAMPLES);
    if (samplesSetting == null) {
      diagnostics.error(node.location(), what + " names no samples",
          "add samples = EXPERIMENT, an experiment of this file with a 'sample N' declaration and the measured x and y");
      return null;
    }
    Experiment samples = (Experiment) checker.check(samplesSetting.value(), new ParamType.Reference("experiment"), SAMPLES);
    if (samples == null) {
      return null;
    }
    ExperimentNode samplesNode = file.blocks(ExperimentNode.class).stream().filter(e -> e.name().equals(samples.name()))
        .findFirst().orElseThrow();
    List<ArchitectureNode> sampled = samplesNode.architectures().stream().filter(a -> a.sample().isPresent()).toList();
    if (sampled.size() != 1) {
      diagnostics.error(samplesSetting.value().location(), "experiment '" + samples.name() + "' has "
          + (sampled.isEmpty() ? "no" : sampled.size()) + " declarations with 'sample N'",
          "the codesign searches the sweeps of exactly one sampled declaration, e.g. net: cells(...) sample 35");
      return null;
    }
    ArchitectureNode declaration = sampled.get(0);
    ArchitectureFamily family = registry.families().get(declaration.family().name());
    List<Map.Entry<ValueNode, List<ValueNode>>> sweeps = new SweepExpander(diagnostics).space(declaration.family());
    if (family == null) {
      return null;
    }
    if (SweepExpander.paths(declaration.family()).isEmpty()) {
      diagnostics.error(declaration.sample().get().location(), "the sampled declaration '" + declaration.label()
          + "' has no sweeps for codesign '" + node.name() + "' to search", "write ranges or sets, e.g. width = 8..64");
      return null;
    }
    if (sweeps.isEmpty()) {
      return null;
    }
    Optional<DataShape> shape = samples.data().flatMap(d -> d.provider().shape(d.options()));
    ArchitectureSpace space = new ArchitectureSpace(family, declaration.family(),
        ExperimentResolver.withDataShape(declaration.family(), family, shape, samples.data()), sweeps);
    List<String> columns = samples.metrics().stream().map(MetricRequest::column).toList();
    List<ParameterSpec> specs = specs(columns);
    List<CallNode.Argument> arguments = new ArrayList<>();
    for (SettingNode s : node.settings()) {
      if (known.contains(s.key()) && !List.of(SAMPLES, TARGET, OPTIMIZER).contains(s.key())
          && settings.get(s.key()) == s) {
        arguments.add(new CallNode.Argument(s.location(), s.key(), s.value()));
      }
    }
    Parameters p = checker.checkArguments(what, node.location(), arguments, specs);
    if (p == null || target == null || optimizer == null || !ok) {
      return null;
    }
    if (!samples.trainingColumns().isEmpty()) {
      diagnostics.error(samplesSetting.value().location(), "experiment '" + samples.name() + "' sweeps its train settings ("
          + String.join(", ", samples.trainingColumns()) + ")", "a codesign's samples are trained one way: give each "
          + "train setting one value");
      return null;
    }
    for (String key : List.of("x", "y")) {
      if (!columns.contains(p.getString(key))) {
        diagnostics.error(node.location(), key + " of " + what + " is " + p.getString(key) + " (the default), which '"
            + samples.name() + "' does not measure", columns.isEmpty() ? "measure it in " + samples.name()
            : "measure it in " + samples.name() + ", or set " + key + " = one of " + String.join(", ", columns));
        return null;
      }
    }
    MetricRequest x = request(samples, p.getString("x"));
    MetricRequest y = request(samples, p.getString("y"));
    if (!x.metric().requirements().equals(java.util.Set.of(Requirement.ARCHITECTURE))) {
      diagnostics.error(at(settings, "x", node), "x = " + x.column() + " is not measured from the architecture alone",
          "the predictor's x is computed for every candidate; use an architecture metric such as nn_degree");
      return null;
    }
    Predictor.Form form = Predictor.Form.valueOf(p.getString("predictor").toUpperCase(java.util.Locale.ROOT));
    int holdout = p.getInt("holdout");
    int fit = samples.trials().size() - holdout;
    if (fit < form.degree() + 2) {
      diagnostics.error(at(settings, "holdout", node), "holdout = " + holdout + " leaves " + fit + " of the "
          + samples.trials().size() + " samples to fit a " + form.keyword() + " predictor, which needs "
          + (form.degree() + 2), "sample more architectures or hold out fewer");
      return null;
    }
    List<MetricRequest> compare = new ArrayList<>();
    for (Object column : p.getList("compare")) {
      if (!column.equals(x.column()) && compare.stream().noneMatch(m -> m.column().equals(column))) {
        compare.add(request(samples, (String) column));
      }
    }
    String title = p.getString("title").isEmpty() ? node.name() : p.getString("title");
    String source = node.source() + "\n\n" + samples.source()
        + (samples.source().contains(target.target().source()) ? "" : "\n\n" + target.target().source());
    return new Codesign(node.name(), title, samples, family, space, target, holdout, form, x, y,
        p.getInt("splits"), List.copyOf(compare), p.getDouble("max_latency"), p.getDouble("max_energy"), p.getDouble("max_area"),
        p.getString("hardware_objective"), optimizer.optimizer(), optimizer.name(), optimizer.options(),
        p.getInt("rounds"), p.getLong("seed"), source, file.path(), node.location());
  }

  private static Location at(Map<String, SettingNode> settings, String key, CodesignNode node) {
    SettingNode s = settings.get(key);
    return s == null ? node.location() : s.value().location();
  }

  private static MetricRequest request(Experiment samples, String column) {
    return samples.metrics().stream().filter(m -> m.column().equals(column)).findFirst().orElseThrow();
  }

  /** The settings checked by their specs ({@code samples}, {@code target} and {@code optimizer} aside). */
  private static List<ParameterSpec> specs(List<String> columns) {
    ParamType column = new ParamType.Choice(columns);
    return List.of(
        ParameterSpec.optional("title", new ParamType.Text(), "", "the report's title"),
        ParameterSpec.optional("holdout", ParamType.integer(1, 100_000), 10L,
            "the last samples, in trial order, held out of the predictor's fit to measure it"),
        ParameterSpec.optional("x", column, "nn_degree", "the architecture metric the predictor reads"),
        ParameterSpec.optional("y", column, "test_accuracy", "the measured value the predictor predicts"),
        ParameterSpec.optional("splits", ParamType.integer(0, 10_000), 20L,
            "random fit/held-out splits of the samples (holdout held out each) that measure the predictor"),
        ParameterSpec.optional("compare", new ParamType.ListOf(column, 0, 32), List.of(),
            "other measured columns whose predictors are measured on the same splits, e.g. [nn_mass, params]"),
        ParameterSpec.optional("predictor", ParamType.choice("linear", "quadratic"), "quadratic", "the predictor's form"),
        ParameterSpec.optional("max_latency", ParamType.positive(Dimension.TIME), Double.POSITIVE_INFINITY,
            "latency budget of one inference"),
        ParameterSpec.optional("max_energy", ParamType.positive(Dimension.ENERGY), Double.POSITIVE_INFINITY,
            "energy budget of one inference"),
        ParameterSpec.optional("max_area", ParamType.positive(Dimension.AREA), Double.POSITIVE_INFINITY, "area budget"),
        ParameterSpec.optional("hardware_objective", ParamType.choice("area", "energy", "latency"), "area",
            "what the hardware level minimizes"),
        ParameterSpec.optional("rounds", ParamType.integer(1, 20), 3L, "architecture-then-hardware rounds at most"),
        ParameterSpec.optional("seed", ParamType.integer(Long.MIN_VALUE, Long.MAX_VALUE), 0L,
            "seed of the candidates' networks and of the chosen design's training"));
  }

  /**
   * The hardware level: {@code target = NAME} (fixed hardware) or {@code target = NAME(setting =
   * {..} or lo..hi, setting = value)}, each sweep a dimension of the hardware space.
   */
  private HardwareSpace target(CodesignNode node, SettingNode setting, Map<String, Object> hardware,
      DiagnosticCollector diagnostics) {
    if (setting == null) {
      diagnostics.error(node.location(), "codesign '" + node.name() + "' names no target",
          "add target = HARDWARE or target = HARDWARE(setting = {..}) naming a hardware block of this file");
      return null;
    }
    ValueNode v = setting.value();
    String name = v instanceof CallNode c ? c.name() : v instanceof ValueNode.Word w ? w.text() : null;
    if (name == null) {
      diagnostics.error(v.location(), "target must name a hardware block, got " + v.text(),
          "write target = NAME or target = NAME(rows = {64, 128, 256})");
      return null;
    }
    Object resolved = hardware.get(name);
    if (resolved == ValueChecker.UNRESOLVED) {
      return null;
    }
    if (!(resolved instanceof HardwareTarget target)) {
      String hint = Suggestions.didYouMean(name, hardware.keySet());
      diagnostics.error(v.location(), "unknown hardware '" + name + "'", hint != null ? hint
          : hardware.isEmpty() ? "declare it in this file: hardware " + name + " { ... }"
          : "hardware blocks of this file: " + String.join(", ", hardware.keySet()));
      return null;
    }
    List<String> names = new ArrayList<>();
    List<List<Object>> choices = new ArrayList<>();
    List<List<String>> texts = new ArrayList<>();
    List<Integer> initial = new ArrayList<>();
    Map<String, Object> fixed = new LinkedHashMap<>();
    Map<String, ParameterSpec> specs = new HashMap<>();
    target.model().parameters().forEach(s -> specs.put(s.name(), s));
    ValueChecker checker = new ValueChecker(new IdentityHashMap<>(), diagnostics);
    SweepExpander expander = new SweepExpander(diagnostics);
    boolean ok = true;
    List<CallNode.Argument> arguments = v instanceof CallNode c ? c.arguments() : List.of();
    for (CallNode.Argument a : arguments) {
      ParameterSpec spec = a.isNamed() ? specs.get(a.name()) : null;
      if (spec == null) {
        String hint = a.isNamed() ? Suggestions.didYouMean(a.name(), specs.keySet()) : null;
        diagnostics.error(a.location(), a.isNamed() ? "unknown setting '" + a.name() + "' of " + target.model().kind()
            + " hardware" : "target settings are written name = value", hint != null ? hint
            : target.model().kind() + " hardware takes " + String.join(", ",
                target.model().parameters().stream().map(ParameterSpec::name).toList()));
        ok = false;
        continue;
      }
      if (names.contains(a.name()) || fixed.containsKey(a.name())) {
        diagnostics.error(a.location(), "duplicate setting '" + a.name() + "'", null);
        ok = false;
        continue;
      }
      List<Map.Entry<ValueNode, List<ValueNode>>> sweeps = expander.space(new CallNode(a.location(), a.value().text(),
          "target", List.of(a), true));
      if (sweeps.isEmpty()) {
        Object value = checker.check(a.value(), spec.type(), a.name());
        ok &= value != null;
        fixed.put(a.name(), value);
        continue;
      }
      List<Object> values = new ArrayList<>();
      for (ValueNode element : sweeps.get(0).getValue()) {
        Object value = checker.check(element, spec.type(), a.name());
        ok &= value != null;
        values.add(value);
      }
      names.add(a.name());
      choices.add(values);
      texts.add(sweeps.get(0).getValue().stream().map(ValueNode::text).toList());
      int own = values.indexOf(target.settings().get(a.name()));
      initial.add(own >= 0 ? own : (values.size() - 1) / 2);
    }
    if (!ok) {
      return null;
    }
    return new HardwareSpace(target, names, choices, texts, fixed, initial.stream().mapToInt(Integer::intValue).toArray());
  }
}
