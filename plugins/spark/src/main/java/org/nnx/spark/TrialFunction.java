package org.nnx.spark;

import org.apache.spark.api.java.function.Function;
import org.nnx.execute.TrialOutcome;
import org.nnx.execute.TrialTask;

/** What an executor does with a task: computes it with its process's worker. */
final class TrialFunction implements Function<TrialTask, TrialOutcome> {

  private static final long serialVersionUID = 1L;

  @Override
  public TrialOutcome call(TrialTask task) {
    long start = System.nanoTime();
    try {
      return ExecutorWorkers.forJars(task.pluginJars()).run(task);
    } catch (RuntimeException | LinkageError e) {
      // the worker reports a trial's own failures; this is the executor's (plugins that do not load, ...)
      return TrialOutcome.failed(task, task.label() + " failed on a Spark executor: " + e,
          (System.nanoTime() - start) / 1e9);
    }
  }
}
