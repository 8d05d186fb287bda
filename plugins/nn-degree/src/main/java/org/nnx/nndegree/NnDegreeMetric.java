package org.nnx.nndegree;

import java.util.List;
import org.nnx.plugin.Metric;
import org.nnx.plugin.MetricResult;
import org.nnx.param.Parameters;
import org.nnx.plugin.TrialContext;

/**
 * The metric {@code nn_degree}: NN-Degree of the trial's network (FLASH; Li, Mandal, Ogras,
 * Marculescu, ACM TECS 2021), {@code sum_c (w_c + sum_i t_ci / d_c)} over its DenseNet-type cells
 * as {@link NnDegree} defines it; links per unit, a {@code Double}, 0 for networks without dense
 * cells. The extra column {@code nn_degree_cells} lists each dense cell's {@code g_c} in order.
 * Needs only the architecture.
 */
public final class NnDegreeMetric implements Metric {

  /** The metric's name and main column, {@code "nn_degree"}. */
  public static final String NAME = "nn_degree";

  /** The extra column with each dense cell's average degree. */
  public static final String CELLS = "nn_degree_cells";

  /** Creates the metric; it has no state and no options. */
  public NnDegreeMetric() {}

  /** Returns {@code "nn_degree"}. */
  @Override
  public String name() {
    return NAME;
  }

  /** One line for {@code nnx plugins}. */
  @Override
  public String description() {
    return "NN-Degree (FLASH, Li et al., ACM TECS 2021): sum over dense cells of the average incoming links per unit,"
        + " width + long-range links / depth";
  }

  /** {@code nn_degree_cells}. */
  @Override
  public List<String> extraColumns() {
    return List.of(CELLS);
  }

  /**
   * Computes NN-Degree from {@code trial.network().cells()}.
   *
   * @param trial the trial; only its network is read
   * @param options ignored (the metric has no options)
   * @return {@code nn_degree} as a {@code Double} (links per unit) and {@code nn_degree_cells} as a
   *     list of them
   */
  @Override
  public MetricResult compute(TrialContext trial, Parameters options) {
    return MetricResult.of(NAME, NnDegree.of(trial.network())).with(CELLS, NnDegree.cells(trial.network()));
  }
}
