package org.nnx.datasets;

import java.util.Random;

/**
 * Generates the two-dimensional NN-Mass synthetic data (Bhardwaj, Li, Marculescu, "How does
 * topology influence gradient propagation and model performance of deep networks with
 * DenseNet-type skip connections?", CVPR 2021) when the authors' CSV files are not available. It
 * follows the authors' generator ({@code circle_dataset_generation} and {@code
 * linear_dataset_generation} in {@code dataset.py} of SLDGroup/NN_Mass), with a fixed seed instead
 * of an unseeded one, so it reproduces the distribution of their files, not their values.
 *
 * <p>The interval [0, 100] is cut into {@value #BINS} bins of width {@code w = 100/120}. For each
 * bin {@code i} in order, {@value #TRAIN_PER_BIN} training points are drawn; then, again bin by bin,
 * {@value #TEST_PER_BIN} test points; so row {@code j} of the training set lies in bin {@code
 * j / 100} and row {@code j} of the test set in bin {@code j / 10}. One draw:
 *
 * <ul>
 *   <li>{@code circle}: the radius {@code r} is normal with mean the bin's centre {@code (i + 1/2)
 *       w} and standard deviation {@code w / 2}, redrawn until it falls strictly inside the bin
 *       {@code (i w, (i + 1) w)} (a normal truncated at one standard deviation: its position in the
 *       bin has standard deviation {@code 0.2698 w}, against {@code 0.2887 w} for a uniform
 *       radius; the authors' files show {@code 0.268 w}); the angle {@code a} is uniform in {@code
 *       [0, 2 pi)}; the point is {@code (r cos a, r sin a)}.
 *   <li>{@code linear}: {@code x} is uniform in {@code [i w, (i + 1) w)}; the point is {@code (x,
 *       x)}.
 * </ul>
 *
 * <p>Two details of the authors' code are left out as they have no effect on the distribution:
 * they reject exact duplicates of earlier points (an event of probability about 1e-12 for doubles),
 * and their angle bound is {@code 2 * 3.14159265357}, 4e-11 below {@code 2 pi}.
 *
 * <p>Random numbers come from {@link java.util.Random}, whose algorithms ({@code nextDouble},
 * {@code nextGaussian}) the Java specification fixes, so a seed gives the same points on every
 * JVM. Draw order: circle, per draw one Gaussian and, when accepted, one uniform angle; linear, one
 * uniform per point; sines and cosines come from {@link StrictMath}.
 */
public final class SyntheticGenerator {

  /** The seed used when the authors' files are missing. */
  public static final long SEED = 2021L;

  /** The number of bins over [0, {@value #RANGE}]. */
  public static final int BINS = 120;

  /** The upper end of the radius (circle) or coordinate (linear) range; the lower end is 0. */
  public static final double RANGE = 100.0;

  /** Training points per bin. */
  public static final int TRAIN_PER_BIN = 100;

  /** Test points per bin. */
  public static final int TEST_PER_BIN = 10;

  private SyntheticGenerator() {}

  /**
   * Generated points; each array holds {@code (x, y)} pairs, interleaved: point {@code j} is {@code
   * (points[2j], points[2j + 1])}.
   *
   * @param train {@code BINS * TRAIN_PER_BIN} = 12,000 training points, bin by bin
   * @param test {@code BINS * TEST_PER_BIN} = 1,200 test points, bin by bin
   */
  public record Points(double[] train, double[] test) {}

  /**
   * Generates one data set.
   *
   * @param shape {@code "circle"} or {@code "linear"}
   * @param seed the seed of the random stream (training points are drawn before test points)
   * @throws IllegalArgumentException for another shape
   */
  public static Points generate(String shape, long seed) {
    boolean circle = switch (shape) {
      case "circle" -> true;
      case "linear" -> false;
      default -> throw new IllegalArgumentException("unknown synthetic shape '" + shape + "'");
    };
    Random random = new Random(seed);
    double[] train = draw(random, circle, TRAIN_PER_BIN);
    double[] test = draw(random, circle, TEST_PER_BIN);
    return new Points(train, test);
  }

  private static double[] draw(Random random, boolean circle, int perBin) {
    double w = RANGE / BINS;
    double[] out = new double[2 * BINS * perBin];
    int k = 0;
    for (int bin = 0; bin < BINS; bin++) {
      double lo = bin * w;
      double hi = (bin + 1) * w;
      for (int j = 0; j < perBin; j++) {
        if (circle) {
          double mean = (lo + hi) / 2;
          double r;
          do {
            r = mean + (w / 2) * random.nextGaussian();
          } while (!(r > lo && r < hi));
          double a = 2 * Math.PI * random.nextDouble();
          out[k++] = r * StrictMath.cos(a);
          out[k++] = r * StrictMath.sin(a);
        } else {
          double x = lo + (hi - lo) * random.nextDouble();
          if (x >= hi) {
            x = Math.nextDown(hi);
          }
          out[k++] = x;
          out[k++] = x;
        }
      }
    }
    return out;
  }
}
