package org.nnx.experiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.nnx.block.Progress;
import org.nnx.data.DataLocations;
import org.nnx.execute.TrialExecutor;
import org.nnx.execute.TrialOutcome;
import org.nnx.execute.TrialTask;
import org.nnx.model.TrainingRun;
import org.nnx.plugin.BuildContext;
import org.nnx.plugin.Requirement;
import org.nnx.report.TrialResult;
import org.nnx.store.StoreException;
import org.nnx.syntax.UserInputException;

/**
 * Runs every repeat of every trial of an experiment and returns the results in trial order. The
 * runner owns the result store: it looks every value up before anything is computed, claims the
 * trial repeats it will compute (another process computing the same store's trial repeats waits
 * for their values instead), hands the rest to the {@link TrialExecutor} as {@link TrialTask}s and
 * commits each outcome as it returns. A trial's values depend only on its seed, never on the
 * executor, the number of workers or the order trials finish in.
 */
final class ExperimentRunner {

  private static final Logger LOG = LogManager.getLogger(ExperimentRunner.class);

  private static final long WAIT_MILLIS = 200;

  private final TrialExecutor executor;
  private final Optional<StoredResults> stored;
  private final Progress progress;
  private final List<String> pluginJars;
  private final DataLocations data;
  private final DataCheck dataCheck;
  private final WeightsSink sink;

  /** Where trained weights go when the experiment saves them ({@code train { save_weights = true }}). */
  @FunctionalInterface
  interface WeightsSink {
    /**
     * Saves one trial repeat's trained weights.
     *
     * @return the folder they were written to
     */
    java.nio.file.Path save(Trial trial, int repeat, TrainingRun run) throws java.io.IOException;
  }

  /** Makes sure the experiment's data set can be loaded before any task that needs it is sent out. */
  @FunctionalInterface
  interface DataCheck {
    void ensure() throws UserInputException;
  }

  /**
   * @param executor where tasks are computed
   * @param stored the result store to reuse values from and commit new values to, if any
   * @param progress receives one call per finished trial repeat
   * @param pluginJars the plugin jars a task names
   * @param data where data sets are looked for
   * @param dataCheck called once, before the first task that reads data is sent out
   * @param sink where trained weights are saved, when the experiment saves them
   */
  ExperimentRunner(TrialExecutor executor, Optional<StoredResults> stored, Progress progress, List<String> pluginJars,
      DataLocations data, DataCheck dataCheck, WeightsSink sink) {
    this.dataCheck = dataCheck;
    this.sink = sink;
    this.executor = executor;
    this.stored = stored;
    this.progress = progress;
    this.pluginJars = pluginJars;
    this.data = data;
  }

  /** One trial repeat's state while the run lasts. */
  private final class Pending {
    final Trial trial;
    final int repeat;
    final Map<String, Object> values = new LinkedHashMap<>();
    final List<String> failures = new ArrayList<>();
    final List<String> missing = new ArrayList<>();
    double seconds;
    boolean claimed;
    boolean weightsSaved;

    Pending(Trial trial, int repeat) {
      this.trial = trial;
      this.repeat = repeat;
    }
  }

  /**
   * Runs the experiment.
   *
   * @return one result per trial and repeat, in trial order then repeat order
   * @throws StoreException if the result store cannot be read or written
   * @throws InterruptedException if the run is interrupted
   * @throws UserInputException if the data set cannot be loaded
   */
  List<TrialResult> run(Experiment experiment) throws StoreException, InterruptedException, UserInputException {
    boolean dataChecked = false;
    int total = experiment.trials().size() * experiment.repeats();
    progress.start(experiment.name(), total);
    List<Pending> all = new ArrayList<>();
    for (Trial trial : experiment.trials()) {
      for (int repeat = 0; repeat < experiment.repeats(); repeat++) {
        all.add(new Pending(trial, repeat));
      }
    }
    Map<String, Pending> byKey = new HashMap<>();
    try {
      List<Pending> waiting = new ArrayList<>();
      for (Pending p : all) {
        byKey.put(p.trial.index() + "/" + p.repeat, p);
        lookUp(experiment, p);
        if (done(experiment, p)) {
          finish(experiment, p, false);
        } else {
          waiting.add(p);
        }
      }
      while (!waiting.isEmpty()) {
        List<TrialTask> tasks = new ArrayList<>();
        List<Pending> elsewhere = new ArrayList<>();
        // trials that differ from an earlier one only in swept measurement options wait for it, so
        // that they reuse its trained model instead of training the same network again
        java.util.Set<String> waitingKeys = new java.util.HashSet<>();
        waiting.forEach(p -> waitingKeys.add(p.trial.index() + "/" + p.repeat));
        List<Pending> deferred = new ArrayList<>();
        List<Pending> now = new ArrayList<>();
        for (Pending p : waiting) {
          boolean follower = p.trial.seedIndex() != p.trial.index()
              && waitingKeys.contains(p.trial.seedIndex() + "/" + p.repeat);
          (follower ? deferred : now).add(p);
        }
        for (Pending p : now) {
          if (stored.isEmpty() || (p.claimed = stored.get().claim(p.trial, p.repeat))) {
            // another process may have finished it between the look-up and the claim
            lookUp(experiment, p);
            if (done(experiment, p)) {
              finish(experiment, p, false);
            } else {
              tasks.add(task(experiment, p));
            }
          } else {
            elsewhere.add(p);
          }
        }
        if (!dataChecked && tasks.stream().anyMatch(t -> readsData(experiment, t))) {
          dataCheck.ensure();
          dataChecked = true;
        }
        executor.execute(tasks, outcome -> commit(experiment, byKey.get(outcome.trial() + "/" + outcome.repeat()),
            outcome));
        waiting = new ArrayList<>(deferred);
        for (Pending p : elsewhere) {
          lookUp(experiment, p);
          if (done(experiment, p)) {
            finish(experiment, p, false);
          } else {
            waiting.add(p);
          }
        }
        if (waiting.size() > deferred.size()) {
          // other processes compute these: wait for their values or for their claims to lapse
          Thread.sleep(WAIT_MILLIS);
        }
      }
    } finally {
      for (Pending p : all) {
        if (p.claimed) {
          release(p);
        }
      }
      progress.finish();
    }
    List<TrialResult> results = new ArrayList<>();
    for (Pending p : all) {
      results.add(result(experiment, p));
    }
    return results;
  }

  private static boolean readsData(Experiment experiment, TrialTask task) {
    return task.train() || experiment.metrics().stream().anyMatch(m -> task.columns().contains(m.column())
        && !java.util.Collections.disjoint(m.metric().requirements(), List.of(Requirement.DATA, Requirement.TRAINED_MODEL)));
  }

  /** Whether a trial repeat has every value and, when they are saved, its weights saved. */
  private static boolean done(Experiment experiment, Pending p) {
    return p.missing.isEmpty() && !needsWeights(experiment, p);
  }

  /** Whether a trial repeat still has trained weights to save. */
  private static boolean needsWeights(Experiment experiment, Pending p) {
    return experiment.saveWeights() && !p.weightsSaved && !p.trial.usesLoadedWeights();
  }

  private void save(Pending p, TrainingRun run) {
    try {
      java.nio.file.Path folder = sink.save(p.trial, p.repeat, run);
      p.weightsSaved = true;
      if (stored.isPresent()) {
        stored.get().savedWeights(p.trial, p.repeat, folder);
      }
    } catch (java.io.IOException | StoreException | RuntimeException e) {
      p.failures.add("trial " + p.trial.index() + " repeat " + p.repeat + ": its trained weights could not be saved: "
          + e.getMessage());
      p.weightsSaved = true; // reported; the values are still kept
    }
  }

  /**
   * Takes the stored values of every metric of a trial repeat and lists the missing metrics; saves
   * its kept trained weights when they are to be saved.
   */
  private void lookUp(Experiment experiment, Pending p) throws StoreException {
    if (needsWeights(experiment, p) && stored.isPresent()) {
      stored.get().training(p.trial, p.repeat).ifPresent(run -> save(p, run));
    }
    p.missing.clear();
    for (MetricRequest request : experiment.metrics(p.trial)) {
      if (p.values.containsKey(request.columns().get(0))) {
        continue;
      }
      Optional<Map<String, Object>> previous = stored.isPresent()
          ? stored.get().lookup(p.trial, p.repeat, request) : Optional.empty();
      if (previous.isPresent()) {
        p.values.putAll(previous.get());
      } else {
        p.missing.add(request.column());
      }
    }
  }

  private TrialTask task(Experiment experiment, Pending p) throws StoreException {
    boolean train = needsWeights(experiment, p);
    boolean needsModel = train || experiment.metrics().stream().anyMatch(m -> p.missing.contains(m.column())
        && m.metric().requirements().contains(Requirement.TRAINED_MODEL));
    TrainingRun known = needsModel && stored.isPresent() ? stored.get().training(p.trial, p.repeat).orElse(null) : null;
    if (known != null) {
      LOG.info("trial {} repeat {} ({}): reusing its kept trained model", p.trial.index(), p.repeat,
          p.trial.architecture());
    }
    long seed = experiment.trialSeed(p.trial.index(), p.repeat);
    return new TrialTask(experiment.file(), experiment.source(), experiment.name(), p.trial.index(), p.repeat,
        seed, p.missing, pluginJars, data.searchPath().stream().map(Object::toString).toList(),
        data.cache().toString(), known, train, cost(p.trial, seed, needsModel && known == null
            && !p.trial.usesLoadedWeights()));
  }

  /**
   * A relative estimate of a trial repeat's work, for executors that balance it: its network's
   * forward FLOPs per example, three times that (forward and backward) per epoch when it trains, the
   * trainer's {@code epochs} setting where it has one. Trials of one experiment share the data set,
   * so its size is left out. 0 when the network does not build here (the worker will say why).
   */
  static double cost(Trial trial, long seed, boolean trains) {
    double flops;
    try {
      flops = trial.family().build(trial.parameters(), new BuildContext(seed)).flops();
    } catch (RuntimeException e) {
      return 0;
    }
    if (!trains) {
      return flops;
    }
    Object epochs = trial.training().has("epochs") ? trial.training().get("epochs") : null;
    return 3 * flops * (epochs instanceof Number n ? Math.max(1, n.doubleValue()) : 1);
  }

  /** Takes one outcome: commits its values and its new training, then finishes the trial repeat. */
  private void commit(Experiment experiment, Pending p, TrialOutcome outcome) {
    try {
      if (stored.isPresent()) {
        if (outcome.trained() != null) {
          stored.get().putTraining(p.trial, p.repeat, outcome.trained());
        }
        for (MetricRequest request : experiment.metrics(p.trial)) {
          if (!p.missing.contains(request.column())) {
            continue;
          }
          Map<String, Object> computed = new LinkedHashMap<>();
          List<String> columns = request.columns();
          if (!outcome.values().containsKey(columns.get(0))) {
            continue;
          }
          for (String c : columns) {
            if (outcome.values().containsKey(c)) {
              computed.put(c, outcome.values().get(c));
            }
          }
          stored.get().put(p.trial, p.repeat, request, computed);
        }
      }
    } catch (StoreException e) {
      p.failures.add("trial " + p.trial.index() + " repeat " + p.repeat + ": its values could not be stored: "
          + e.getMessage());
    }
    if (outcome.trained() != null && needsWeights(experiment, p)) {
      save(p, outcome.trained());
    }
    p.values.putAll(outcome.values());
    p.failures.addAll(outcome.failures());
    p.seconds = outcome.seconds();
    if (p.claimed) {
      release(p);
      p.claimed = false;
    }
    finish(experiment, p, true);
  }

  private void finish(Experiment experiment, Pending p, boolean computed) {
    LOG.info("{} trial {} repeat {} ({}) in {} s", computed ? "computed" : "reused", p.trial.index(), p.repeat,
        p.trial.architecture(), String.format("%.3f", p.seconds));
    progress.trialDone(result(experiment, p));
  }

  private TrialResult result(Experiment experiment, Pending p) {
    return new TrialResult(p.trial.index(), p.trial.architecture(), p.repeat,
        experiment.trialSeed(p.trial.index(), p.repeat), p.trial.columnText(), p.values,
        p.failures.isEmpty() ? null : String.join("; ", p.failures), p.seconds);
  }

  private void release(Pending p) {
    try {
      stored.get().release(p.trial, p.repeat);
    } catch (StoreException e) {
      LOG.warn("could not release the claim on trial {} repeat {}: {}", p.trial.index(), p.repeat, e.getMessage());
    }
  }
}
