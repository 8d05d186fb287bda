package org.nnx.model;

import java.util.SplittableRandom;

/**
 * PyTorch's default initialization of {@code nn.Linear} and {@code nn.Conv2d} ({@code
 * kaiming_uniform_(a = √5)} for the weights and the same bound for the biases): every value uniform
 * in {@code [−1/√fan_in, 1/√fan_in)}, {@code fan_in} the inputs per output ({@code in}, or {@code
 * in · k² / groups} for a convolution), rounded to single precision.
 *
 * <p>nnx draws it one node at a time: node {@code i}'s values come from {@link #stream}{@code
 * (weightsSeed, i)}, its weights in PyTorch's layout ({@code out x in}, or {@code out x in x k x k},
 * row-major) and then its biases, with {@code weightsSeed = Seeds.derive(trialSeed,
 * Seeds.WEIGHTS)}. This one definition is what the trainer starts from and what the metrics at
 * initialization measure, so with the trainer's default initialization both see the same network.
 */
public final class TorchDefaultInit {

  private TorchDefaultInit() {}

  /** The random stream of node {@code node}: {@code new SplittableRandom(Seeds.derive(weightsSeed, node))}. */
  public static SplittableRandom stream(long weightsSeed, int node) {
    return new SplittableRandom(Seeds.derive(weightsSeed, node));
  }

  /**
   * The next {@code count} values of {@code random}, each {@code (float) ((2u − 1) / √fanIn)} for a
   * uniform {@code u} in {@code [0, 1)}.
   *
   * @param fanIn inputs per output, at least 1
   * @throws IllegalArgumentException if {@code fanIn < 1} or {@code count < 0}
   */
  public static float[] uniform(SplittableRandom random, int count, long fanIn) {
    if (fanIn < 1 || count < 0) {
      throw new IllegalArgumentException("fan-in " + fanIn + " and count " + count + " must be >= 1 and >= 0");
    }
    return uniformIn(random, count, 1 / Math.sqrt(fanIn));
  }

  /**
   * The next {@code count} values of {@code random}, each {@code (float) ((2u − 1) · bound)}.
   *
   * @param bound the half-width of the interval, {@code > 0}
   */
  public static float[] uniformIn(SplittableRandom random, int count, double bound) {
    float[] a = new float[count];
    for (int i = 0; i < count; i++) {
      a[i] = (float) ((2 * random.nextDouble() - 1) * bound);
    }
    return a;
  }
}
