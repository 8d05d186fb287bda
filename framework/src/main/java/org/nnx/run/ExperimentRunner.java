package org.nnx.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.nnx.data.DataLocations;
import org.nnx.data.DataUnavailableException;
import org.nnx.data.Dataset;
import org.nnx.experiment.DataRequest;
import org.nnx.experiment.Experiment;
import org.nnx.experiment.MetricRequest;
import org.nnx.experiment.Trial;
import org.nnx.experiment.UserInputException;
import org.nnx.plugin.MetricResult;
import org.nnx.store.StoreException;
import org.nnx.syntax.Diagnostic;

/**
 * Runs every repeat of every trial of an experiment, in parallel across trials, and returns the
 * results in trial order. A trial's values depend only on its seed, never on the number of workers
 * or the order trials finish in.
 */
public final class ExperimentRunner {

  private static final Logger LOG = LogManager.getLogger(ExperimentRunner.class);

  private static final long WAIT_MILLIS = 200;

  private final int workers;
  private final DataLocations dataLocations;
  private final Progress progress;
  private final Optional<StoredResults> stored;

  /**
   * @param workers trials run at once (at least 1)
   * @param dataLocations where data sets are looked for
   * @param progress receives one call per finished trial
   */
  public ExperimentRunner(int workers, DataLocations dataLocations, Progress progress) {
    this(workers, dataLocations, progress, Optional.empty());
  }

  /**
   * @param stored the result store to reuse values from and commit new values to, if any
   */
  public ExperimentRunner(int workers, DataLocations dataLocations, Progress progress,
      Optional<StoredResults> stored) {
    this.workers = Math.max(1, workers);
    this.dataLocations = dataLocations;
    this.progress = progress;
    this.stored = stored;
  }

  /**
   * Runs the experiment.
   *
   * @return one result per trial and repeat, in trial order then repeat order
   * @throws UserInputException if the experiment's data set cannot be loaded (missing or corrupt
   *     files): the message is located at the {@code data} entry
   */
  public List<TrialResult> run(Experiment experiment) throws UserInputException {
    Supplier<Dataset> data = loadData(experiment);
    int total = experiment.trials().size() * experiment.repeats();
    progress.start(experiment.name(), total);
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "nnx-trial");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<TrialResult>> futures = new ArrayList<>();
      for (Trial trial : experiment.trials()) {
        for (int repeat = 0; repeat < experiment.repeats(); repeat++) {
          int r = repeat;
          futures.add(pool.submit(() -> {
            TrialResult result = runOne(experiment, trial, r, data);
            progress.trialDone(result);
            return result;
          }));
        }
      }
      List<TrialResult> results = new ArrayList<>();
      for (Future<TrialResult> f : futures) {
        results.add(f.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StoreException store) {
        throw new IllegalStateException(store.getMessage(), store);
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
      progress.finish();
    }
  }

  private Supplier<Dataset> loadData(Experiment experiment) throws UserInputException {
    if (experiment.data().isEmpty()) {
      return () -> {
        throw new IllegalStateException("no data");
      };
    }
    DataRequest request = experiment.data().get();
    try {
      LOG.info("loading data set {}", request.text());
      Dataset dataset = request.provider().load(request.options(), dataLocations);
      return () -> dataset;
    } catch (DataUnavailableException e) {
      throw new UserInputException(new Diagnostic(request.location(), e.getMessage(), null));
    }
  }

  private TrialResult runOne(Experiment experiment, Trial trial, int repeat, Supplier<Dataset> data)
      throws StoreException, InterruptedException {
    long start = System.nanoTime();
    TrialRun run = new TrialRun(experiment, trial, repeat, data);
    Map<String, Object> values = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    boolean claimed = false;
    int computedMetrics = 0;
    try {
      for (MetricRequest request : experiment.metrics()) {
        Optional<Map<String, Object>> previous = lookup(trial, repeat, request);
        while (previous.isEmpty() && !claimed && stored.isPresent()) {
          claimed = stored.get().claim(trial, repeat);
          if (claimed) {
            // another process may have finished it between the look-up and the claim
            previous = lookup(trial, repeat, request);
          } else {
            // another process computes this trial repeat: wait for its values or for its claim to lapse
            Thread.sleep(WAIT_MILLIS);
            previous = lookup(trial, repeat, request);
          }
        }
        if (previous.isPresent()) {
          values.putAll(previous.get());
          continue;
        }
        Map<String, Object> computed = new LinkedHashMap<>();
        try {
          MetricResult result = request.metric().compute(run, request.options());
          result.values().forEach((column, value) ->
              computed.put(column.equals(request.metric().name()) ? request.column() : column, value));
        } catch (RuntimeException | OutOfMemoryError e) {
          String failure = "metric " + request.column() + " failed on trial " + trial.index() + " ("
              + trial.architecture() + ", repeat " + repeat + "): " + e;
          LOG.error(failure, e);
          failures.add(failure);
          continue; // the other metrics of the trial are still computed and kept
        }
        if (stored.isPresent()) {
          stored.get().put(trial, repeat, request, computed);
        }
        computedMetrics++;
        values.putAll(computed);
      }
    } finally {
      if (claimed) {
        stored.get().release(trial, repeat);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    LOG.info("{} trial {} repeat {} ({}) in {} s", computedMetrics > 0 ? "computed" : "reused", trial.index(),
        repeat, trial.architecture(), String.format("%.3f", seconds));
    return new TrialResult(trial.index(), trial.architecture(), repeat, run.seed(), trial.parameterText(),
        values, failures.isEmpty() ? null : String.join("; ", failures), seconds);
  }

  private Optional<Map<String, Object>> lookup(Trial trial, int repeat, MetricRequest request) throws StoreException {
    return stored.isPresent() ? stored.get().lookup(trial, repeat, request) : Optional.empty();
  }
}
