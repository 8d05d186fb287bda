package org.nnx.experiment;

import com.google.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nnx.block.BlockKind;
import org.nnx.block.BlockOutcome;
import org.nnx.block.ResolveContext;
import org.nnx.block.RunContext;
import org.nnx.data.DataLocations;
import org.nnx.data.DataUnavailableException;
import org.nnx.data.Dataset;
import org.nnx.hardware.target.HardwareTarget;
import org.nnx.ir.Network;
import org.nnx.model.TrainingRun;
import org.nnx.param.ParameterText;
import org.nnx.plugin.BuildContext;
import org.nnx.report.NetworkSummary;
import org.nnx.report.Report;
import org.nnx.report.ReportHeader;
import org.nnx.report.TrialResult;
import org.nnx.store.StoreException;
import org.nnx.syntax.Diagnostic;
import org.nnx.syntax.ExperimentNode;
import org.nnx.syntax.UserInputException;
import org.nnx.weights.WeightFolder;

/**
 * The {@code experiment NAME { ... }} block: architectures and their sweeps, metrics, training
 * settings and the report. Running it computes every trial repeat not yet in the result store on
 * the run's executor, then writes {@code results.csv}, {@code results.json} and, when the networks
 * have sampled links, {@code links.json}.
 */
public final class ExperimentKind implements BlockKind<ExperimentNode, Experiment> {

  /** How long a claim on a trial lasts without renewal. */
  private static final long CLAIM_MILLIS = 60_000;

  private final TrialWorker worker;

  /** @param worker this process's worker, which local tasks run on (its caches are filled here) */
  @Inject
  ExperimentKind(TrialWorker worker) {
    this.worker = worker;
  }

  @Override
  public String keyword() {
    return ExperimentNode.KEYWORD;
  }

  @Override
  public Class<ExperimentNode> syntax() {
    return ExperimentNode.class;
  }

  @Override
  public List<String> references() {
    return List.of(HardwareTarget.KEYWORD, ExperimentResolver.NETWORK);
  }

  @Override
  public Experiment resolve(ExperimentNode node, ResolveContext context) {
    return new ExperimentResolver(context).resolve(node);
  }

  @Override
  public String describe(Experiment e) {
    return "experiment " + e.name() + ": " + plural(e.trials().size(), "trial") + " x " + plural(e.repeats(), "repeat")
        + ", " + plural(e.metrics().size(), "metric");
  }

  @Override
  public List<Diagnostic> missingInputs(Experiment experiment, DataLocations data) {
    List<Diagnostic> missing = new ArrayList<>(experiment.data().flatMap(d -> d.missing(data)).stream().toList());
    experiment.memory().flatMap(m -> m.check(Runtime.getRuntime().maxMemory())).ifPresent(missing::add);
    return missing;
  }

  @Override
  public BlockOutcome run(Experiment experiment, RunContext context) throws UserInputException, IOException {
    HardwareSetup.prepare(experiment, context);
    worker.know(experiment);
    List<TrialResult> results;
    Optional<StoredResults> stored = context.store().map(s ->
        new StoredResults(s, experiment, new ResultKeys(experiment.data(), context.registry()), context.fresh(),
            CLAIM_MILLIS));
    PartialResults partial = new PartialResults(experiment, context.directory(), context.progress());
    try {
      results = new ExperimentRunner(context.executor(), stored, partial, context.pluginJars(),
          context.data(), () -> loadData(experiment, context), (trial, repeat, run) ->
              saveWeights(experiment, trial, repeat, run, context.directory())).run(experiment);
      partial.discard();
    } catch (UserInputException e) {
      partial.discard();
      throw e;
    } catch (StoreException e) {
      throw new IllegalStateException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      stored.ifPresent(StoredResults::close);
      partial.close();
    }
    return outcome(experiment, results);
  }

  /** The index of the run directory's network summaries. */
  static final String NETWORKS_INDEX = "networks/index.md";

  /**
   * {@code networks/trial-T.txt} for each trial (its network as its first repeat builds it, node by
   * node) and {@code networks/index.md}, which lists them.
   */
  private static Map<String, String> networkFiles(Experiment e) {
    Map<String, String> out = new LinkedHashMap<>();
    StringBuilder index = new StringBuilder("# Networks of experiment ").append(e.name()).append("\n\n")
        .append("Each trial's network as its first repeat builds it (later repeats differ at most in sampled links),"
            + " node by node; `nnx summary FILE` prints the same.\n\n")
        .append("| trial | architecture | network | nodes | params | flops |\n| --- | --- | --- | --- | --- | --- |\n");
    for (Trial t : e.trials()) {
      Network n;
      try {
        n = t.family().build(t.parameters(), new BuildContext(e.trialSeed(t.index(), 0)));
      } catch (RuntimeException failed) {
        continue; // the trial's own failure says why
      }
      String file = "trial-" + t.index() + ".txt";
      String title = "experiment " + e.name() + ", trial " + t.index() + " (" + t.architecture() + "): "
          + t.family().name() + ParameterText.value(t.parameters(), ", ");
      out.put("networks/" + file, NetworkSummary.text(title, n));
      index.append("| [").append(t.index()).append("](").append(file).append(") | ").append(t.architecture())
          .append(" | ").append(t.family().name()).append(" | ").append(n.nodes().size()).append(" | ")
          .append(n.parameters()).append(" | ").append(n.flops()).append(" |\n");
    }
    out.put(NETWORKS_INDEX, index.toString());
    return out;
  }

  /** The folder of a trial repeat's saved weights in the run directory. */
  static String weightsFolder(int trial, int repeat) {
    return "weights/trial-" + trial + "-repeat-" + repeat;
  }

  private static Path saveWeights(Experiment e, Trial trial, int repeat, TrainingRun run, Path directory)
      throws IOException {
    long seed = e.trialSeed(trial.index(), repeat);
    Network network = trial.family().build(trial.parameters(), new BuildContext(seed));
    Map<String, Object> about = new LinkedHashMap<>();
    about.put("experiment", e.name());
    about.put("trial", trial.index());
    about.put("architecture", trial.architecture());
    about.put("parameters", trial.parameters());
    about.put("repeat", repeat);
    about.put("seed", seed);
    about.put("train", trial.training());
    Path folder = directory.resolve(weightsFolder(trial.index(), repeat));
    WeightFolder.write(folder, network, run.weights(), about);
    return folder;
  }

  private void loadData(Experiment experiment, RunContext context) throws UserInputException {
    if (experiment.data().isEmpty()) {
      return;
    }
    DataRequest request = experiment.data().get();
    try {
      Dataset dataset = request.provider().load(request.options(), context.data());
      worker.know(experiment, context.data(), dataset);
    } catch (DataUnavailableException e) {
      throw new UserInputException(new Diagnostic(request.location(), e.getMessage(), null));
    }
  }

  private static BlockOutcome outcome(Experiment e, List<TrialResult> results) {
    List<String> defaultColumns = new ArrayList<>();
    defaultColumns.add("architecture");
    defaultColumns.addAll(e.settingColumns());
    defaultColumns.addAll(e.metricColumns());
    Report report = Report.of(e.reports(), defaultColumns, results, e.repeats(), e.seed());
    Map<String, String> files = new LinkedHashMap<>();
    files.put("results.csv", ResultsCsv.write(e, results));
    files.put("results.json", ResultsJson.write(e, results));
    List<Map.Entry<String, String>> extraFiles = new ArrayList<>();
    Optional<String> links = LinksFile.write(e, results);
    if (links.isPresent()) {
      files.put("links.json", links.get());
      extraFiles.add(Map.entry("links.json", "the sampled DenseNet-type links of every trial repeat"));
    }
    files.putAll(networkFiles(e));
    extraFiles.add(Map.entry(NETWORKS_INDEX, "each trial's network node by node: op, output shape, parameters, FLOPs"));
    if (e.saveWeights()) {
      extraFiles.add(Map.entry("weights/", "each trial repeat's trained weights, one .npy per tensor (PyTorch's"
          + " layouts) with an index.json; load them with weights \"DIR\" or init \"DIR\""));
    }
    List<Map.Entry<String, String>> facts = new ArrayList<>();
    facts.add(Map.entry("experiment seed", e.seed() + " (each trial repeat derives its own seed from it, the trial"
        + " and the repeat)"));
    facts.add(Map.entry("trials", e.trials().size() + " × " + e.repeats() + (e.repeats() == 1 ? " repeat" : " repeats")));
    e.data().ifPresent(d -> facts.add(Map.entry("data", d.text())));
    List<String> notes = e.repeats() > 1
        ? List.of("Metric cells show the mean ± sample standard deviation over the " + e.repeats() + " repeats.")
        : List.of();
    ReportHeader header = new ReportHeader("Experiment", e.name(), e.title(), e.file(),
        plural(e.trials().size(), "trial") + " × " + plural(e.repeats(), "repeat") + ", seed "
            + e.seed(), notes, e.source(), facts, results, extraFiles);
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("seed", e.seed());
    manifest.put("repeats", e.repeats());
    manifest.put("trials", e.trials().size());
    e.data().ifPresent(d -> manifest.put("data", d.text()));
    manifest.put("metrics", e.metricColumns());
    List<Object> runs = new ArrayList<>();
    for (TrialResult r : results) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("trial", r.trial());
      t.put("repeat", r.repeat());
      t.put("seed", r.seed());
      t.put("seconds", Math.round(r.seconds() * 1e6) / 1e6);
      if (r.failure() != null) {
        t.put("failure", r.failure());
      }
      runs.add(t);
    }
    manifest.put("trial_runs", runs);
    List<String> failures = results.stream().filter(r -> r.failure() != null).map(TrialResult::failure).toList();
    return new BlockOutcome(header, report, files, manifest, results, failures, results.size());
  }

  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
