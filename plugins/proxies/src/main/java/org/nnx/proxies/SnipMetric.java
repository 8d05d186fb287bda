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
 * {@code snip(batch = 64)}: the SNIP saliency (Lee, Ajanthan, Torr, "SNIP: Single-shot Network
 * Pruning based on Connection Sensitivity", ICLR 2019) summed over the network, as a zero-cost
 * proxy (Abdelfattah, Mehrotra, Dudziak, Lane, "Zero-Cost Proxies for Lightweight NAS", ICLR 2021).
 *
 * <p><b>Definition.</b> For a labelled batch of {@code N} test examples chosen from the trial seed
 * and the mean cross-entropy loss {@code L} ({@link LossGradients}), the score is {@code Σ_l Σ_ij
 * |W_l,ij · ∂L/∂W_l,ij|} over every layer's weights (biases excluded, as the authors; for a
 * convolution, its kernel).
 *
 * <p><b>Direction:</b> higher is better. <b>Units:</b> nats (a first-order loss change). <b>Cost:</b>
 * {@code N} forward passes and backward sweeps, {@code O(N · C · Σ_l in_l · out_l)}. Networks: those
 * of {@link LocalNetwork}.
 */
public final class SnipMetric implements Metric {

  /** The metric name, {@code "snip"}. */
  public static final String NAME = "snip";

  /** Creates the metric; it has no state. */
  public SnipMetric() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "SNIP saliency sum |W * dL/dW| of the cross-entropy loss at init (higher is better; Lee et al., ICLR 2019)";
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
      double[] w = LossGradients.parameters(net.layers().get(l));
      for (int k = 0; k < g.length; k++) {
        score += Math.abs(w[k] * g[k]);
      }
    }
    return MetricResult.of(NAME, score);
  }
}
