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
 * {@code jacob_cov(batch = 64)}: the Jacobian covariance score of Mellor, Turner, Storkey and
 * Crowley, "Neural Architecture Search without Training" (arXiv:2006.04647v1, 2020), as used in the
 * zero-cost proxy comparisons of Abdelfattah et al., "Zero-Cost Proxies for Lightweight NAS", ICLR
 * 2021.
 *
 * <p><b>Definition.</b> For a batch of {@code N} test inputs chosen from the trial seed, {@code j_i =
 * ∂(Σ_c f_c)/∂x (x_i)}, the gradient of the summed logits with respect to the input (the authors'
 * {@code y.backward(ones)}). With {@code Σ} the {@code N x N} Pearson correlation matrix of the
 * vectors {@code j_i} (numpy's {@code corrcoef}) and {@code λ_i} its eigenvalues, the score is
 * {@code −Σ_i (ln(λ_i + k) + 1/(λ_i + k))}, {@code k = 1e-5}. A constant {@code j_i} (no variance,
 * e.g. a network whose units are all off) has correlation 0 with every other input and 1 with
 * itself, where numpy would give NaN.
 *
 * <p><b>Direction:</b> higher is better (less correlated input Jacobians). <b>Units:</b> none.
 * <b>Cost:</b> {@code N} forward passes and backward sweeps, {@code O(N · C · Σ_l in_l · out_l)},
 * and an {@code N x N} eigendecomposition. Networks: those of {@link LocalNetwork}.
 */
public final class JacobCovMetric implements Metric {

  /** The metric name, {@code "jacob_cov"}. */
  public static final String NAME = "jacob_cov";

  /** The regularizer {@code k} of the score, {@code 1e-5} as in the authors' code. */
  static final double K = 1e-5;

  /** Creates the metric; it has no state. */
  public JacobCovMetric() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Jacobian covariance score of a batch at init (higher is better; Mellor et al. 2020, arXiv:2006.04647v1)";
  }

  /** {@link Requirement#DATA}: inputs from the test split. */
  @Override
  public Set<Requirement> requirements() {
    return Set.of(Requirement.DATA);
  }

  /** {@code batch}: inputs, 2 to 4096, default 64. */
  @Override
  public List<ParameterSpec> parameters() {
    return List.of(ParameterSpec.optional("batch", ParamType.integer(2, 4096), 64L, "inputs in the batch"));
  }

  /**
   * Computes the score (dimensionless).
   *
   * @throws IllegalArgumentException if the network does not fit the layer rule of {@link LocalNetwork} or the data's
   *     examples do not match its input size
   */
  @Override
  public MetricResult compute(TrialContext trial, Parameters options) {
    LocalNetwork net = Trials.network(trial);
    double[][] xs = Trials.samples(trial, options.getInt("batch"), net.inputSize());
    double[][] jacobians = new double[xs.length][];
    for (int s = 0; s < xs.length; s++) {
      jacobians[s] = summedInputGradient(net, xs[s]);
    }
    return MetricResult.of(NAME, score(correlation(jacobians)));
  }

  /** {@code ∂(Σ_c f_c)/∂x} at {@code x}: the column sums of the input Jacobian. */
  static double[] summedInputGradient(LocalNetwork net, double[] x) {
    double[][] jacobian = GaussNewton.inputJacobian(net, net.forward(x));
    double[] out = new double[x.length];
    for (double[] row : jacobian) {
      for (int f = 0; f < out.length; f++) {
        out[f] += row[f];
      }
    }
    return out;
  }

  /** The Pearson correlation matrix of the rows of {@code v} (a constant row: 0 off the diagonal). */
  static double[][] correlation(double[][] v) {
    int n = v.length;
    double[][] centred = new double[n][];
    double[] norm = new double[n];
    for (int i = 0; i < n; i++) {
      double mean = 0;
      for (double x : v[i]) {
        mean += x / v[i].length;
      }
      centred[i] = new double[v[i].length];
      double ss = 0;
      for (int f = 0; f < v[i].length; f++) {
        centred[i][f] = v[i][f] - mean;
        ss += centred[i][f] * centred[i][f];
      }
      norm[i] = Math.sqrt(ss);
    }
    double[][] r = new double[n][n];
    for (int i = 0; i < n; i++) {
      r[i][i] = 1;
      for (int j = i + 1; j < n; j++) {
        double c = 0;
        if (norm[i] > 0 && norm[j] > 0) {
          for (int f = 0; f < centred[i].length; f++) {
            c += centred[i][f] * centred[j][f];
          }
          c /= norm[i] * norm[j];
        }
        r[i][j] = c;
        r[j][i] = c;
      }
    }
    return r;
  }

  /** {@code −Σ (ln(λ + k) + 1/(λ + k))} over the eigenvalues of the correlation matrix {@code r}. */
  static double score(double[][] r) {
    double sum = 0;
    for (double lambda : Spectra.singularValues(r)) {
      sum += Math.log(lambda + K) + 1 / (lambda + K);
    }
    return -sum;
  }
}
