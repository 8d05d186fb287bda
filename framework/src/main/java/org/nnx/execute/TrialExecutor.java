package org.nnx.execute;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where trial repeats are computed: the {@code local} thread pool or a cluster. The runner hands an
 * executor independent {@link TrialTask}s and receives their {@link TrialOutcome}s; the result store
 * and the run directory stay with the runner, which filters finished work before dispatch and
 * commits each outcome as it returns. Results never depend on the executor: a trial repeat's values
 * come from its seed alone.
 */
public interface TrialExecutor extends AutoCloseable {

  /** A short name, e.g. {@code local}. */
  String name();

  /** What {@code run.json} records about the executor: its name and settings (e.g. a master URL, versions). */
  Map<String, Object> describe();

  /** Trial repeats it computes at once. */
  int parallelism();

  /**
   * Computes every task and hands each outcome to {@code sink} as it arrives (calls are serialized,
   * in no particular order); returns when all are done. A task that fails, however often it is
   * retried, gives an outcome with its failure, so every task gives exactly one outcome.
   *
   * @throws InterruptedException if the calling thread is interrupted; unfinished tasks are abandoned
   */
  void execute(List<TrialTask> tasks, Consumer<TrialOutcome> sink) throws InterruptedException;

  /** Frees the executor's resources; the default holds none. */
  @Override
  default void close() {}
}
