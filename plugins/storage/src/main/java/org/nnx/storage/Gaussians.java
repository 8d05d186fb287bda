package org.nnx.storage;

import java.util.SplittableRandom;

/** Standard normal numbers from a {@link SplittableRandom}, so that a draw depends on its seed only. */
final class Gaussians {

  private Gaussians() {}

  /**
   * One standard normal number by the Box–Muller transform (two uniforms per number; the second
   * normal of each pair is not kept, so every number uses the same count of uniforms and a draw's
   * numbers depend only on their position).
   */
  static double next(SplittableRandom random) {
    double u = 1.0 - random.nextDouble(); // in (0, 1]
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
