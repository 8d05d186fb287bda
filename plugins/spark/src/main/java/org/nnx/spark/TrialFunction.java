package org.nnx.spark;

import java.io.Serializable;
import org.nnx.execute.TrialOutcome;
import org.nnx.execute.TrialTask;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/** What an executor does with a task, a partition of one trial repeat: computes it with its process's worker. */
final class TrialFunction extends AbstractFunction1<Iterator<TrialTask>, TrialOutcome> implements Serializable {

  private static final long serialVersionUID = 2L;

  @Override
  public TrialOutcome apply(Iterator<TrialTask> partition) {
    TrialTask task = partition.next();
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
