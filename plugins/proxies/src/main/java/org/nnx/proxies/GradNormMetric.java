package org.nnx.proxies;

import java.util.List;
import java.util.Set;
import org.nnx.perturbation.LocalNetwork;
import org.nnx.perturbation.LossGradients;
import org.nnx.perturbation.Trials;
import org.nnx.plugin.Metric;
import org.nnx.plugin.MetricResult;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.plugin.Requirement;
import org.nnx.plugin.TrialContext;

/**
 * {@code grad_norm(batch = 64)}: the gradient-norm zero-cost proxy of Abdelfattah, Mehrotra, Dudziak,
 * Lane, "Zero-Cost Proxies for Lightweight NAS", ICLR 2021, at initialization.
 *
 * <p><b>Definition.</b> For a labelled batch of {@code N} test examples chosen from the trial seed
 * and the mean cross-entropy loss {@code L} ({@link LossGradients}), the score is {@code Σ_l
 * ‖∂L/∂W_l‖_F}, the sum over dense layers of the Frobenius norms of the weight gradients (biases
 * excluded, as the authors' {@code layer.weight.grad.norm()}; for a convolution, the gradient
 * with respect to its kernel).
 *
 * <p><b>Direction:</b> higher is better (as the authors rank). <b>Units:</b> loss (nats) per unit
 * weight. <b>Cost:</b> {@code N} forward passes and backward sweeps, {@code O(N · C · Σ_l in_l ·
 * out_l)}. Networks: those of {@link LocalNetwork}.
 */
public final class GradNormMetric implements Metric {

  /** The metric name, {@code "grad_norm"}. */
  public static final String NAME = "grad_norm";

  /** Creates the metric; it has no state. */
  public GradNormMetric() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "sum over layers of the Frobenius norm of the cross-entropy weight gradient at init"
        + " (higher is better; Abdelfattah et al., ICLR 2021)";
  }

  /** {@link Requirement#DATA}: labelled examples from the test split. */
  @Override
  public Set<Requirement> requirements() {
    return Set.of(Requirement.DATA);
  }

  /** {@code batch}: examples, 1 to 4096, default 64. */
  @Override
  public List<ParameterSpec> parameters() {
    return List.of(ParameterSpec.optional("batch", ParamType.integer(1, 4096), 64L, "examples in the batch"));
  }

  /**
   * Computes the score, {@code >= 0}.
   *
   * @throws IllegalArgumentException if the network does not fit the layer rule of {@link LocalNetwork} or the data's
   *     examples do not match it
   */
  @Override
  public MetricResult compute(TrialContext trial, Parameters options) {
    LocalNetwork net = Trials.network(trial);
    Trials.Batch batch = Trials.batch(trial, options.getInt("batch"), net.inputSize());
    double[][][] grad = LossGradients.weightGradients(net, batch.x(), batch.y());
    double score = 0;
    for (int l = 0; l < grad.length; l++) {
      double[] g = LossGradients.parameterGradient(net.layers().get(l), grad[l]);
      double ss = 0;
      for (double v : g) {
        ss += v * v;
      }
      score += Math.sqrt(ss);
    }
    return MetricResult.of(NAME, score);
  }
}
