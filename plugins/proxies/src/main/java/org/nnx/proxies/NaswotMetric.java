package org.nnx.proxies;

import java.util.List;
import java.util.Set;
import org.nnx.ir.Activation;
import org.nnx.perturbation.LocalNetwork;
import org.nnx.perturbation.Spectra;
import org.nnx.perturbation.Trials;
import org.nnx.plugin.Metric;
import org.nnx.plugin.MetricResult;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.plugin.Requirement;
import org.nnx.plugin.TrialContext;

/**
 * {@code naswot(batch = 64)}: the NASWOT score of Mellor, Turner, Storkey and Crowley, "Neural
 * Architecture Search without Training", ICML 2021, at initialization.
 *
 * <p><b>Definition.</b> For a batch of {@code N} test inputs chosen from the trial seed, each input
 * {@code x_i} gets the binary code {@code c_i} of its activation pattern: 1 for every unit of every
 * activated layer (all layers but a linear classifier) whose pre-activation is positive ({@code z >
 * 0}; {@code z >= 0} for {@code abs}, a measure-zero difference), else 0. With {@code N_A} units,
 * {@code K_ij = N_A − d_H(c_i, c_j) = c_i·c_j + (1 − c_i)·(1 − c_j)} (the authors' hooks on the
 * inputs of the ReLUs), and the score is {@code log det K} (natural log, the authors' {@code
 * slogdet}). {@code K} is positive semi-definite; when it is singular (two inputs with the same
 * pattern) its eigenvalues are floored at {@code 1e-12 · λ_max} so the score stays finite.
 *
 * <p><b>Direction:</b> higher is better (more distinct activation patterns predict higher trained
 * accuracy). <b>Units:</b> nats. <b>Cost:</b> {@code N} forward passes and an eigendecomposition of
 * {@code N x N}: {@code O(N · Σ_l in_l · out_l + N² N_A + N³)}. Networks: those of {@link
 * LocalNetwork} (its layer rule: {@code mlp}, {@code cnn}, {@code dense_mlp}, {@code cells}).
 */
public final class NaswotMetric implements Metric {

  /** The metric name, {@code "naswot"}. */
  public static final String NAME = "naswot";

  /** Creates the metric; it has no state. */
  public NaswotMetric() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "NASWOT: log det of the activation-pattern kernel of a batch at init (higher is better; Mellor et al., ICML 2021)";
  }

  /** {@link Requirement#DATA}: inputs from the test split. */
  @Override
  public Set<Requirement> requirements() {
    return Set.of(Requirement.DATA);
  }

  /** {@code batch}: inputs, 1 to 4096, default 64. */
  @Override
  public List<ParameterSpec> parameters() {
    return List.of(ParameterSpec.optional("batch", ParamType.integer(1, 4096), 64L, "inputs in the batch"));
  }

  /**
   * Computes the score in nats.
   *
   * @throws IllegalArgumentException if the network does not fit the layer rule of {@link LocalNetwork} or the data's
   *     examples do not match its input size
   */
  @Override
  public MetricResult compute(TrialContext trial, Parameters options) {
    LocalNetwork net = Trials.network(trial);
    double[][] xs = Trials.samples(trial, options.getInt("batch"), net.inputSize());
    return MetricResult.of(NAME, logDet(kernel(net, xs)));
  }

  /** {@code K_ij = N_A − d_H(c_i, c_j)} over the activated layers' units. */
  static double[][] kernel(LocalNetwork net, double[][] xs) {
    boolean[][] codes = new boolean[xs.length][];
    for (int s = 0; s < xs.length; s++) {
      LocalNetwork.Pass pass = net.forward(xs[s]);
      int units = 0;
      for (int l = 0; l < net.layers().size(); l++) {
        LocalNetwork.Layer layer = net.layers().get(l);
        units += layer.pre() != Activation.IDENTITY ? layer.in() : 0;
        units += layer.activation() != Activation.IDENTITY ? layer.out() : 0;
      }
      boolean[] code = new boolean[units];
      int u = 0;
      for (int l = 0; l < net.layers().size(); l++) {
        LocalNetwork.Layer layer = net.layers().get(l);
        if (layer.pre() != Activation.IDENTITY) {
          for (double d : pass.preSlopes()[l]) {
            code[u++] = d == 1;
          }
        }
        if (layer.activation() != Activation.IDENTITY) {
          for (double d : pass.slopes()[l]) {
            code[u++] = d == 1;
          }
        }
      }
      codes[s] = code;
    }
    double[][] k = new double[xs.length][xs.length];
    for (int i = 0; i < xs.length; i++) {
      for (int j = i; j < xs.length; j++) {
        int agree = 0;
        for (int u = 0; u < codes[i].length; u++) {
          if (codes[i][u] == codes[j][u]) {
            agree++;
          }
        }
        k[i][j] = agree;
        k[j][i] = agree;
      }
    }
    return k;
  }

  /** {@code Σ log λ_i} of a positive semi-definite {@code k}, each {@code λ_i} floored at {@code 1e-12 · λ_max}. */
  static double logDet(double[][] k) {
    double[] eigenvalues = Spectra.singularValues(k);
    double floor = Spectra.FLOOR * eigenvalues[0];
    double sum = 0;
    for (double v : eigenvalues) {
      sum += Math.log(Math.max(v, floor));
    }
    return sum;
  }
}
