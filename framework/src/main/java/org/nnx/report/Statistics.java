package org.nnx.report;

import java.util.Arrays;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Descriptive statistics and least squares for the report: pure functions of their arguments, with
 * no knowledge of results or experiments.
 */
public final class Statistics {

  private Statistics() {}

  /**
   * The arithmetic mean Σxᵢ/n.
   *
   * @param values at least one value
   * @return the mean, in the unit of the values
   * @throws IllegalArgumentException when {@code values} is empty
   */
  public static double mean(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("the mean of no values");
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    double mean = sum / values.length;
    // one correction pass (Σ(xᵢ − mean)/n) keeps the mean accurate when values are large and close
    double correction = 0;
    for (double v : values) {
      correction += v - mean;
    }
    return mean + correction / values.length;
  }

  /**
   * The sample standard deviation sqrt(Σ(xᵢ − mean)² / (n − 1)) (Bessel's correction), the spread
   * the report shows as "± sd" over repeats.
   *
   * @param values at least one value
   * @return the standard deviation, in the unit of the values, ≥ 0; 0 for a single value (there is no
   *     spread to show)
   * @throws IllegalArgumentException when {@code values} is empty
   */
  public static double sampleStandardDeviation(double[] values) {
    double mean = mean(values);
    if (values.length == 1) {
      return 0;
    }
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return Math.sqrt(squares / (values.length - 1));
  }

  /**
   * The p-quantile by linear interpolation between order statistics (Hyndman and Fan's definition 7,
   * R's and NumPy's default): with the values sorted as x₍₁₎ ≤ … ≤ x₍ₙ₎ and h = (n − 1)·p, the value
   * x₍⌊h⌋+1₎ + (h − ⌊h⌋)·(x₍⌊h⌋+2₎ − x₍⌊h⌋+1₎).
   *
   * @param values at least one value, in any order (not modified)
   * @param p the probability, in [0, 1]
   * @return the quantile, in the unit of the values
   * @throws IllegalArgumentException when {@code values} is empty or p is outside [0, 1]
   */
  public static double quantile(double[] values, double p) {
    if (values.length == 0) {
      throw new IllegalArgumentException("the quantile of no values");
    }
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("p must be in [0, 1], got " + p);
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /**
   * The ordinary least-squares line y = a + b·x through the points (xᵢ, yᵢ), computed with Commons
   * Math's {@link SimpleRegression} (with intercept). Standard errors are the textbook ones for
   * independent, equal-variance errors: s·sqrt(1/Sxx) for b and s·sqrt(1/n + x̄²/Sxx) for a, where
   * s² = SSE/(n − 2) and Sxx = Σ(xᵢ − x̄)².
   *
   * @param x the predictor values, finite
   * @param y the response values, finite, as many as {@code x}
   * @return the fit
   * @throws IllegalArgumentException when the arrays differ in length, hold fewer than 2 points, hold a
   *     non-finite value, or when every x is equal (no line is determined)
   */
  public static LinearFit fit(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("x has " + x.length + " values, y " + y.length);
    }
    if (x.length < 2) {
      throw new IllegalArgumentException("a line needs at least 2 points, got " + x.length);
    }
    SimpleRegression regression = new SimpleRegression(true);
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException("point " + i + " is not finite: (" + x[i] + ", " + y[i] + ")");
      }
      regression.addData(x[i], y[i]);
    }
    if (regression.getXSumSquares() == 0) {
      throw new IllegalArgumentException("every x is " + x[0] + ": no line is determined");
    }
    boolean errors = x.length > 2;
    double sst = regression.getTotalSumSquares();
    double rSquared = sst == 0 ? Double.NaN : Math.max(0, Math.min(1, regression.getRSquare()));
    return new LinearFit(regression.getIntercept(), errors ? regression.getInterceptStdErr() : Double.NaN,
        regression.getSlope(), errors ? regression.getSlopeStdErr() : Double.NaN, rSquared, regression.getN());
  }
}
