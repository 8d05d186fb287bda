package org.nnx.storage;

import java.util.List;
import java.util.SplittableRandom;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.param.Problems;

/**
 * {@code level_gaussian(c0, c1, c2, levels = 0)}: Gaussian read noise whose standard deviation
 * depends on the written level x in [0, 1] as σ(x) = c0 + c1·x + c2·x² (cell-range units), the
 * shape of measured PCM programming noise; σ must be ≥ 0 on all of [0, 1].
 */
public final class LevelGaussianChannel implements StorageChannel {

  @Override
  public String name() {
    return "level_gaussian";
  }

  @Override
  public String description() {
    return "Gaussian read noise with a level-dependent standard deviation sigma(x) = c0 + c1 x + c2 x^2";
  }

  @Override
  public List<ParameterSpec> parameters() {
    ParamType real = new ParamType.Real(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false);
    List<ParameterSpec> out = new java.util.ArrayList<>(List.of(
        ParameterSpec.required("c0", real, "sigma at x = 0"),
        ParameterSpec.optional("c1", real, 0.0, "linear coefficient of sigma(x)"),
        ParameterSpec.optional("c2", real, 0.0, "quadratic coefficient of sigma(x)")));
    out.addAll(GaussianChannel.LEVELS);
    return out;
  }

  @Override
  public void validate(Parameters options, Problems problems) {
    GaussianChannel.checkLevels(options, problems);
    double c0 = options.getDouble("c0");
    double c1 = options.getDouble("c1");
    double c2 = options.getDouble("c2");
    double low = Math.min(sigma(c0, c1, c2, 0), sigma(c0, c1, c2, 1));
    double vertex = c2 != 0 ? -c1 / (2 * c2) : -1;
    if (vertex > 0 && vertex < 1) {
      low = Math.min(low, sigma(c0, c1, c2, vertex));
    }
    if (low < 0) {
      problems.error("c0", "sigma(x) = c0 + c1 x + c2 x^2 is negative on [0, 1] (its minimum is " + low + ")",
          "choose coefficients with sigma(x) >= 0 for every level x in [0, 1]");
    }
  }

  private static double sigma(double c0, double c1, double c2, double x) {
    return c0 + c1 * x + c2 * x * x;
  }

  @Override
  public CellModel cells(Parameters options) {
    return model(options.getDouble("c0"), options.getDouble("c1"), options.getDouble("c2"),
        (int) options.getLong("levels"));
  }

  /** Cells with read noise σ(x) = c0 + c1·x + c2·x² at the written level x (c1 = c2 = 0: level-independent). */
  static CellModel model(double c0, double c1, double c2, int levels) {
    return new CellModel() {
      @Override
      public int levels() {
        return levels;
      }

      @Override
      public void writeAndRead(double[] written, double[] read, SplittableRandom random) {
        for (int i = 0; i < written.length; i++) {
          double x = CellModel.nearestLevel(written[i], levels);
          read[i] = x + sigma(c0, c1, c2, x) * Gaussians.next(random);
        }
      }
    };
  }
}
