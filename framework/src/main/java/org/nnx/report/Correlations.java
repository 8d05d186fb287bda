package org.nnx.report;

import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Kendall's τ, Spearman's ρ and Pearson's r (Commons Math), and their percentile bootstrap
 * confidence intervals: pure functions of their arguments.
 *
 * <p>Each coefficient is NaN when it is undefined, i.e. when x or y is constant.
 */
public final class Correlations {

  /** The number of bootstrap resamples the report draws. */
  public static final int RESAMPLES = 1000;

  /** The coverage of the report's confidence intervals. */
  public static final double CONFIDENCE = 0.95;

  private Correlations() {}

  /**
   * Kendall's τ_b = (n_c − n_d) / sqrt((n₀ − n₁)(n₀ − n₂)), where n_c and n_d count concordant and
   * discordant pairs, n₀ = n(n − 1)/2, and n₁, n₂ count pairs tied in x and in y (Kendall 1945, "The
   * treatment of ties in ranking problems"); Commons Math's {@link KendallsCorrelation}, O(n log n).
   *
   * @param x finite values
   * @param y finite values, as many as {@code x}, at least 2
   * @return τ_b in [−1, 1]; NaN when x or y is constant
   */
  public static double kendallTau(double[] x, double[] y) {
    check(x, y);
    if (constant(x) || constant(y)) {
      return Double.NaN;
    }
    return new KendallsCorrelation().correlation(x, y);
  }

  /**
   * Spearman's ρ: Pearson's r of the ranks of x and of y, tied values getting the average of the ranks
   * they span (Commons Math's {@link SpearmansCorrelation} with {@link TiesStrategy#AVERAGE}).
   *
   * @param x finite values
   * @param y finite values, as many as {@code x}, at least 2
   * @return ρ in [−1, 1]; NaN when x or y is constant
   */
  public static double spearmanRho(double[] x, double[] y) {
    check(x, y);
    if (constant(x) || constant(y)) {
      return Double.NaN;
    }
    return new SpearmansCorrelation(new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE))
        .correlation(x, y);
  }

  /**
   * Pearson's product-moment r = Σ(xᵢ − x̄)(yᵢ − ȳ) / sqrt(Σ(xᵢ − x̄)² Σ(yᵢ − ȳ)²) (Commons Math's
   * {@link PearsonsCorrelation}).
   *
   * @param x finite values
   * @param y finite values, as many as {@code x}, at least 2
   * @return r in [−1, 1]; NaN when x or y is constant
   */
  public static double pearsonR(double[] x, double[] y) {
    check(x, y);
    if (constant(x) || constant(y)) {
      return Double.NaN;
    }
    return Math.max(-1, Math.min(1, new PearsonsCorrelation().correlation(x, y)));
  }

  /**
   * The three coefficients of (x, y) with percentile bootstrap confidence intervals (Efron and
   * Tibshirani 1993, §13.3): {@code resamples} times, n pairs are drawn with replacement (whole pairs,
   * the same draw for all three coefficients) and each coefficient is recomputed; the interval is the
   * (1 − confidence)/2 and (1 + confidence)/2 quantiles ({@link Statistics#quantile}) of the resampled
   * values. Resamples in which a coefficient is undefined (x or y constant in the draw) are left out
   * of that coefficient's quantiles; when every one is, its interval is NaN. The draws come from a
   * Mersenne Twister seeded with {@code seed}, so the same data and seed give the same intervals.
   *
   * @param x finite values
   * @param y finite values, as many as {@code x}, at least 2
   * @param resamples the number of bootstrap resamples, ≥ 1
   * @param confidence the nominal coverage, in (0, 1), e.g. 0.95
   * @param seed the random seed
   * @return the estimates and intervals
   * @throws IllegalArgumentException on arrays of different lengths, fewer than 2 pairs, a non-finite
   *     value, or an out-of-range {@code resamples} or {@code confidence}
   */
  public static CorrelationSummary bootstrap(double[] x, double[] y, int resamples, double confidence, long seed) {
    check(x, y);
    if (resamples < 1) {
      throw new IllegalArgumentException("resamples must be at least 1, got " + resamples);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
    }
    int n = x.length;
    MersenneTwister random = new MersenneTwister(seed);
    double[][] draws = new double[3][resamples];
    int[] counts = new int[3];
    double[] bx = new double[n];
    double[] by = new double[n];
    for (int b = 0; b < resamples; b++) {
      for (int i = 0; i < n; i++) {
        int k = random.nextInt(n);
        bx[i] = x[k];
        by[i] = y[k];
      }
      double[] values = constant(bx) || constant(by) ? new double[] {Double.NaN, Double.NaN, Double.NaN}
          : new double[] {kendallTau(bx, by), spearmanRho(bx, by), pearsonR(bx, by)};
      for (int c = 0; c < 3; c++) {
        if (!Double.isNaN(values[c])) {
          draws[c][counts[c]++] = values[c];
        }
      }
    }
    double[] points = {kendallTau(x, y), spearmanRho(x, y), pearsonR(x, y)};
    Estimate[] estimates = new Estimate[3];
    double alpha = (1 - confidence) / 2;
    for (int c = 0; c < 3; c++) {
      if (counts[c] == 0) {
        estimates[c] = new Estimate(points[c], Double.NaN, Double.NaN);
      } else {
        double[] valid = java.util.Arrays.copyOf(draws[c], counts[c]);
        estimates[c] = new Estimate(points[c], Statistics.quantile(valid, alpha), Statistics.quantile(valid, 1 - alpha));
      }
    }
    return new CorrelationSummary(estimates[0], estimates[1], estimates[2], n, resamples, confidence);
  }

  /**
   * The bootstrap seed of the correlation of {@code y} with {@code x} in an experiment: a SplitMix64
   * hash of the experiment seed and the two column names, so a report's intervals are reproducible and
   * do not change when other elements are added or reordered.
   *
   * @param experimentSeed the experiment's seed
   * @param y the response column
   * @param x the predictor column
   * @return a 64-bit seed
   */
  public static long bootstrapSeed(long experimentSeed, String y, String x) {
    long z = experimentSeed * 0x9E3779B97F4A7C15L + (y + '\u0000' + x).hashCode() * 0xBF58476D1CE4E5B9L
        + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static boolean constant(double[] values) {
    for (double v : values) {
      if (v != values[0]) {
        return false;
      }
    }
    return true;
  }

  private static void check(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("x has " + x.length + " values, y " + y.length);
    }
    if (x.length < 2) {
      throw new IllegalArgumentException("a correlation needs at least 2 pairs, got " + x.length);
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException("pair " + i + " is not finite: (" + x[i] + ", " + y[i] + ")");
      }
    }
  }
}
