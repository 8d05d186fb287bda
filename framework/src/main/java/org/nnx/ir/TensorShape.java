package org.nnx.ir;

/**
 * The shape of one example's activations: {@code channels x height x width}. A feature vector of
 * length n is {@code n x 1 x 1}.
 */
public record TensorShape(int channels, int height, int width) {

  public TensorShape {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException("shape must be positive: " + channels + "x" + height + "x" + width);
    }
  }

  /** A feature vector of {@code n} values. */
  public static TensorShape vector(int n) {
    return new TensorShape(n, 1, 1);
  }

  /** Number of values, {@code channels * height * width}. */
  public long size() {
    return (long) channels * height * width;
  }

  /** Whether height and width are both 1. */
  public boolean isVector() {
    return height == 1 && width == 1;
  }

  @Override
  public String toString() {
    return isVector() ? Integer.toString(channels) : channels + "x" + height + "x" + width;
  }
}
