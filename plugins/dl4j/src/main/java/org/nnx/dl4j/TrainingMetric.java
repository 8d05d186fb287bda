package org.nnx.dl4j;

import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.nnx.plugin.Metric;
import org.nnx.plugin.MetricResult;
import org.nnx.plugin.Parameters;
import org.nnx.plugin.Requirement;
import org.nnx.plugin.TrialContext;

/**
 * A metric read from the trial's training run: {@code test_accuracy}, {@code test_loss}, {@code
 * train_loss} or {@code train_time_s} ({@link TrainingResult}). The network is trained once per
 * trial, with the experiment's {@code train} settings, however many of these metrics are measured:
 * the run is shared under the key {@link #SHARED_KEY} through {@link TrialContext#shared}.
 */
public final class TrainingMetric implements Metric {

  /** The key under which a trial's {@link TrainingResult} is shared. */
  public static final String SHARED_KEY = "dl4j.training";

  private final String name;
  private final String description;
  private final ToDoubleFunction<TrainingResult> value;

  /**
   * @param name the metric's name and column
   * @param description one line for {@code nnx plugins}
   * @param value reads the metric from a training result
   */
  public TrainingMetric(String name, String description, ToDoubleFunction<TrainingResult> value) {
    this.name = name;
    this.description = description;
    this.value = value;
  }

  /** {@code test_accuracy}: fraction of test examples classified correctly, in [0, 1]. */
  public static TrainingMetric testAccuracy() {
    return new TrainingMetric("test_accuracy", "fraction of test examples classified correctly after training, in [0, 1]",
        TrainingResult::testAccuracy);
  }

  /** {@code test_loss}: mean cross entropy on the test examples after training, in nats. */
  public static TrainingMetric testLoss() {
    return new TrainingMetric("test_loss", "mean cross entropy on the test examples after training (nats)",
        TrainingResult::testLoss);
  }

  /** {@code train_loss}: mean minibatch cross entropy over the last epoch, in nats. */
  public static TrainingMetric trainLoss() {
    return new TrainingMetric("train_loss", "mean cross entropy of the minibatches of the last epoch (nats)",
        TrainingResult::trainLoss);
  }

  /** {@code train_time_s}: wall-clock seconds of the training loop. */
  public static TrainingMetric trainTime() {
    return new TrainingMetric("train_time_s", "wall-clock time of the training loop (s)",
        TrainingResult::trainTimeSeconds);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  /** The trained model: training needs the architecture, the data and the train settings. */
  @Override
  public Set<Requirement> requirements() {
    return Set.of(Requirement.TRAINED_MODEL);
  }

  /**
   * Trains the trial's network (once per trial) and reads this metric.
   *
   * @param trial the trial: its network, data, train settings and seed
   * @param options none
   * @return the value under {@link #name()}, a {@code Double}
   */
  @Override
  public MetricResult compute(TrialContext trial, Parameters options) {
    TrainingResult result = trial.shared(SHARED_KEY, () -> Trainer.train(trial.network(), trial.data(),
        TrainingOptions.from(trial.training()), trial.seed()));
    return MetricResult.of(name, value.applyAsDouble(result));
  }
}
