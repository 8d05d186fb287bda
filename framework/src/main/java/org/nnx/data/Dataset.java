package org.nnx.data;

import org.nnx.ir.TensorShape;

/**
 * A labelled classification data set held in memory.
 *
 * @param name the name it was requested by, with options, e.g. {@code synthetic(shape = circle, segments = 10)}
 * @param inputShape the shape of one example (MNIST: {@code 1x28x28}; synthetic: {@code 2})
 * @param classes the number of classes; labels are {@code 0..classes-1}
 * @param train the training split
 * @param test the test split
 */
public record Dataset(String name, TensorShape inputShape, int classes, Split train, Split test) {

  /**
   * One split: {@code features} holds {@code size()} examples of {@code inputShape.size()} values
   * each, row-major, channel-major within an example (pixels scaled to [0, 1]).
   */
  public record Split(float[] features, int[] labels) {

    /** The number of examples. */
    public int size() {
      return labels.length;
    }
  }
}
