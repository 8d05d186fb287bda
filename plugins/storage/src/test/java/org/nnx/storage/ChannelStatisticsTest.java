package org.nnx.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnx.param.ParamType;
import org.nnx.param.Parameters;

/**
 * The channels' read statistics against their models, to sampling error: the mean and variance of
 * 200,000 reads of one written level, for the Gaussian channels by formula and for the PCM channel
 * against the same model computed in a plain loop from aihwkit's constants.
 */
class ChannelStatisticsTest {

  private static final int READS = 200_000;

  static Parameters options(String kind, Object... keysAndValues) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put(ParamType.Variant.KIND, kind);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return new Parameters(kind, m);
  }

  private static double[] moments(CellModel cells, double level, long seed) {
    double[] written = new double[READS];
    java.util.Arrays.fill(written, level);
    double[] read = new double[READS];
    cells.writeAndRead(written, read, new SplittableRandom(seed));
    double mean = 0;
    for (double r : read) {
      mean += r;
    }
    mean /= READS;
    double var = 0;
    for (double r : read) {
      var += (r - mean) * (r - mean);
    }
    return new double[] {mean, var / (READS - 1)};
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.3, 1.0})
  void gaussianReadsHaveTheWrittenMeanAndSigmaSquared(double level) {
    double sigma = 0.07;
    double[] m = moments(new GaussianChannel().cells(options("gaussian", "sigma", sigma, "levels", 0L)), level, 5);
    // standard errors: sigma / sqrt(n) for the mean, sigma^2 sqrt(2 / n) for the variance; 5 of each
    assertThat(m[0]).isCloseTo(level, within(5 * sigma / Math.sqrt(READS)));
    assertThat(m[1]).isCloseTo(sigma * sigma, within(5 * sigma * sigma * Math.sqrt(2.0 / READS)));
  }

  @Test
  void levelGaussianNoiseFollowsItsPolynomialAndSnapsToLevels() {
    CellModel cells = new LevelGaussianChannel().cells(options("level_gaussian", "c0", 0.01, "c1", 0.08, "c2", -0.04,
        "levels", 5L));
    double written = 0.6; // snapped to the level 0.5 of five levels 0, 0.25, ..., 1
    double sigma = 0.01 + 0.08 * 0.5 - 0.04 * 0.25;
    double[] m = moments(cells, written, 7);
    assertThat(m[0]).isCloseTo(0.5, within(5 * sigma / Math.sqrt(READS)));
    assertThat(m[1]).isCloseTo(sigma * sigma, within(5 * sigma * sigma * Math.sqrt(2.0 / READS)));
  }

  @Test
  void aZeroNoiseChannelReturnsTheWrittenValues() {
    CellModel cells = new GaussianChannel().cells(options("gaussian", "sigma", 0.0, "levels", 0L));
    double[] written = {0, 0.125, 0.3333, 0.5, 1};
    double[] read = new double[written.length];
    cells.writeAndRead(written, read, new SplittableRandom(1));
    assertThat(read).containsExactly(written);
  }

  /**
   * The PCM channel without compensation, read right after programming (time 0, no drift), and a
   * day later, against the model of aihwkit's PCMLikeNoiseModel simulated here value by value.
   */
  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.5, 1.0})
  void pcmMatchesAihwkitsModel(double time) {
    double x = 0.6;
    double gMax = 25;
    CellModel cells = new PcmChannel().cells(options("pcm", "time", time * 86400, "g_max", gMax, "compensation",
        false));
    double[] m = moments(cells, x, 11);
    SplittableRandom random = new SplittableRandom(13);
    double sum = 0;
    double squares = 0;
    double t = time * 86400 + 20;
    for (int i = 0; i < READS; i++) {
      double g = Math.max(0, x * gMax + (0.26348 + 1.9650 * x - 1.1731 * x * x) * normal(random));
      double d = g;
      if (time > 0) {
        double mu = Math.min(0.1, Math.max(0.049, -0.0155 * Math.log(x) + 0.0244));
        double sd = Math.min(0.045, Math.max(0.008, -0.0125 * Math.log(x) - 0.0059));
        d = g * Math.pow(t / 20, -Math.abs(mu + sd * normal(random)));
      }
      double q = Math.min(0.0088 / Math.max(Math.pow(g / gMax, 0.65), 1e-3), 0.2);
      double out = Math.max(0, d + Math.abs(d) * q * Math.sqrt(Math.log((t + 250e-9) / (2 * 250e-9))) * normal(random));
      sum += out / gMax;
      squares += out / gMax * (out / gMax);
    }
    double mean = sum / READS;
    double var = (squares - READS * mean * mean) / (READS - 1);
    double se = Math.sqrt(var / READS);
    assertThat(m[0]).isCloseTo(mean, within(7 * se));
    assertThat(m[1]).isCloseTo(var, within(7 * var * Math.sqrt(2.0 / READS)));
    if (time == 0) {
      // right after programming, the mean is the target (programming noise is centred, rarely clipped)
      assertThat(m[0]).isCloseTo(x, within(0.002));
    } else {
      assertThat(m[0]).as("drift lowers the conductance").isLessThan(x - 0.05);
    }
  }

  /** An independent standard normal (Marsaglia's polar method, not the channel's Box–Muller). */
  private static double normal(SplittableRandom random) {
    while (true) {
      double u = 2 * random.nextDouble() - 1;
      double v = 2 * random.nextDouble() - 1;
      double s = u * u + v * v;
      if (s > 0 && s < 1) {
        return u * Math.sqrt(-2 * Math.log(s) / s);
      }
    }
  }

  @Test
  void pcmCompensationRestoresTheArraysMeanResponse() {
    CellModel cells = new PcmChannel().cells(options("pcm", "time", 86400.0 * 30, "g_max", 25.0, "compensation", true));
    double[] m = moments(cells, 0.6, 17);
    assertThat(m[0]).isCloseTo(0.6, within(0.003));
  }
}
