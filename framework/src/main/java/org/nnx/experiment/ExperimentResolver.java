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
import org.nnx.block.Block;
import org.nnx.block.ResolveContext;
import org.nnx.data.DataShape;
import org.nnx.data.InputEncoding;
import org.nnx.data.DatasetProvider;
import org.nnx.ir.Network;
import org.nnx.ir.TensorShape;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.ParameterText;
import org.nnx.param.Parameters;
import org.nnx.param.Problems;
import org.nnx.param.ValueChecker;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.plugin.BuildContext;
import org.nnx.plugin.Metric;
import org.nnx.plugin.PluginRegistry;
import org.nnx.plugin.Requirement;
import org.nnx.plugin.Trainer;
import org.nnx.plugin.TrainingInput;
import org.nnx.plugin.TrialInputs;
import org.nnx.report.ReportKind;
import org.nnx.report.ReportRequest;
import org.nnx.syntax.ArchitectureNode;
import org.nnx.syntax.CallNode;
import org.nnx.syntax.DiagnosticCollector;
import org.nnx.syntax.ExperimentNode;
import org.nnx.syntax.Location;
import org.nnx.syntax.MeasureNode;
import org.nnx.syntax.Suggestions;
import org.nnx.syntax.ValueNode;
import org.nnx.weights.WeightsResolver;
import org.nnx.weights.WeightsSource;

/**
 * Checks one {@code experiment} block against the registered plugins and turns it into an {@link
 * Experiment}: names resolved, values type- and range-checked, the sweeps of its architectures and
 * of its {@code train} settings expanded into trials.
 */
public final class ExperimentResolver {

  /** The {@code train} setting the framework handles itself: keep each trial repeat's trained weights. */
  static final String SAVE_WEIGHTS = "save_weights";

  /** The keyword of the networks written in a file, which experiments use as families. */
  static final String NETWORK = "network";

  private final PluginRegistry registry;
  private final ResolveContext context;
  private final DiagnosticCollector diagnostics;
  private final WeightsResolver weights;
  private boolean saveWeights;
  private MemoryNeed largestNeed;
  private final List<MeasureSweep> measureSweeps = new ArrayList<>();

  /** More trial repeats than this in one experiment is taken as a mistake (it would not fit in memory). */
  public static final long MAX_TRIAL_REPEATS = 10_000_000;

  /**
   * A measurement whose options the file sweeps: every combination, checked, with the value of each
   * swept option by its column.
   */
  private record MeasureSweep(String column, List<Parameters> options, List<Map<String, String>> text) {}

  ExperimentResolver(ResolveContext context) {
    this.context = context;
    this.registry = context.registry();
    this.diagnostics = context.diagnostics();
    this.weights = new WeightsResolver(diagnostics);
  }

  /** The checked experiment, or {@code null} when it has errors (all reported). */
  Experiment resolve(ExperimentNode node) {
    measureSweeps.clear();
    ValueChecker checker = new ValueChecker(new IdentityHashMap<>(), diagnostics, context.references());
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
    Optional<DataRequest> data = node.data().flatMap(d -> data(d, checker));
    Optional<DataShape> shape = data.flatMap(d -> d.provider().shape(d.options()));
    List<Training> trainings = trainings(node, shape);
    List<MetricRequest> metrics = metrics(node, shape, data.isPresent(), checker);
    List<String> trainingColumns = new ArrayList<>(trainings.isEmpty() ? List.of() : trainings.get(0).text().keySet());
    measureSweeps.forEach(m -> trainingColumns.addAll(m.text().get(0).keySet()));
    List<Map.Entry<Map<String, Parameters>, Map<String, String>>> measured = measureCombinations();
    boolean readsData = data.isPresent() && (saveWeights || metrics.stream().anyMatch(m -> !java.util.Collections
        .disjoint(m.metric().requirements(), List.of(Requirement.DATA, Requirement.TRAINED_MODEL))));
    List<Trial> trials = new ArrayList<>();
    double plannedRepeats = 0;
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
      Object written = context.blocks(NETWORK).get(arch.family().name());
      if (written == ValueChecker.UNRESOLVED) {
        continue; // the network's errors are reported where it is defined
      }
      ArchitectureFamily family = written instanceof ArchitectureFamily f ? f
          : registry.families().get(arch.family().name());
      if (family == null) {
        Set<String> known = new LinkedHashSet<>(registry.families().keySet());
        known.addAll(context.blocks(NETWORK).keySet());
        unknown(arch.family().location(), "architecture family", arch.family().name(), known);
        continue;
      }
      family.parameters().forEach(p -> parameterColumns.add(p.name()));
      SweepExpander expander = new SweepExpander(diagnostics);
      // the whole experiment's work, checked before a declaration is expanded (each is limited on its own too)
      double configurations = arch.sample().isPresent() ? arch.sample().get().value()
          : expander.space(arch.family()).stream().mapToDouble(e -> e.getValue().size()).reduce(1, (a, b) -> a * b);
      double plannedTrials = configurations * Math.max(1, trainings.size()) * measured.size();
      plannedRepeats += plannedTrials * repeats;
      if (plannedRepeats > MAX_TRIAL_REPEATS) {
        diagnostics.error(arch.location(), "the experiment would run more than " + MAX_TRIAL_REPEATS
            + " trial repeats (trials x repeats, over all its declarations)",
            "narrow the sweeps, draw some configurations with sample N, or lower repeats");
        break;
      }
      if (plannedTrials <= SweepExpander.MAX_TRIALS && !context.reserveTrials(plannedTrials)) {
        diagnostics.error(arch.location(), "the file would expand to more than " + ResolveContext.MAX_FILE_TRIALS
            + " trials over all its experiments", "split it into several files, narrow the sweeps or draw some"
                + " configurations with sample N");
        break;
      }
      List<IdentityHashMap<ValueNode, ValueNode>> substitutions = arch.sample().isEmpty()
          ? expander.expand(arch.family())
          : expander.sample(arch.family(), arch.sample().get().longValue(), arch.sample().get().location(),
              sampleSeed(seed, arch.label()));
      for (IdentityHashMap<ValueNode, ValueNode> substitution : substitutions) {
        ValueChecker trialChecker = new ValueChecker(substitution, diagnostics, context.references());
        Parameters parameters = trialChecker.checkArguments(family.name(), arch.family().location(),
            withDataShape(arch.family(), family, shape, data), family.parameters());
        if (parameters == null) {
          continue;
        }
        family.validate(parameters, new Problems() {
          @Override
          public void error(String parameter, String message, String hint) {
            diagnostics.error(argumentLocation(arch.family(), parameter), message, hint);
          }

          @Override
          public void errorAt(Location at, String message, String hint) {
            diagnostics.error(at, message, hint);
          }
        });
        Optional<WeightsSource> loaded = Optional.empty();
        if (arch.weights().isPresent()) {
          loaded = weights(arch, family, parameters, substitutions.size() > 1);
          if (loaded.isEmpty()) {
            continue;
          }
        }
        for (Training t : trainings) {
          boolean trains = loaded.isEmpty() || loaded.get().init();
          if (readsData && shape.isPresent()
              && !fitsData(arch, family, parameters, shape.get(), data.get(), t, metrics, trains)) {
            continue;
          }
          int group = trials.size();
          for (Map.Entry<Map<String, Parameters>, Map<String, String>> m : measured) {
            trials.add(new Trial(trials.size(), arch.label(), family, parameters, ParameterText.render(parameters),
                t.settings(), t.text(), loaded, t.inputSettings(), t.inputs(), m.getKey(), m.getValue(), group));
          }
        }
      }
    }
    if (node.measures().isEmpty()) {
      diagnostics.error(node.location(), "experiment '" + node.name() + "' measures nothing",
          "add measure METRIC, ...; ./nnx plugins lists the metrics");
    }
    List<String> metricColumns = new ArrayList<>();
    for (MetricRequest m : metrics) {
      metricColumns.addAll(m.columns());
    }
    List<String> settingColumns = new ArrayList<>(parameterColumns);
    settingColumns.addAll(trainingColumns);
    List<ReportRequest> reports = reports(node, settingColumns, metricColumns);
    String title = node.title().map(ValueNode.Text::value).orElse(node.name());
    return new Experiment(node.name(), title, seed, repeats, data, List.copyOf(trials), metrics, reports,
        List.copyOf(parameterColumns), List.copyOf(trainingColumns), saveWeights,
        withNamedBlocks(WeightPaths.absolute(node, context.file().path()), metrics, trials),
        context.file().path(), node.location(), Optional.ofNullable(largestNeed));
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
   * The experiment's source preceded by the blocks its metrics and families name (hardware targets,
   * networks), so that the run directory's {@code experiment.nnx} checks and runs on its own.
   */
  private static String withNamedBlocks(String source, List<MetricRequest> metrics, List<Trial> trials) {
    List<Object> values = new ArrayList<>();
    metrics.forEach(m -> values.addAll(m.options().asMap().values()));
    trials.forEach(t -> values.add(t.family()));
    StringBuilder out = new StringBuilder();
    List<Block> named = new ArrayList<>();
    for (Object v : values) {
      if (v instanceof Block b && named.stream().noneMatch(o -> o == b)) {
        named.add(b);
        out.append(b.source()).append("\n\n");
      }
    }
    return out.append(source).toString();
  }

  /**
   * Whether one trial's network takes what the experiment feeds it — the data's examples as its
   * trained model encodes them, when the trial trains, and what each metric that reads data feeds it
   * — and gives one logit per class; reports at the declaration when not.
   */
  private boolean fitsData(ArchitectureNode arch, ArchitectureFamily family, Parameters parameters, DataShape shape,
      DataRequest data, Training training, List<MetricRequest> metrics, boolean trains) {
    TrialInputs inputs = training.inputs();
    Network network;
    try {
      network = family.build(parameters, new BuildContext(0));
    } catch (RuntimeException e) {
      return true; // the family's validation reported it
    }
    estimateMemory(arch, family, parameters, network, training, metrics, trains);
    TensorShape in = network.input();
    TensorShape model = inputs.encoding().shape(shape.input());
    String encoded = inputs.encoding() == InputEncoding.NONE ? "" : " encoded " + inputs.encoding().describe();
    List<Map.Entry<String, TensorShape>> fed = new ArrayList<>();
    if (trains && (saveWeights
        || metrics.stream().anyMatch(m -> m.metric().requirements().contains(Requirement.TRAINED_MODEL)))) {
      fed.add(Map.entry("the trainer", model));
    }
    for (MetricRequest m : metrics) {
      m.metric().networkInput(shape.input(), model, m.options()).ifPresent(s -> fed.add(Map.entry(m.column(), s)));
    }
    int before = diagnostics.sorted().size();
    for (MetricRequest m : metrics) {
      m.metric().validateNetwork(network, m.options(), (parameter, message, hint) ->
          diagnostics.error(parameter == null ? arch.family().location() : m.location(), message, hint));
    }
    if (diagnostics.sorted().size() > before) {
      return false;
    }
    for (Map.Entry<String, TensorShape> f : fed) {
      if (f.getValue().size() != in.size()) {
        boolean byTrainer = f.getKey().equals("the trainer");
        diagnostics.error(arch.family().location(), family.name() + " takes inputs of " + in + ", but "
            + (byTrainer ? "" : "metric ") + f.getKey() + " feeds it " + f.getValue() + " (" + data.text()
            + "'s examples are " + shape.input() + (byTrainer ? encoded : "") + ")",
            "give the network the input " + (f.getValue().isVector() ? f.getValue().channels() + ""
                : "[" + f.getValue().channels() + ", " + f.getValue().height() + ", " + f.getValue().width() + "]"));
        return false;
      }
    }
    if (network.output().size() != shape.classes()) {
      diagnostics.error(arch.family().location(), family.name() + " gives " + network.output().size() + " outputs, but "
          + data.text() + " has " + shape.classes() + " classes", "end the network with one logit per class");
      return false;
    }
    return true;
  }

  /** Keeps the largest {@link MemoryNeed} of the experiment's trials. */
  private void estimateMemory(ArchitectureNode arch, ArchitectureFamily family, Parameters parameters, Network network,
      Training training, List<MetricRequest> metrics, boolean trains) {
    boolean trainsModel = trains
        && (saveWeights || metrics.stream().anyMatch(m -> m.metric().requirements().contains(Requirement.TRAINED_MODEL)));
    int trainBatch = trainsModel ? batch(training.settings()) : 0;
    int dataBatch = 0;
    for (MetricRequest m : metrics) {
      if (m.metric().requirements().contains(Requirement.DATA)) {
        dataBatch = Math.max(dataBatch, batch(m.options()));
      }
    }
    long bytes = MemoryNeed.estimate(network, trainBatch, dataBatch);
    if (largestNeed == null || bytes > largestNeed.bytes()) {
      largestNeed = new MemoryNeed(bytes, arch.label() + ": " + family.name() + ParameterText.value(parameters, ", "),
          arch.family().location());
    }
  }

  private static int batch(Parameters options) {
    return options.has("batch") && options.get("batch") instanceof Number n
        ? (int) Math.min(Integer.MAX_VALUE, n.longValue()) : MemoryNeed.DEFAULT_BATCH;
  }

  /**
   * Checks a declaration's weights clause against one trial's network (built with seed 0: the seed
   * chooses links, never shapes).
   *
   * @param several whether the declaration has several trials (messages then name this one)
   */
  private Optional<WeightsSource> weights(ArchitectureNode arch, ArchitectureFamily family, Parameters parameters,
      boolean several) {
    ArchitectureNode.Weights clause = arch.weights().get();
    if (clause.init() && registry.trainer().isEmpty()) {
      diagnostics.error(clause.location(), "init trains from the weights, but no trainer plugin is installed",
          "write weights to use them as they are");
      return Optional.empty();
    }
    Network network;
    try {
      network = family.build(parameters, new BuildContext(0));
    } catch (RuntimeException e) {
      return Optional.empty(); // the family's validation reported it
    }
    String trial = several ? arch.label() + ": " + family.name() + ParameterText.value(parameters, ", ")
        : null;
    return weights.resolve(clause, network, trial);
  }

  /**
   * One combination of the {@code train} settings' sweeps.
   *
   * @param settings the checked settings of the trainer
   * @param inputSettings the checked settings of plugins' {@link TrainingInput}s, by name
   * @param inputs how the data reach the network under those settings
   * @param text each swept setting's value by path
   */
  private record Training(Parameters settings, Parameters inputSettings, TrialInputs inputs,
      Map<String, String> text) {}

  /**
   * Every combination of the {@code train} block's sweeps, checked against the trainer's settings
   * (one combination, with every default, when nothing is swept or nothing is written); empty after
   * errors.
   */
  private List<Training> trainings(ExperimentNode node, Optional<DataShape> shape) {
    Map<String, TrainingInput> inputs = registry.trainingInputs();
    if (registry.trainer().isEmpty()) {
      if (node.train().stream().anyMatch(t -> !t.key().equals(SAVE_WEIGHTS))) {
        diagnostics.error(node.train().get(0).location(), "no trainer plugin is installed",
            "remove the train block, or add a trainer plugin (see ./nnx plugins)");
      }
      return List.of(new Training(new Parameters(Map.of()), new Parameters(Map.of()), TrialInputs.NONE, Map.of()));
    }
    List<CallNode.Argument> settings = new ArrayList<>();
    for (var s : node.train()) {
      if (s.key().equals(SAVE_WEIGHTS)) {
        if (s.value() instanceof ValueNode.Bool b) {
          saveWeights = b.value();
        } else {
          diagnostics.error(s.value().location(), SAVE_WEIGHTS + " is true or false, got " + s.value().text(),
              "write save_weights = true to keep each trial repeat's trained weights in the run directory");
        }
        continue;
      }
      settings.add(new CallNode.Argument(s.location(), s.key(), s.value()));
    }
    Location at = node.train().isEmpty() ? node.location() : node.train().get(0).location();
    CallNode call = new CallNode(at, "train", "train", settings, true);
    List<String> paths = SweepExpander.paths(call);
    List<ParameterSpec> specs = new ArrayList<>(registry.trainer().map(Trainer::parameters).orElse(List.of()));
    Map<String, Location> inputAt = new LinkedHashMap<>();
    for (CallNode.Argument a : settings) {
      TrainingInput input = inputs.get(a.name());
      if (input != null && inputAt.putIfAbsent(input.name(), a.value().location()) == null) {
        specs.add(ParameterSpec.required(input.name(), input.type(), input.description()));
      }
    }
    List<Training> out = new ArrayList<>();
    for (IdentityHashMap<ValueNode, ValueNode> substitution : new SweepExpander(diagnostics).expand(call)) {
      Parameters checked = new ValueChecker(substitution, diagnostics, context.references())
          .checkArguments("train", at, settings, specs);
      if (checked == null) {
        continue;
      }
      Map<String, Object> trainer = new LinkedHashMap<>(checked.asMap());
      Map<String, Object> chosen = new LinkedHashMap<>();
      List<TrialInputs> parts = new ArrayList<>();
      boolean ok = true;
      for (Map.Entry<String, Location> e : inputAt.entrySet()) {
        Object value = trainer.remove(e.getKey());
        chosen.put(e.getKey(), value);
        TrainingInput input = inputs.get(e.getKey());
        int before = diagnostics.sorted().size();
        input.validate(value, shape, (parameter, message, hint) -> diagnostics.error(e.getValue(), message, hint));
        ok &= diagnostics.sorted().size() == before;
        parts.add(new TrialInputs(input.encoding(value), input.batches(value)));
      }
      if (!ok) {
        continue;
      }
      Map<String, String> text = new LinkedHashMap<>();
      for (String path : paths) {
        text.put(path, ParameterText.value(at(checked, path), ";"));
      }
      out.add(new Training(new Parameters(trainer), new Parameters(chosen), TrainingInputs.combine(parts), text));
    }
    return out;
  }

  /** The value at a sweep path ({@code optimizer.lr}, {@code sizes[1]}) of checked settings. */
  private static Object at(Parameters settings, String path) {
    Object v = settings;
    for (String part : path.split("\\.")) {
      String key = part.contains("[") ? part.substring(0, part.indexOf('[')) : part;
      v = ((Parameters) v).get(key);
      for (int i = part.indexOf('['); i >= 0; i = part.indexOf('[', i + 1)) {
        int index = Integer.parseInt(part.substring(i + 1, part.indexOf(']', i)));
        v = ((List<?>) v).get(index);
      }
    }
    return v;
  }

  /**
   * The declaration's arguments, plus {@code inputs} and {@code classes} taken from the data set
   * when the family has such parameters and the declaration omits them.
   */
  public static List<CallNode.Argument> withDataShape(CallNode call, ArchitectureFamily family,
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
        ValueNode value = spec.type() instanceof ParamType.Int || spec.type() instanceof ParamType.Real
            ? number(at, input.size())
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

  private Optional<DataRequest> data(ValueNode value, ValueChecker checker) {
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
      unknown(value.location(), "data set", name, registry.datasets().keySet());
      return Optional.empty();
    }
    Parameters options = checker.checkArguments(name, value.location(), arguments, provider.parameters());
    return options == null ? Optional.empty() : Optional.of(new DataRequest(value.text(), provider, options, value.location()));
  }

  private List<MetricRequest> metrics(ExperimentNode node, Optional<DataShape> shape, boolean hasData,
      ValueChecker checker) {
    List<MetricRequest> out = new ArrayList<>();
    Map<String, Location> names = new HashMap<>();
    Map<String, Location> columns = new HashMap<>();
    Map<String, Location> measured = new HashMap<>();
    for (MeasureNode entry : node.measures()) {
      CallNode call = entry.call();
      Metric metric = registry.metrics().get(call.name());
      if (metric == null) {
        unknown(call.location(), "metric", call.name(), registry.metrics().keySet());
        continue;
      }
      List<String> swept = SweepExpander.paths(call);
      // each swept option's column shows the value as written (pcm(time = 1 d), digital(ecc = secded)):
      // what the file says, not the defaults the metric fills in
      List<ValueNode> sweepNodes = swept.isEmpty() ? List.of()
          : new SweepExpander(diagnostics).space(call).stream().map(Map.Entry::getKey).toList();
      List<Parameters> variants = new ArrayList<>();
      List<Map<String, String>> texts = new ArrayList<>();
      for (IdentityHashMap<ValueNode, ValueNode> substitution : swept.isEmpty() ? List.of(new IdentityHashMap<ValueNode,
          ValueNode>()) : new SweepExpander(diagnostics).expand(call)) {
        Parameters checked = new ValueChecker(substitution, diagnostics, context.references())
            .checkArguments(call.name(), call.location(), call.arguments(), metric.parameters());
        if (checked == null) {
          variants.clear();
          break;
        }
        Map<String, String> text = new LinkedHashMap<>();
        for (int i = 0; i < swept.size(); i++) {
          ValueNode chosen = i < sweepNodes.size() ? substitution.get(sweepNodes.get(i)) : null;
          text.put(entry.label().map(l -> l + ".").orElse("") + swept.get(i),
              chosen != null ? chosen.text() : ParameterText.value(at(checked, swept.get(i)), ";"));
        }
        variants.add(checked);
        texts.add(text);
      }
      if (variants.isEmpty()) {
        continue;
      }
      Parameters options = variants.get(0);
      boolean positional = call.arguments().stream().anyMatch(a -> !a.isNamed());
      String name = entry.label().orElse(positional ? call.text() : call.name());
      Location first = names.putIfAbsent(name, entry.labelLocation());
      if (first != null) {
        diagnostics.error(entry.labelLocation(), (entry.label().isPresent() ? "measurement '" : "metric '") + name
            + "' is measured twice", "the first is at " + first.line() + ":" + first.column()
                + (entry.label().isPresent() ? "" : "; to measure it again with other options, name each: "
                    + call.name() + "(...) as NAME"));
        continue;
      }
      Set<Requirement> needs = metric.requirements();
      if (!hasData && (needs.contains(Requirement.DATA) || needs.contains(Requirement.TRAINED_MODEL))) {
        diagnostics.error(call.location(), "metric '" + call.name() + "' needs data",
            "add a data entry, e.g. data mnist");
        continue;
      }
      int before = diagnostics.sorted().size();
      for (Parameters variant : variants) {
        metric.validate(variant, shape, (parameter, message, hint) ->
            diagnostics.error(argumentLocation(call, parameter), message, hint));
        if (diagnostics.sorted().size() > before) {
          break;
        }
        if (!metric.columns(variant).equals(metric.columns(options))) {
          diagnostics.error(call.location(), "the swept options of " + call.name() + " change its columns ("
              + String.join(", ", metric.columns(options)) + " against " + String.join(", ", metric.columns(variant))
              + ")", "sweep only options that keep the columns, or measure each setting as its own entry: "
              + call.name() + "(...) as NAME");
          break;
        }
      }
      if (diagnostics.sorted().size() > before) {
        continue;
      }
      // the same metric with the same options, however spelled (latency(h), latency(target = h)), is one measurement
      String identity = metric.name() + " " + variants.stream().map(v -> ParameterText.value(v, ", ")).toList();
      Location same = measured.putIfAbsent(identity, call.location());
      if (same != null) {
        diagnostics.error(call.location(), "metric '" + call.name() + "' is measured twice with the same options",
            "the first is at " + same.line() + ":" + same.column() + "; remove one, or give them different options");
        continue;
      }
      MetricRequest request = new MetricRequest(name, metric, options, call.location(), entry.label());
      for (String column : texts.get(0).keySet()) {
        Location other = columns.putIfAbsent(column, call.location());
        if (other != null) {
          diagnostics.error(call.location(), "column '" + column + "' is written by two measurements", "the other is"
              + " at " + other.line() + ":" + other.column() + "; name one: " + call.name() + "(...) as NAME");
        }
      }
      if (variants.size() > 1) {
        measureSweeps.add(new MeasureSweep(name, List.copyOf(variants), List.copyOf(texts)));
      }
      boolean clash = false;
      for (String column : request.columns()) {
        Location other = columns.putIfAbsent(column, call.location());
        if (other != null) {
          diagnostics.error(call.location(), "column '" + column + "' is written by two measurements", "the other is"
              + " at " + other.line() + ":" + other.column() + "; name one: " + call.name() + "(...) as NAME");
          clash = true;
          break;
        }
      }
      if (!clash) {
        out.add(request);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Every combination of the swept measurement options (one empty combination when none is swept),
   * the last measurement's varying fastest: each as the options by measurement and the swept values
   * by column.
   */
  private List<Map.Entry<Map<String, Parameters>, Map<String, String>>> measureCombinations() {
    List<Map.Entry<Map<String, Parameters>, Map<String, String>>> out = new ArrayList<>();
    out.add(Map.entry(Map.of(), Map.of()));
    for (MeasureSweep sweep : measureSweeps) {
      List<Map.Entry<Map<String, Parameters>, Map<String, String>>> next = new ArrayList<>();
      for (Map.Entry<Map<String, Parameters>, Map<String, String>> partial : out) {
        for (int i = 0; i < sweep.options().size(); i++) {
          Map<String, Parameters> options = new LinkedHashMap<>(partial.getKey());
          options.put(sweep.column(), sweep.options().get(i));
          Map<String, String> text = new LinkedHashMap<>(partial.getValue());
          text.putAll(sweep.text().get(i));
          next.add(Map.entry(Map.copyOf(options), java.util.Collections.unmodifiableMap(text)));
        }
      }
      out = next;
    }
    return out;
  }

  private List<ReportRequest> reports(ExperimentNode node, List<String> settingColumns, List<String> metricColumns) {
    List<String> known = new ArrayList<>(Experiment.KEY_COLUMNS);
    known.addAll(settingColumns);
    known.addAll(metricColumns);
    List<String> kinds = java.util.Arrays.stream(ReportKind.values()).map(ReportKind::keyword).toList();
    List<ReportRequest> out = new ArrayList<>();
    for (CallNode item : node.reports()) {
      ReportKind kind = java.util.Arrays.stream(ReportKind.values())
          .filter(k -> k.keyword().equals(item.name())).findFirst().orElse(null);
      if (kind == null) {
        unknown(item.location(), "report element", item.name(), new LinkedHashSet<>(kinds));
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
          if (arg.name().equals("log")) {
            String axes = arg.value() instanceof ValueNode.Word w ? w.text() : "";
            if (!List.of("x", "y", "xy").contains(axes)) {
              diagnostics.error(arg.value().location(), "log is x, y or xy, got " + arg.value().text(),
                  "write log = x for a logarithmic x axis");
              ok = false;
            }
            options.put("log", axes);
            continue;
          }
          String column = column(arg.value(), known);
          ok &= column != null;
          options.put(arg.name(), column);
          continue;
        }
        List<ValueNode> values = kind == ReportKind.CORRELATE && arg.value() instanceof ValueNode.ListOf list
            ? list.elements() : List.of(arg.value());
        for (ValueNode value : values) {
          String column = column(value, known);
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
  private String column(ValueNode value, List<String> known) {
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

  private void unknown(Location at, String what, String name, Set<String> known) {
    String hint = Suggestions.didYouMean(name, known);
    diagnostics.error(at, "unknown " + what + " '" + name + "'",
        hint != null ? hint : known.isEmpty() ? "no " + what + " is registered; see ./nnx plugins"
            : "known: " + String.join(", ", known));
  }
}
