package org.nnx.dl4j;

/**
 * What one training run measured.
 *
 * @param testAccuracy fraction of test examples whose most probable class is their label, in
 *     {@code [0, 1]}
 * @param testLoss mean cross entropy over the test examples, in nats ({@code -ln p(label)}, with
 *     {@code p} clamped below at the smallest positive float)
 * @param trainLoss mean cross entropy of the minibatches of the last epoch, each measured before its
 *     update (as PyTorch's {@code loss.item()} in a training loop), in nats, weighted by minibatch
 *     size; the weight-decay term is not included
 * @param trainTimeSeconds wall-clock time of the training loop (all epochs, without compiling the
 *     graph and without evaluation), in seconds
 * @param trainCpuSeconds CPU time the training thread spent in that loop (Java and native code of
 *     the calling thread), in seconds; below {@code trainTimeSeconds} when other processes compete
 *     for the cores
 * @param iterations minibatch updates performed
 * @param trainExamples training examples per epoch
 * @param testExamples test examples evaluated
 */
public record TrainingResult(double testAccuracy, double testLoss, double trainLoss, double trainTimeSeconds,
    double trainCpuSeconds, long iterations, int trainExamples, int testExamples) {

  /**
   * Training throughput in examples per second: {@code trainExamples * epochs / trainTimeSeconds}.
   *
   * @param epochs the epochs the run trained for
   */
  public double examplesPerSecond(int epochs) {
    return (double) trainExamples * epochs / trainTimeSeconds;
  }
}
