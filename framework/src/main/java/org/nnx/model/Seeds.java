package org.nnx.model;

/**
 * Independent seeds derived from a trial's seed ({@code TrialContext.seed()}): one for the initial
 * weights ({@link TorchDefaultInit}), shared by the trainer and the metrics at initialization so
 * they see the same initial network, and one for the order of training examples. The sampled links
 * of the topology use the trial seed itself (through the family's build context).
 */
public final class Seeds {

  /** The purpose of the weights' seed. */
  public static final long WEIGHTS = 1;

  /** The purpose of the shuffling seed. */
  public static final long SHUFFLE = 2;

  /** The purpose of the seed of a trainer's minibatch transforms ({@link org.nnx.data.BatchTransform}). */
  public static final long BATCHES = 3;

  private Seeds() {}

  /**
   * A seed for {@code purpose} derived from {@code seed}: SplitMix64's finalizer (Steele, Lea,
   * Flood, OOPSLA 2014) applied to {@code seed + (purpose + 1) * 0x9E3779B97F4A7C15}, so different
   * purposes or seeds give unrelated streams.
   */
  public static long derive(long seed, long purpose) {
    long z = seed + (purpose + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
