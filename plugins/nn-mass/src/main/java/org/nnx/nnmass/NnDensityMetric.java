package org.nnx.nnmass;

import java.util.List;
import org.nnx.plugin.Metric;
import org.nnx.plugin.MetricResult;
import org.nnx.param.Parameters;
import org.nnx.plugin.TrialContext;

/**
 * The metric {@code nn_density}: NN-Density of the trial's network (Bhardwaj, Li, Marculescu, CVPR
 * 2021), the unweighted mean over its DenseNet-type ({@link org.nnx.ir.Cell.Dense}) cells of each
 * cell's density, the long-range links taken over those possible ({@link NnMass#density}); in [0,
 * 1], a {@code Double}.
 *
 * <p>The extra column {@code nn_density_cells} lists the density of every dense cell in order. A
 * network without dense cells (ResNets, MobileNets) gets {@code nn_density = 0} and an empty list:
 * it has no DenseNet-type long-range links, and 0 keeps tables free of NaN ({@link
 * NnMass#meanDensity}).
 */
public final class NnDensityMetric implements Metric {

  /** The metric's name and main column, {@code "nn_density"}. */
  public static final String NAME = "nn_density";

  /** The extra column with the per-cell densities. */
  public static final String CELLS = "nn_density_cells";

  /** Creates the metric; it has no state and no options. */
  public NnDensityMetric() {}

  /** Returns {@code "nn_density"}. */
  @Override
  public String name() {
    return NAME;
  }

  /** One line for {@code nnx plugins}. */
  @Override
  public String description() {
    return "NN-Density (Bhardwaj et al., CVPR 2021): mean fraction of possible long-range links taken in dense cells";
  }

  /** {@code nn_density_cells}. */
  @Override
  public List<String> extraColumns() {
    return List.of(CELLS);
  }

  /**
   * Computes the densities from {@code trial.network().cells()}.
   *
   * @param trial the trial; only its network is read
   * @param options ignored (the metric has no options)
   * @return {@code nn_density} as a {@code Double} and {@code nn_density_cells} as a list of them
   */
  @Override
  public MetricResult compute(TrialContext trial, Parameters options) {
    return MetricResult.of(NAME, NnMass.meanDensity(trial.network()))
        .with(CELLS, NnMass.densities(trial.network()));
  }
}
