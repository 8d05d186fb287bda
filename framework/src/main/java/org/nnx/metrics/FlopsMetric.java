package org.nnx.metrics;

import org.nnx.ir.Network;
import org.nnx.plugin.Metric;
import org.nnx.plugin.MetricResult;
import org.nnx.param.Parameters;
import org.nnx.plugin.TrialContext;

/**
 * The metric {@code flops}: floating-point operations of one forward pass of one example through
 * the trial's network, {@link Network#flops()}.
 *
 * <p>Convention (see {@link org.nnx.ir.Op}, the NN-Mass authors' {@code param_num()}): a FLOP is
 * one multiplication or one addition of a dense or convolution layer, so a layer with {@code m}
 * multiply-accumulates and {@code b} bias terms costs {@code 2m + b}; a linear layer from {@code
 * in} to {@code out} features with bias costs {@code 2*in*out + out}. Normalization, activations,
 * pooling, additions, concatenations and gathers cost 0.
 *
 * <p>The value is a {@code Long}. The framework's core plugin registers this class under {@code
 * "flops"}.
 */
public final class FlopsMetric implements Metric {

  /** The metric's name and main column, {@code "flops"}. */
  public static final String NAME = "flops";

  /** Creates the metric; it has no state and no options. */
  public FlopsMetric() {}

  /** Returns {@code "flops"}. */
  @Override
  public String name() {
    return NAME;
  }

  /** One line for {@code nnx plugins}. */
  @Override
  public String description() {
    return "FLOPs of one forward pass of one example (2 per multiply-accumulate, 1 per bias)";
  }

  /**
   * Counts the FLOPs of {@code trial.network()}.
   *
   * @param trial the trial; only its network is read
   * @param options ignored (the metric has no options)
   * @return {@code flops} as a {@code Long}
   */
  @Override
  public MetricResult compute(TrialContext trial, Parameters options) {
    return MetricResult.of(NAME, trial.network().flops());
  }
}
