package org.nnx.codesign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nnx.report.Statistics;

/**
 * How well a predictor generalizes, measured over many random splits of the trained samples rather
 * than the one split of trial order: each split holds out {@code holdout} samples drawn at random,
 * fits the predictor on the rest and measures it on the held-out ones; every candidate metric is
 * fitted and measured on the same splits, so that they are compared on equal terms (FLASH fits its
 * accuracy predictor on 25 samples: one held-out set of 10 is too few to tell a predictor from noise).
 */
final class PredictorSplits {

  /**
   * One metric's held-out quality over the splits.
   *
   * @param x the metric the predictor reads
   * @param r2 the held-out R² of each split that could be fitted
   * @param rmse the held-out RMSE of each such split, in the units of y
   * @param tau the held-out Kendall τ_b of each such split (NaN where the predictions are constant)
   */
  record Summary(String x, double[] r2, double[] rmse, double[] tau) {

    /** How many splits could be fitted (the others' x values did not determine the polynomial). */
    int splits() {
      return r2.length;
    }
  }

  private PredictorSplits() {}

  /**
   * Evaluates every metric on the same random splits.
   *
   * @param xs each metric's value per sample, by the metric's column, in sample order; every array
   *     as long as {@code y}
   * @param y the predicted value per sample
   * @param holdout samples held out per split, at least 2 and at most {@code y.length - (degree + 2)}
   * @param splits how many splits, at least 1
   * @param form the predictor's form
   * @param seed the seed of the splits
   * @return one summary per metric, in the order of {@code xs}
   */
  static List<Summary> evaluate(Map<String, double[]> xs, double[] y, int holdout, int splits, Predictor.Form form,
      long seed) {
    int n = y.length;
    Map<String, List<Predictor.Quality>> quality = new LinkedHashMap<>();
    xs.keySet().forEach(k -> quality.put(k, new ArrayList<>()));
    SplittableRandom random = new SplittableRandom(seed);
    for (int s = 0; s < splits; s++) {
      int[] order = shuffled(n, random);
      int fitCount = n - holdout;
      for (Map.Entry<String, double[]> column : xs.entrySet()) {
        double[] x = column.getValue();
        double[] fx = new double[fitCount];
        double[] fy = new double[fitCount];
        double[] hx = new double[holdout];
        double[] hy = new double[holdout];
        for (int i = 0; i < n; i++) {
          if (i < fitCount) {
            fx[i] = x[order[i]];
            fy[i] = y[order[i]];
          } else {
            hx[i - fitCount] = x[order[i]];
            hy[i - fitCount] = y[order[i]];
          }
        }
        try {
          quality.get(column.getKey()).add(Predictor.fit(form, fx, fy).quality(hx, hy));
        } catch (IllegalArgumentException undetermined) {
          // e.g. every fitted sample with the same x: this split tells nothing about that metric
        }
      }
    }
    List<Summary> out = new ArrayList<>();
    quality.forEach((x, qs) -> out.add(new Summary(x, qs.stream().mapToDouble(Predictor.Quality::r2).toArray(),
        qs.stream().mapToDouble(Predictor.Quality::rmse).toArray(),
        qs.stream().mapToDouble(Predictor.Quality::kendallTau).toArray())));
    return out;
  }

  /** A uniformly random permutation of {@code 0..n-1} (Fisher–Yates). */
  static int[] shuffled(int n, SplittableRandom random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** The mean and sample standard deviation of the finite values, as {@code "0.123 ± 0.045"}. */
  static String meanSd(double[] values) {
    double[] finite = java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
    if (finite.length == 0) {
      return "";
    }
    return String.format(java.util.Locale.ROOT, "%.3g ± %.2g", Statistics.mean(finite),
        finite.length > 1 ? Statistics.sampleStandardDeviation(finite) : 0.0);
  }
}
