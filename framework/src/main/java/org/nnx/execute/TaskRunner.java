package org.nnx.execute;

/** Computes a {@link TrialTask} in this process. */
@FunctionalInterface
public interface TaskRunner {

  /**
   * Computes the task's metrics. Implementations report every failure in the outcome rather than
   * throwing.
   */
  TrialOutcome run(TrialTask task);
}
