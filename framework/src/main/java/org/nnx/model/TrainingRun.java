package org.nnx.model;

import java.io.Serializable;

/**
 * What one training run produced: the trained weights and what the run measured on the way.
 *
 * @param weights the trained weights
 * @param trainLoss mean cross entropy of the minibatches of the last epoch, each measured before
 *     its update (as PyTorch's {@code loss.item()} in a training loop), in nats, weighted by
 *     minibatch size; {@code NaN} when the weights were loaded, not trained
 * @param trainTimeSeconds wall-clock time of the training loop, in seconds (0 when loaded)
 * @param trainCpuSeconds CPU time the training thread spent in that loop, in seconds
 * @param iterations minibatch updates performed
 * @param trainExamples training examples per epoch
 */
public record TrainingRun(NetworkWeights weights, double trainLoss, double trainTimeSeconds, double trainCpuSeconds,
    long iterations, int trainExamples) implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * Training throughput in examples per second: {@code trainExamples * epochs / trainTimeSeconds}.
   *
   * @param epochs the epochs the run trained for
   */
  public double examplesPerSecond(int epochs) {
    return (double) trainExamples * epochs / trainTimeSeconds;
  }
}
