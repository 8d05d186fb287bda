package org.nnx.execute;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The default executor: a pool of {@code workers} threads in this process, each computing one task
 * at a time with the given {@link TaskRunner}. Tasks start in the order given.
 */
public final class LocalExecutor implements TrialExecutor {

  /** Its name. */
  public static final String NAME = "local";

  private final int workers;
  private final TaskRunner runner;

  /**
   * @param workers threads, at least 1
   * @param runner computes a task
   */
  public LocalExecutor(int workers, TaskRunner runner) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
    this.workers = workers;
    this.runner = runner;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> describe() {
    return Map.of("name", NAME, "workers", workers);
  }

  @Override
  public int parallelism() {
    return workers;
  }

  @Override
  public void execute(List<TrialTask> tasks, Consumer<TrialOutcome> sink) throws InterruptedException {
    if (tasks.isEmpty()) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, tasks.size()), r -> {
      Thread t = new Thread(r, "nnx-trial");
      t.setDaemon(true);
      return t;
    });
    try {
      ExecutorCompletionService<TrialOutcome> done = new ExecutorCompletionService<>(pool);
      for (TrialTask task : tasks) {
        done.submit(() -> compute(task));
      }
      for (int i = 0; i < tasks.size(); i++) {
        try {
          sink.accept(done.take().get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("a trial task escaped its runner", e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private TrialOutcome compute(TrialTask task) {
    long start = System.nanoTime();
    try {
      return runner.run(task);
    } catch (Throwable e) {
      // a runner reports failures itself; this guards against one that does not (StackOverflowError, ...)
      return TrialOutcome.failed(task, task.label() + " failed: " + e, (System.nanoTime() - start) / 1e9);
    }
  }
}
