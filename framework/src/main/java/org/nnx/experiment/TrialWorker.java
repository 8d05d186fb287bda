package org.nnx.experiment;

import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.nnx.block.BlockKinds;
import org.nnx.data.DataLocations;
import org.nnx.data.DataUnavailableException;
import org.nnx.data.Dataset;
import org.nnx.execute.TaskRunner;
import org.nnx.execute.TrialOutcome;
import org.nnx.execute.TrialTask;
import org.nnx.plugin.MetricResult;
import org.nnx.plugin.PluginRegistry;
import org.nnx.syntax.ParseResult;
import org.nnx.syntax.SourceParser;
import org.nnx.syntax.UserInputException;

/**
 * Computes {@link TrialTask}s in this process: checks the task's experiment source with this
 * process's plugins (once per source), loads its data set (once per data set and folders), builds
 * the trial's network and computes the missing metrics, each failure contained to its metric.
 *
 * <p>Thread-safe; one worker serves every thread of a process.
 */
@Singleton
public final class TrialWorker implements TaskRunner {

  private static final Logger LOG = LogManager.getLogger(TrialWorker.class);

  private final PluginRegistry registry;
  private final Provider<BlockKinds> kinds;
  private final Map<String, Experiment> experiments = new ConcurrentHashMap<>();
  private final Map<String, Dataset> datasets = new ConcurrentHashMap<>();

  /**
   * @param registry this process's plugins
   * @param kinds this process's block kinds (a provider: the experiment kind itself needs this worker)
   */
  @Inject
  public TrialWorker(PluginRegistry registry, Provider<BlockKinds> kinds) {
    this.registry = registry;
    this.kinds = kinds;
  }

  /** Lets tasks of {@code experiment} skip checking its source again (the experiment this process checked). */
  void know(Experiment experiment) {
    experiments.putIfAbsent(experiment.source(), experiment);
  }

  /** Lets tasks use a data set this process loaded already. */
  void know(Experiment experiment, DataLocations locations, Dataset dataset) {
    experiment.data().ifPresent(d -> datasets.putIfAbsent(dataKey(d, locations), dataset));
  }

  @Override
  public TrialOutcome run(TrialTask task) {
    long start = System.nanoTime();
    Experiment experiment;
    try {
      experiment = experiment(task);
    } catch (RuntimeException | UserInputException e) {
      return TrialOutcome.failed(task, task.label() + ": its experiment does not check in this process: "
          + message(e), seconds(start));
    }
    if (task.trial() >= experiment.trials().size() || experiment.trialSeed(task.trial(), task.repeat()) != task.seed()) {
      return TrialOutcome.failed(task, task.label() + ": the experiment resolves to other trials in this process "
          + "(are the same plugins installed?)", seconds(start));
    }
    Trial trial = experiment.trials().get(task.trial());
    DataLocations locations = new DataLocations(task.dataPath().stream().map(Path::of).toList(),
        Path.of(task.dataCache()));
    Map<String, Object> values = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    Optional<org.nnx.model.TrainingRun> trained;
    try (TrialRun run = new TrialRun(experiment, trial, task.repeat(), () -> data(experiment, locations),
        registry.trainer(), registry.inference(), Optional.ofNullable(task.training()))) {
      if (task.train()) {
        try {
          run.trainingRun();
        } catch (RuntimeException e) {
          String failure = "training of trial " + trial.index() + " (" + trial.architecture() + ", repeat "
              + task.repeat() + ") failed, so its weights are not saved: " + e;
          LOG.error(failure, e);
          failures.add(failure);
        }
      }
      for (MetricRequest request : experiment.metrics(trial)) {
        if (!task.columns().contains(request.column())) {
          continue;
        }
        try {
          MetricResult result = request.metric().compute(run, request.options());
          if (result == null) {
            throw new IllegalStateException("the metric returned no result (null)");
          }
          result.values().forEach((column, value) ->
              values.put(request.resultColumn(column), value));
        } catch (Throwable e) {
          // contained to this metric: its trial's other metrics are still computed and kept
          String failure = "metric " + request.column() + " failed on trial " + trial.index() + " ("
              + trial.architecture() + ", repeat " + task.repeat() + "): " + e
              + (e instanceof OutOfMemoryError ? " (the heap is " + (Runtime.getRuntime().maxMemory() >> 20)
                  + " MiB: give the JVM more, e.g. NNX_JAVA_OPTS=-Xmx8g ./nnx run ..., or run fewer --workers)" : "");
          LOG.error(failure, e);
          failures.add(failure);
          if (e instanceof VirtualMachineError && !(e instanceof OutOfMemoryError || e instanceof StackOverflowError)) {
            throw (VirtualMachineError) e;
          }
        }
      }
      trained = run.trained();
    }
    return new TrialOutcome(task.trial(), task.repeat(), values, failures, seconds(start), trained.orElse(null));
  }

  private Experiment experiment(TrialTask task) throws UserInputException {
    Experiment known = experiments.get(task.source());
    if (known != null) {
      return known;
    }
    ParseResult parsed = SourceParser.parse(task.file(), task.source());
    if (!parsed.ok()) {
      throw new UserInputException(parsed.errors());
    }
    Experiment e = kinds.get().resolve(parsed.file(), registry).blocks(Experiment.class).stream()
        .filter(x -> x.name().equals(task.experiment())).findFirst()
        .orElseThrow(() -> new IllegalStateException("the source has no experiment " + task.experiment()));
    experiments.putIfAbsent(task.source(), e);
    return e;
  }

  private Dataset data(Experiment experiment, DataLocations locations) {
    DataRequest request = experiment.data().orElseThrow(() -> new IllegalStateException("no data"));
    return datasets.computeIfAbsent(dataKey(request, locations), k -> {
      try {
        LOG.info("loading data set {}", request.text());
        return request.provider().load(request.options(), locations);
      } catch (DataUnavailableException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    });
  }

  private static String dataKey(DataRequest request, DataLocations locations) {
    return request.text() + " " + org.nnx.param.ParameterText.value(request.options(), ", ") + " " + locations;
  }

  private static String message(Exception e) {
    if (e instanceof UserInputException u) {
      return String.join("; ", u.diagnostics().stream().map(d -> d.format()).toList());
    }
    return String.valueOf(e.getMessage());
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
