package org.nnx.storage;

import java.util.List;
import java.util.SplittableRandom;
import org.nnx.param.Dimension;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;

/**
 * {@code pcm(time = 1 h, g_max = 25, compensation = true)}: IBM aihwkit's phase-change memory model
 * {@code PCMLikeNoiseModel} (aihwkit {@code src/aihwkit/inference/noise/pcm.py}, MIT licence, fitted
 * by its authors to measurements of about a million PCM devices: Nandakumar et al., ICECS 2019). It
 * is aihwkit's model, not the measured channel of Isik et al., which is not public. Continuous: a
 * cell takes any conductance in [0, g_max].
 *
 * <p>A value x in [0, 1] is the target conductance g_T = x·g_max (µS). Reading once, {@code time}
 * seconds after programming (t₀ = 20 s, t_read = 250 ns, as aihwkit):
 * <ol>
 *   <li>programming noise: g_p = max(0, g_T + σ_p·N), σ_p = (0.26348 + 1.9650·x − 1.1731·x²)·g_max/25 µS;
 *   <li>drift (time &gt; 0): g_d = g_p·((time + t₀)/t₀)^(−ν), ν = |μ_ν + σ_ν·N| with
 *       μ_ν = clip(−0.0155·ln x' + 0.0244, 0.049, 0.1), σ_ν = clip(−0.0125·ln x' − 0.0059, 0.008, 0.045),
 *       x' = max(x, 1e-7);
 *   <li>1/f read noise: g = max(0, g_d + |g_d|·Q·√ln((time + t₀ + t_read)/(2·t_read))·N),
 *       Q = min(0.0088 / max((g_p/g_max)^0.65, 1e-3), 0.2);
 *   <li>global drift compensation (aihwkit's default, {@code GlobalDriftCompensation}): every read of
 *       one array (one tensor's cells) is scaled by Σ g_p / Σ g, the ratio of the array's response
 *       right after programming to its response now.
 * </ol>
 * The read value is g / g_max (may exceed 1 by noise).
 */
public final class PcmChannel implements StorageChannel {

  private static final double T0 = 20.0;
  private static final double T_READ = 250e-9;
  private static final double REFERENCE_G_MAX = 25.0;

  @Override
  public String name() {
    return "pcm";
  }

  @Override
  public String description() {
    return "IBM aihwkit's PCMLikeNoiseModel: programming noise, conductance drift and 1/f read noise of"
        + " phase-change memory, with global drift compensation";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.optional("time", new ParamType.Quantity(Dimension.TIME, 0, Double.POSITIVE_INFINITY, false),
            3600.0, "time between programming and reading, e.g. 1 h, 1 d (aihwkit's t_inference)"),
        ParameterSpec.optional("g_max", new ParamType.Real(0, Double.POSITIVE_INFINITY, true), 25.0,
            "largest programmable conductance, in microsiemens (aihwkit's default 25)"),
        ParameterSpec.optional("compensation", new ParamType.Bool(), true,
            "global drift compensation of each array's reads (aihwkit's default)"));
  }

  @Override
  public CellModel cells(Parameters options) {
    double time = options.getDouble("time");
    double gMax = options.getDouble("g_max");
    boolean compensation = options.getBoolean("compensation");
    return new CellModel() {
      @Override
      public int levels() {
        return 0;
      }

      @Override
      public void writeAndRead(double[] written, double[] read, SplittableRandom random) {
        double programmed = 0;
        double now = 0;
        double t = time + T0;
        double readFactor = Math.sqrt(Math.log((t + T_READ) / (2 * T_READ)));
        for (int i = 0; i < written.length; i++) {
          double x = Math.min(1, Math.max(0, written[i]));
          double target = x * gMax;
          double sigmaProgram = (0.26348 + 1.9650 * x - 1.1731 * x * x) * gMax / REFERENCE_G_MAX;
          double g = Math.max(0, target + sigmaProgram * Gaussians.next(random));
          programmed += g;
          double drifted = g;
          double nu = 0;
          if (time > 0) {
            double rel = Math.max(x, 1e-7);
            double mu = clip(-0.0155 * Math.log(rel) + 0.0244, 0.049, 0.1);
            double sd = clip(-0.0125 * Math.log(rel) - 0.0059, 0.008, 0.045);
            nu = Math.abs(mu + sd * Gaussians.next(random));
            drifted = g * Math.pow(t / T0, -nu);
          }
          double q = Math.min(0.0088 / Math.max(Math.pow(g / gMax, 0.65), 1e-3), 0.2);
          double out = Math.max(0, drifted + Math.abs(drifted) * q * readFactor * Gaussians.next(random));
          now += out;
          read[i] = out;
        }
        double alpha = compensation && now > 0 ? programmed / now : 1;
        for (int i = 0; i < read.length; i++) {
          read[i] = alpha * read[i] / gMax;
        }
      }
    };
  }

  private static double clip(double v, double lo, double hi) {
    return Math.min(hi, Math.max(lo, v));
  }
}
