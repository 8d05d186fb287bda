package org.nnx.execute;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnx.model.TrainingRun;

/**
 * What computing a {@link TrialTask} gave: the values of the metrics that succeeded, one line per
 * metric that failed, the time it took, and the training run it made (for the runner to keep).
 *
 * @param trial the trial's index
 * @param repeat the repeat
 * @param values metric values by column: {@code Long}, {@code Double} or a list of them
 * @param failures one line per failed metric (or one for the whole task), empty when all succeeded
 * @param seconds wall-clock time of the task
 * @param trained the training run the task trained, or {@code null} when it trained nothing new
 */
public record TrialOutcome(int trial, int repeat, Map<String, Object> values, List<String> failures, double seconds,
    TrainingRun trained) implements Serializable {

  private static final long serialVersionUID = 1L;

  public TrialOutcome {
    values = new LinkedHashMap<>(values);
    failures = List.copyOf(failures);
  }

  /** The outcome of a task that failed as a whole. */
  public static TrialOutcome failed(TrialTask task, String failure, double seconds) {
    return new TrialOutcome(task.trial(), task.repeat(), Map.of(), List.of(failure), seconds, null);
  }
}
