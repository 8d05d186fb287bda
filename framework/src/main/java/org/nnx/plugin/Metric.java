package org.nnx.plugin;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nnx.data.DataShape;
import org.nnx.ir.Network;
import org.nnx.ir.TensorShape;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.param.Problems;

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
   * The columns the metric writes with these options, in order: by default its name and {@link
   * #extraColumns()}. A metric whose columns depend on its options (one set per patch size, say)
   * overrides this; {@link #compute} returns a value under each.
   */
  default List<String> columns(Parameters options) {
    List<String> all = new java.util.ArrayList<>(List.of(name()));
    all.addAll(extraColumns());
    return all;
  }

  /**
   * Checks the options against the experiment's data set before anything runs (e.g. a patch larger
   * than the images); the framework has already checked each option's type and range.
   *
   * @param options checked options
   * @param data the data set's example shape and classes, when the experiment has data
   * @param problems where errors go, by option name
   */
  default void validate(Parameters options, Optional<DataShape> data, Problems problems) {}

  /**
   * Checks one trial's network before anything runs, for a metric that needs something of it (e.g.
   * channels it can remove). An error naming no option is reported at the architecture declaration,
   * one naming an option at the measurement.
   *
   * @param network the trial's network, built with seed 0 (the seed chooses links, never shapes)
   * @param options checked options
   * @param problems where errors go, by option name or {@code null}
   */
  default void validateNetwork(Network network, Parameters options, Problems problems) {}

  /**
   * The shape of the inputs the metric feeds the trial's network, which must be the network's input
   * shape (checked before a run): by default the trained model's inputs for a metric of the
   * trained model, the data's examples for one that reads data, none otherwise.
   *
   * @param data the data set's example shape
   * @param model what the trial's trained model takes: the data's examples, or their encoding by a
   *     {@link TrainingInput} of the {@code train} block
   * @param options checked options
   */
  default Optional<TensorShape> networkInput(TensorShape data, TensorShape model, Parameters options) {
    if (requirements().contains(Requirement.TRAINED_MODEL)) {
      return Optional.of(model);
    }
    return requirements().contains(Requirement.DATA) ? Optional.of(data) : Optional.empty();
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
