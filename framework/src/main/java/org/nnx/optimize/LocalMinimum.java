package org.nnx.optimize;

import java.util.Arrays;

/**
 * One local minimum an optimizer found: a feasible point and its objective value.
 *
 * @param x the point, one coordinate per variable (a defensive copy is kept and returned)
 * @param f the objective value at {@code x}
 */
public record LocalMinimum(double[] x, double f) {

  /** Copies {@code x}. */
  public LocalMinimum {
    x = x.clone();
  }

  /** A copy of the point. */
  @Override
  public double[] x() {
    return x.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LocalMinimum m
        && Arrays.equals(x, m.x)
        && Double.compare(f, m.f) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(x) + Double.hashCode(f);
  }

  @Override
  public String toString() {
    return "LocalMinimum[x=" + Arrays.toString(x) + ", f=" + f + "]";
  }
}
