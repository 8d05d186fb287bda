package org.nnx.dl4j;

import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.nnx.data.Dataset;
import org.nnx.model.Evaluation;
import org.nnx.model.TrainingRun;
import org.nnx.param.Parameters;
import org.nnx.plugin.Metric;
import org.nnx.plugin.MetricResult;
import org.nnx.plugin.Requirement;
import org.nnx.plugin.TrialContext;

/**
 * A metric of the trial's trained model: {@code test_accuracy} and {@code test_loss} evaluate it on
 * the test split (its first {@code test_samples} examples), {@code train_loss} and {@code
 * train_time_s} are read from its training run. The network is trained once per trial repeat,
 * with the trial's {@code train} settings, however many of these metrics are measured, and its
 * weights are kept ({@link TrialContext#trainedModel()}); the evaluation is shared under {@link
 * #EVALUATION_KEY}.
 */
public final class TrainingMetric implements Metric {

  /** The key under which a trial's test-set {@link Evaluation} is shared. */
  public static final String EVALUATION_KEY = "dl4j.evaluation";

  private final String name;
  private final String description;
  private final Reader value;

  /** How a metric reads its value from the trial. */
  @FunctionalInterface
  private interface Reader {
    double read(TrialContext trial);
  }

  private TrainingMetric(String name, String description, Reader value) {
    this.name = name;
    this.description = description;
    this.value = value;
  }

  private static TrainingMetric ofRun(String name, String description, ToDoubleFunction<TrainingRun> read) {
    return new TrainingMetric(name, description, trial -> read.applyAsDouble(trial.trainingRun()));
  }

  private static TrainingMetric ofEvaluation(String name, String description, ToDoubleFunction<Evaluation> read) {
    return new TrainingMetric(name, description, trial -> read.applyAsDouble(evaluation(trial)));
  }

  /** The trained model's accuracy and loss on the test split, computed once per trial. */
  static Evaluation evaluation(TrialContext trial) {
    return trial.shared(EVALUATION_KEY, () -> {
      Dataset data = trial.data();
      TrainingOptions options = TrainingOptions.from(trial.training());
      int examples = options.testSamples() > 0 ? Math.min(data.test().size(), options.testSamples()) : data.test().size();
      return trial.trainedModel().evaluate(data.test(), data.inputShape(), examples);
    });
  }

  /** {@code test_accuracy}: fraction of test examples classified correctly, in [0, 1]. */
  public static TrainingMetric testAccuracy() {
    return ofEvaluation("test_accuracy", "fraction of test examples classified correctly after training, in [0, 1]",
        Evaluation::accuracy);
  }

  /** {@code test_loss}: mean cross entropy on the test examples after training, in nats. */
  public static TrainingMetric testLoss() {
    return ofEvaluation("test_loss", "mean cross entropy on the test examples after training (nats)",
        Evaluation::loss);
  }

  /** {@code train_loss}: mean minibatch cross entropy over the last epoch, in nats. */
  public static TrainingMetric trainLoss() {
    return ofRun("train_loss", "mean cross entropy of the minibatches of the last epoch (nats)",
        TrainingRun::trainLoss);
  }

  /** {@code train_time_s}: wall-clock seconds of the training loop. */
  public static TrainingMetric trainTime() {
    return ofRun("train_time_s", "wall-clock time of the training loop (s)", TrainingRun::trainTimeSeconds);
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
   * Reads this metric from the trial's trained model (training it first, once per trial repeat,
   * unless the result store keeps it).
   *
   * @param trial the trial: its network, data, train settings and seed
   * @param options none
   * @return the value under {@link #name()}, a {@code Double}
   */
  @Override
  public MetricResult compute(TrialContext trial, Parameters options) {
    return MetricResult.of(name, value.read(trial));
  }
}
