package org.nnx.experiment;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.nnx.model.TrainingRun;
import org.nnx.store.ClaimOwner;
import org.nnx.store.ResultStore;
import org.nnx.store.StoreException;

/**
 * The runner's view of the result store for one experiment: reuse of stored values and trained
 * models, commits of new ones, and claims so that two processes never compute the same trial
 * repeat at once. Claims are renewed every {@code ttl / 3} while the run lasts, so they expire only
 * when a process dies or hangs.
 */
final class StoredResults implements AutoCloseable {

  private static final Logger LOG = LogManager.getLogger(StoredResults.class);

  private final ResultStore store;
  private final ResultKeys keys;
  private final Experiment experiment;
  private final boolean fresh;
  private final java.util.Set<String> writtenHere = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final ClaimOwner owner;
  private final long ttlMillis;
  private final ScheduledExecutorService heartbeat;

  /**
   * @param store the store
   * @param experiment the experiment (its trial seeds)
   * @param keys the experiment's content keys
   * @param fresh whether to ignore stored values and models (new ones still replace them)
   * @param ttlMillis how long a claim lasts without renewal
   */
  StoredResults(ResultStore store, Experiment experiment, ResultKeys keys, boolean fresh, long ttlMillis) {
    this.store = store;
    this.experiment = experiment;
    this.keys = keys;
    this.fresh = fresh;
    this.owner = ClaimOwner.ofThisProcess();
    this.ttlMillis = ttlMillis;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "nnx-claims");
      t.setDaemon(true);
      return t;
    });
    heartbeat.scheduleAtFixedRate(this::renew, ttlMillis / 3, ttlMillis / 3, TimeUnit.MILLISECONDS);
  }

  private void renew() {
    try {
      store.renewClaims(owner, System.currentTimeMillis() + ttlMillis);
    } catch (StoreException e) {
      LOG.warn("could not renew claims: {}", e.getMessage());
    }
  }

  /**
   * The stored values of one metric of a trial repeat; running fresh, only values this run stored
   * (so that trials sharing a training or a value still share it).
   */
  Optional<Map<String, Object>> lookup(Trial trial, int repeat, MetricRequest request) throws StoreException {
    String key = keys.metric(trial, seed(trial, repeat), request);
    return fresh && !writtenHere.contains(key) ? Optional.empty() : store.lookup(key);
  }

  /** Commits one metric's values of a trial repeat. */
  void put(Trial trial, int repeat, MetricRequest request, Map<String, Object> values) throws StoreException {
    String key = keys.metric(trial, seed(trial, repeat), request);
    store.put(key, values);
    writtenHere.add(key);
  }

  /** The kept training run of a trial repeat; running fresh, only one this run trained. */
  Optional<TrainingRun> training(Trial trial, int repeat) throws StoreException {
    String key = keys.training(trial, seed(trial, repeat));
    return fresh && !writtenHere.contains(key) ? Optional.empty() : store.lookupModel(key);
  }

  /** Keeps the training run of a trial repeat (within the store's model budget). */
  void putTraining(Trial trial, int repeat, TrainingRun run) throws StoreException {
    String key = keys.training(trial, seed(trial, repeat));
    store.putModel(key, run);
    writtenHere.add(key);
  }

  /**
   * Records where a trial repeat's trained weights were saved, under the document key {@code
   * saved-weights KEY} with {@code KEY} the key of its training: the last folder written is kept.
   */
  void savedWeights(Trial trial, int repeat, java.nio.file.Path folder) throws StoreException {
    store.putDocument("saved-weights " + keys.training(trial, seed(trial, repeat)),
        org.nnx.report.Json.write(Map.of("folder", folder.toAbsolutePath().toString())));
  }

  /** Tries to claim a trial repeat for this process. */
  boolean claim(Trial trial, int repeat) throws StoreException {
    return store.claim(keys.trial(trial, seed(trial, repeat)), owner, System.currentTimeMillis() + ttlMillis);
  }

  /** Gives up this process's claim on a trial repeat. */
  void release(Trial trial, int repeat) throws StoreException {
    store.release(keys.trial(trial, seed(trial, repeat)), owner);
  }

  private long seed(Trial trial, int repeat) {
    return experiment.trialSeed(trial.index(), repeat);
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
  }
}
