package org.nnx.plugin;

import java.util.Objects;
import java.util.Optional;
import org.nnx.data.BatchTransform;
import org.nnx.data.InputEncoding;

/**
 * How a trial's data reach its network, from the {@link TrainingInput} settings of its {@code
 * train} block: the encoding of every input of its trained model, and the transform of every
 * training minibatch.
 *
 * @param encoding the encoding of the data's examples ({@link InputEncoding#NONE} for none)
 * @param batches the transform of each training minibatch, if any
 */
public record TrialInputs(InputEncoding encoding, Optional<BatchTransform> batches) {

  /** The data as they are. */
  public static final TrialInputs NONE = new TrialInputs(InputEncoding.NONE, Optional.empty());

  public TrialInputs {
    Objects.requireNonNull(encoding);
    Objects.requireNonNull(batches);
  }
}
