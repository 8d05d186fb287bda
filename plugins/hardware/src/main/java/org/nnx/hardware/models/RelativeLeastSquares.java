package org.nnx.hardware.models;

import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Non-negative least squares on relative errors: the coefficients {@code c >= 0} that minimize
 * {@code sum_k ((x_k . c - y_k) / y_k)^2}, so that small and large networks count alike (a plain
 * least-squares fit of latencies spanning decades is decided by the largest networks alone).
 *
 * <p>Each row is divided by its target, which turns the problem into ordinary least squares
 * against a target of ones, solved by Commons Math's {@link OLSMultipleLinearRegression} (QR, no
 * intercept). Non-negativity is enforced by solving on every subset of the features and keeping
 * the best fit whose coefficients are all non-negative (exact for the few features of the cost
 * models: {@code 2^p - 1} small solves).
 */
final class RelativeLeastSquares {

  private RelativeLeastSquares() {}

  /**
   * Fits the coefficients.
   *
   * @param x one row of {@code p} non-negative features per sample, {@code p} in {@code [1, 10]}
   * @param y the positive targets, one per row
   * @return {@code p} coefficients, each at least 0
   * @throws IllegalArgumentException if there are fewer rows than features, a target is not
   *     positive, or no subset of the features can be fitted
   */
  static double[] fit(double[][] x, double[] y) {
    int p = x[0].length;
    if (p < 1 || p > 10 || x.length < p || x.length != y.length) {
      throw new IllegalArgumentException("need at least " + p + " samples for " + p + " coefficients, got " + x.length);
    }
    for (double v : y) {
      if (!(v > 0)) {
        throw new IllegalArgumentException("targets must be positive, got " + v);
      }
    }
    double[] best = null;
    double bestCost = Double.POSITIVE_INFINITY;
    for (int mask = 1; mask < (1 << p); mask++) {
      int k = Integer.bitCount(mask);
      int[] columns = new int[k];
      for (int j = 0, c = 0; j < p; j++) {
        if ((mask & (1 << j)) != 0) {
          columns[c++] = j;
        }
      }
      double[] c = solve(x, y, columns);
      if (c == null) {
        continue;
      }
      double[] full = new double[p];
      boolean nonNegative = true;
      for (int j = 0; j < k; j++) {
        full[columns[j]] = c[j];
        nonNegative &= c[j] >= 0;
      }
      double cost = cost(x, y, full);
      if (nonNegative && cost < bestCost) {
        best = full;
        bestCost = cost;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("the features are degenerate: no subset of them can be fitted");
    }
    return best;
  }

  /** {@code sum_k ((x_k . c - y_k) / y_k)^2}. */
  static double cost(double[][] x, double[] y, double[] c) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double r = (dot(x[i], c) - y[i]) / y[i];
      s += r * r;
    }
    return s;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }

  private static double[] solve(double[][] x, double[] y, int[] columns) {
    double[][] rows = new double[x.length][columns.length];
    double[] ones = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < columns.length; j++) {
        rows[i][j] = x[i][columns[j]] / y[i];
      }
      ones[i] = 1;
    }
    try {
      OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
      ols.setNoIntercept(true);
      ols.newSampleData(ones, rows);
      return ols.estimateRegressionParameters();
    } catch (RuntimeException singular) {
      return null;
    }
  }
}
