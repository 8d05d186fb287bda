package org.nnx.perturbation;

import java.util.SplittableRandom;
import org.nnx.data.Dataset;
import org.nnx.plugin.TrialContext;

/**
 * What the perturbation metrics and the zero-cost proxies ({@code plugins/proxies}) of one trial
 * share: the initialized network and the input samples.
 */
public final class Trials {

  /** Mixed into the trial seed for the choice of samples, so it does not reuse the weights' stream. */
  private static final long SAMPLE_STREAM = 0x5851F42D4C957F2DL;

  private Trials() {}

  /**
   * The trial's network with weights drawn from the trial seed ({@link LocalNetwork#of}), built once
   * per trial and shared by the metrics of the trial (under the key {@code "perturbation.network"} of
   * {@link TrialContext#shared}).
   *
   * @param trial the trial; its network must fit the layer rule of {@link LocalNetwork}
   * @return the shared network (the same instance for every call in the trial)
   * @throws IllegalArgumentException if the trial's network does not fit the layer rule
   */
  public static LocalNetwork network(TrialContext trial) {
    return trial.shared("perturbation.network", () -> LocalNetwork.of(trial.network(), trial.seed()));
  }

  /**
   * Inputs {@code x} ({@code n x features}) and their labels {@code y}.
   *
   * @param x the inputs, {@code n x features}
   * @param y their class indices, {@code n} values
   */
  public record Batch(double[][] x, int[] y) {}

  /**
   * {@code min(count, size)} distinct examples of the test split, chosen uniformly from the trial
   * seed (a partial Fisher–Yates shuffle), as vectors of {@code features} values.
   *
   * @param trial the trial, whose data set's test split is sampled and whose seed chooses
   * @param count the examples wanted, {@code >= 1}
   * @param features the values per example the network takes
   * @return new arrays, {@code min(count, test size) x features}
   * @throws IllegalArgumentException if an example does not have {@code features} values
   */
  public static double[][] samples(TrialContext trial, int count, int features) {
    return batch(trial, count, features).x();
  }

  /**
   * The examples of {@link #samples} with their labels (the same examples for the same arguments).
   *
   * @param trial the trial, whose data set's test split is sampled and whose seed chooses
   * @param count the examples wanted, {@code >= 1}
   * @param features the values per example the network takes
   * @return {@code min(count, test size)} examples and their labels
   * @throws IllegalArgumentException if an example does not have {@code features} values
   */
  public static Batch batch(TrialContext trial, int count, int features) {
    Dataset data = trial.data();
    Dataset.Split test = data.test();
    long size = data.inputShape().size();
    if (size != features) {
      throw new IllegalArgumentException(
          "the data set " + data.name() + " has " + size + " features per example, the network takes " + features);
    }
    int n = Math.min(count, test.size());
    int[] order = new int[test.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(trial.seed() ^ SAMPLE_STREAM);
    double[][] out = new double[n][features];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int j = i + random.nextInt(order.length - i);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
      int example = order[i];
      labels[i] = test.labels()[example];
      for (int f = 0; f < features; f++) {
        out[i][f] = test.features()[example * features + f];
      }
    }
    return new Batch(out, labels);
  }
}
