package org.nnx.subnets;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The joint trainings of one run, each done once: the k rows of one method ({@code subnet = 1..k})
 * read the same trained subnets, and a row that needs a training another worker is doing waits for
 * it. A training is identified by everything that defines it (the trial's seed, which hashes its
 * network, training settings and data, and the metric's options), so a reused one is the one that
 * would be trained again; the most recent {@value #KEPT} are kept.
 */
final class SubnetTrainings {

  static final int KEPT = 32;

  private final Map<String, CompletableFuture<Object>> trainings = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Object>> e) {
      return size() > KEPT;
    }
  };

  /**
   * What was trained (and timed) under {@code key}: computed by {@code train} if no one has yet. A
   * key always names values of one type.
   *
   * @throws RuntimeException what {@code train} threw (then a later call trains again)
   */
  @SuppressWarnings("unchecked")
  <T> T get(String key, Supplier<T> train) {
    CompletableFuture<Object> future;
    boolean mine;
    synchronized (this) {
      future = trainings.get(key);
      mine = future == null;
      if (mine) {
        future = new CompletableFuture<>();
        trainings.put(key, future);
      }
    }
    if (mine) {
      try {
        future.complete(train.get());
      } catch (RuntimeException | Error e) {
        synchronized (this) {
          trainings.remove(key);
        }
        future.completeExceptionally(e);
        throw e;
      }
    }
    try {
      return (T) future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }
}
