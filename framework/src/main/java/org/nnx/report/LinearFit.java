package org.nnx.report;

/**
 * An ordinary least-squares line y = a + b·x with the usual (homoscedastic, normal-error) standard
 * errors of its coefficients.
 *
 * @param intercept a, in the unit of y
 * @param interceptStandardError the standard error of a, in the unit of y; NaN when n &lt; 3
 * @param slope b, in units of y per unit of x
 * @param slopeStandardError the standard error of b; NaN when n &lt; 3
 * @param rSquared the coefficient of determination R² = 1 − SSE/SST, in [0, 1]; NaN when every y is
 *     equal (SST = 0)
 * @param n the number of (x, y) points, at least 2
 */
public record LinearFit(double intercept, double interceptStandardError, double slope, double slopeStandardError,
    double rSquared, long n) {

  /** The fitted value a + b·x at {@code x}. */
  public double predict(double x) {
    return intercept + slope * x;
  }
}
