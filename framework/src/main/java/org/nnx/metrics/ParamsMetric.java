package org.nnx.metrics;

import org.nnx.ir.Network;
import org.nnx.plugin.Metric;
import org.nnx.plugin.MetricResult;
import org.nnx.param.Parameters;
import org.nnx.plugin.TrialContext;

/**
 * The metric {@code params}: the number of trainable parameters of the trial's network, {@link
 * Network#parameters()}.
 *
 * <p>Convention (see {@link org.nnx.ir.Op}): every trainable scalar counts once: weights and biases
 * of dense and convolution layers and the scale and shift of batch normalization; running
 * statistics of batch normalization do not count. For the NN-Mass families this equals the NN-Mass
 * authors' counts: {@code sum(in*out + out)} over the linear layers of a DenseNet-type MLP, and the
 * sum over all module parameters of the CNNs (Bhardwaj, Li, Marculescu, CVPR 2021, official code).
 *
 * <p>The value is a {@code Long}. The framework's core plugin registers this class under {@code
 * "params"}.
 */
public final class ParamsMetric implements Metric {

  /** The metric's name and main column, {@code "params"}. */
  public static final String NAME = "params";

  /** Creates the metric; it has no state and no options. */
  public ParamsMetric() {}

  /** Returns {@code "params"}. */
  @Override
  public String name() {
    return NAME;
  }

  /** One line for {@code nnx plugins}. */
  @Override
  public String description() {
    return "trainable parameters of the network (weights, biases, batch-norm scale and shift)";
  }

  /**
   * Counts the parameters of {@code trial.network()}.
   *
   * @param trial the trial; only its network is read
   * @param options ignored (the metric has no options)
   * @return {@code params} as a {@code Long}
   */
  @Override
  public MetricResult compute(TrialContext trial, Parameters options) {
    return MetricResult.of(NAME, trial.network().parameters());
  }
}
