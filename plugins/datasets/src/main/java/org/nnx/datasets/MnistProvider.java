package org.nnx.datasets;

/**
 * {@code mnist}: the MNIST handwritten digits (LeCun, Bottou, Bengio, Haffner 1998): 60,000
 * training and 10,000 test images of 1x28x28 pixels scaled to [0, 1], 10 classes (the digits
 * 0..9). Read from the standard IDX files in {@code DIR/mnist/} or {@code DIR} for every
 * search-path folder {@code DIR}; {@code nnx data fetch mnist} installs them in the cache.
 */
public final class MnistProvider extends IdxImageProvider {

  /** The name users write after {@code data}. */
  public static final String NAME = "mnist";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "MNIST handwritten digits: 60,000 train / 10,000 test images, 1x28x28 in [0, 1], 10 classes";
  }

  @Override
  protected String title() {
    return "MNIST";
  }

  @Override
  protected int side() {
    return 28;
  }

  @Override
  protected int classes() {
    return 10;
  }
}
