package org.nnx.report;

/**
 * A point estimate with a confidence interval.
 *
 * @param value the estimate from the full sample
 * @param lower the interval's lower end; NaN when it could not be computed
 * @param upper the interval's upper end; NaN when it could not be computed
 */
public record Estimate(double value, double lower, double upper) {

  /** Whether {@code lower ≤ x ≤ upper}; false when the interval is undefined. */
  public boolean contains(double x) {
    return lower <= x && x <= upper;
  }
}
