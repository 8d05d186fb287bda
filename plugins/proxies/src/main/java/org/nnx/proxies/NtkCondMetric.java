package org.nnx.proxies;

import java.util.List;
import java.util.Set;
import org.nnx.perturbation.GaussNewton;
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
 * {@code ntk_cond(batch = 32)}: the condition number of the empirical neural tangent kernel at
 * initialization, as in TE-NAS (Chen, Gong, Wang, "Neural Architecture Search on ImageNet in Four
 * GPU Hours: A Theoretically Inspired Perspective", ICLR 2021).
 *
 * <p><b>Definition.</b> For a batch of {@code N} test inputs chosen from the trial seed, {@code g_i}
 * is the gradient of the summed logits {@code Σ_c f_c(x_i)} with respect to every weight and bias
 * (the TE-NAS code's {@code logit.backward(ones)}), {@code Θ_ij = g_i · g_j} ({@code N x N}), and the
 * value is {@code κ = λ_max(Θ)/λ_min(Θ)}. It is computed without forming {@code g_i}: per layer
 * {@code l} with input {@code a_i} and {@code u_i = 1ᵀ ∂f/∂z_l}, {@code Θ_ij = Σ_l (u_i·u_j)(a_i·a_j +
 * 1)} for a dense layer, and for a convolution the inner products of the explicit gradients with
 * respect to its kernel and per-channel biases. {@code λ_min} is floored at {@code 1e-12 · λ_max} ({@link Spectra#FLOOR}), so {@code κ} is in
 * {@code [1, 1e12]} and never infinite.
 *
 * <p><b>Direction:</b> lower is better (TE-NAS: a well-conditioned NTK trains faster). <b>Units:</b>
 * a ratio, not a logarithm. <b>Cost:</b> {@code N} forward passes and backward sweeps, {@code O(N · C
 * · Σ_l in_l · out_l)}, the kernel {@code O(N² Σ_l (in_l + out_l))} and an {@code N x N} SVD.
 * Networks: those of {@link LocalNetwork}.
 */
public final class NtkCondMetric implements Metric {

  /** The metric name, {@code "ntk_cond"}. */
  public static final String NAME = "ntk_cond";

  /** Creates the metric; it has no state. */
  public NtkCondMetric() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "condition number of the empirical NTK of a batch at init (lower is better; Chen et al., TE-NAS, ICLR 2021)";
  }

  /** {@link Requirement#DATA}: inputs from the test split. */
  @Override
  public Set<Requirement> requirements() {
    return Set.of(Requirement.DATA);
  }

  /** {@code batch}: inputs, 2 to 4096, default 32. */
  @Override
  public List<ParameterSpec> parameters() {
    return List.of(ParameterSpec.optional("batch", ParamType.integer(2, 4096), 32L, "inputs in the batch"));
  }

  /**
   * Computes {@code κ} in {@code [1, 1e12]}.
   *
   * @throws IllegalArgumentException if the network does not fit the layer rule of {@link LocalNetwork} or the data's
   *     examples do not match its input size
   */
  @Override
  public MetricResult compute(TrialContext trial, Parameters options) {
    LocalNetwork net = Trials.network(trial);
    double[][] xs = Trials.samples(trial, options.getInt("batch"), net.inputSize());
    return MetricResult.of(NAME, Math.pow(10, Spectra.log10Condition(Spectra.singularValues(kernel(net, xs)))));
  }

  /** The empirical NTK {@code Θ} of the summed logits over every weight and bias, {@code N x N}. */
  static double[][] kernel(LocalNetwork net, double[][] xs) {
    int n = xs.length;
    int layers = net.layers().size();
    double[][][] a = new double[layers][n][];
    double[][][] u = new double[layers][n][];
    for (int s = 0; s < n; s++) {
      LocalNetwork.Pass pass = net.forward(xs[s]);
      double[][][] g = GaussNewton.preactivationJacobians(net, pass);
      for (int l = 0; l < layers; l++) {
        a[l][s] = pass.inputs()[l];
        double[] sum = new double[g[l][0].length];
        for (double[] row : g[l]) {
          for (int i = 0; i < sum.length; i++) {
            sum[i] += row[i];
          }
        }
        u[l][s] = sum;
      }
    }
    // tied layers (convolutions): explicit per-example gradients over the tied weights and biases
    double[][][] tied = new double[layers][][];
    for (int l = 0; l < layers; l++) {
      LocalNetwork.Tying tying = net.layers().get(l).tying();
      if (tying != null) {
        tied[l] = new double[n][];
        for (int s = 0; s < n; s++) {
          double[][] outer = new double[u[l][s].length][];
          for (int r = 0; r < outer.length; r++) {
            outer[r] = new double[a[l][s].length];
            for (int j = 0; j < outer[r].length; j++) {
              outer[r][j] = u[l][s][r] * a[l][s][j];
            }
          }
          double[] gw = tying.foldWeights(outer);
          double[] gb = new double[tying.beta().length];
          for (int r = 0; r < u[l][s].length && gb.length > 0; r++) {
            gb[tying.biasParam()[r]] += u[l][s][r];
          }
          double[] all = java.util.Arrays.copyOf(gw, gw.length + gb.length);
          System.arraycopy(gb, 0, all, gw.length, gb.length);
          tied[l][s] = all;
        }
      }
    }
    double[][] theta = new double[n][n];
    for (int s = 0; s < n; s++) {
      for (int t = s; t < n; t++) {
        double v = 0;
        for (int l = 0; l < layers; l++) {
          v += tied[l] != null ? dot(tied[l][s], tied[l][t])
              : dot(u[l][s], u[l][t]) * (dot(a[l][s], a[l][t]) + 1);
        }
        theta[s][t] = v;
        theta[t][s] = v;
      }
    }
    return theta;
  }

  private static double dot(double[] x, double[] y) {
    double v = 0;
    for (int i = 0; i < x.length; i++) {
      v += x[i] * y[i];
    }
    return v;
  }
}
