package org.nnx.model;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A dense array of single-precision values with a shape, stored row-major (C order), as NumPy and
 * PyTorch lay out a contiguous tensor.
 *
 * @param shape the size of each dimension, each at least 1 (a scalar has shape {@code []})
 * @param values the values, {@code product(shape)} of them
 */
public record Tensor(int[] shape, float[] values) implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * Checks that {@code values} fills {@code shape}.
   *
   * @throws IllegalArgumentException if a dimension is below 1 or the value count differs
   */
  public Tensor {
    shape = shape.clone();
    long size = size(shape);
    if (size != values.length) {
      throw new IllegalArgumentException("a tensor of shape " + Arrays.toString(shape) + " holds " + size
          + " values, got " + values.length);
    }
  }

  /**
   * The number of values a shape holds.
   *
   * @throws IllegalArgumentException if a dimension is below 1
   */
  public static long size(int[] shape) {
    long size = 1;
    for (int d : shape) {
      if (d < 1) {
        throw new IllegalArgumentException("tensor dimensions must be at least 1: " + Arrays.toString(shape));
      }
      size *= d;
    }
    return size;
  }

  /** A copy of the shape. */
  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** The shape as PyTorch prints it, e.g. {@code [32, 2, 4, 4]}. */
  public String shapeText() {
    return Arrays.toString(shape);
  }

  /** The number of values. */
  public int size() {
    return values.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(values, t.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Tensor" + shapeText();
  }
}
