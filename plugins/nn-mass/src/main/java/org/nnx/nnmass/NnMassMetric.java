package org.nnx.nnmass;

import org.nnx.plugin.Metric;
import org.nnx.plugin.MetricResult;
import org.nnx.param.Parameters;
import org.nnx.plugin.TrialContext;

/**
 * The metric {@code nn_mass}: NN-Mass of the trial's network (Bhardwaj, Li, Marculescu, CVPR
 * 2021), the sum over its cells of the per-cell formulas of {@link NnMass}: {@code density_c *
 * width_c * depth_c} for DenseNet-type cells, the authors' per-block formulas for residual blocks,
 * 0 for plain layers. Dimensionless, at least 0; a {@code Double}. Needs only the architecture.
 */
public final class NnMassMetric implements Metric {

  /** The metric's name and main column, {@code "nn_mass"}. */
  public static final String NAME = "nn_mass";

  /** Creates the metric; it has no state and no options. */
  public NnMassMetric() {}

  /** Returns {@code "nn_mass"}. */
  @Override
  public String name() {
    return NAME;
  }

  /** One line for {@code nnx plugins}. */
  @Override
  public String description() {
    return "NN-Mass (Bhardwaj et al., CVPR 2021): sum of density*width*depth over dense cells plus residual-block terms";
  }

  /**
   * Computes NN-Mass from {@code trial.network().cells()}.
   *
   * @param trial the trial; only its network is read
   * @param options ignored (the metric has no options)
   * @return {@code nn_mass} as a {@code Double}
   */
  @Override
  public MetricResult compute(TrialContext trial, Parameters options) {
    return MetricResult.of(NAME, NnMass.of(trial.network()));
  }
}
