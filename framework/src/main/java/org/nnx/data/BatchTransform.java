package org.nnx.data;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.nnx.ir.TensorShape;

/**
 * A change a trainer makes to every training minibatch before its step, e.g. ablating all but one
 * band of columns. It draws what is random from the stream it is given, which the trainer seeds from
 * the trial repeat's seed ({@code Seeds.derive(seed, Seeds.BATCHES)}), so that trainings are
 * reproducible.
 */
public interface BatchTransform {

  /**
   * Transforms one minibatch in place.
   *
   * @param batch {@code examples} encoded examples of shape {@code example}, row-major, from index 0
   * @param examples the examples of the minibatch
   * @param example the shape of one (encoded) example
   * @param random the training's stream for this transform
   */
  void apply(FloatBuffer batch, int examples, TensorShape example, SplittableRandom random);
}
