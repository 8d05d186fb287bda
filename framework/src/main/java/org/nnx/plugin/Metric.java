package org.nnx.plugin;

import java.util.List;
import java.util.Set;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;

/**
 * A named measurement of a trial, e.g. {@code nn_mass}. Register it with {@link
 * Registrations#metrics}.
 */
public interface Metric {

  /** The name users write after {@code measure}; also the name of the metric's main column. */
  String name();

  /** One line for {@code nnx plugins}. */
  String description();

  /** What the metric needs from the trial. */
  default Set<Requirement> requirements() {
    return Set.of(Requirement.ARCHITECTURE);
  }

  /** Options users may pass, as in {@code ldi(samples = 1000)}. */
  default List<ParameterSpec> parameters() {
    return List.of();
  }

  /** Extra columns the metric writes besides its main one, e.g. {@code nn_density_cells}. */
  default List<String> extraColumns() {
    return List.of();
  }

  /**
   * Computes the metric.
   *
   * @param trial the trial being measured
   * @param options checked options, defaults filled in
   * @return the main value under {@link #name()} and any {@link #extraColumns()}
   */
  MetricResult compute(TrialContext trial, Parameters options);
}
