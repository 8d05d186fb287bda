package org.nnx.plugin;

import java.util.Optional;
import org.nnx.data.BatchTransform;
import org.nnx.data.DataShape;
import org.nnx.data.InputEncoding;
import org.nnx.param.ParamType;
import org.nnx.param.Problems;

/**
 * A setting of the {@code train} block that a plugin contributes beside the trainer's own, e.g.
 * {@code ablation = column(size = 4)}: how the data reach the network. Its value's {@link
 * #encoding} applies to every input of the trial's trained model (training, evaluation); its {@link
 * #batches} transform to every training minibatch. The framework checks the value, sweeps it like
 * any training setting and keys trainings by it. Register it with {@link Registrations#trainingInputs}.
 */
public interface TrainingInput {

  /** The setting's name in the {@code train} block; also its name in {@code nnx plugins}. */
  String name();

  /** One line for {@code nnx plugins}. */
  String description();

  /** The type of the setting's value. */
  ParamType type();

  /**
   * Checks a value against the experiment's data set (e.g. a band wider than the images).
   *
   * @param value the checked value
   * @param data the data set's example shape, when the experiment has data
   * @param problems where errors go (at the setting)
   */
  default void validate(Object value, Optional<DataShape> data, Problems problems) {}

  /** The encoding of every input of the trained model. */
  InputEncoding encoding(Object value);

  /** The transform of every training minibatch (after the encoding), if any. */
  Optional<BatchTransform> batches(Object value);
}
