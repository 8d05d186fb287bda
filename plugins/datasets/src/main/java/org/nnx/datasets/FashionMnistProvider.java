package org.nnx.datasets;

/**
 * {@code fashion_mnist}: Fashion-MNIST (Xiao, Rasul, Vollgraf 2017, arXiv:1708.07747), Zalando
 * article images in MNIST's format: 60,000 training and 10,000 test images of 1x28x28 pixels
 * scaled to [0, 1], 10 classes (0 T-shirt/top, 1 trouser, 2 pullover, 3 dress, 4 coat, 5 sandal, 6
 * shirt, 7 sneaker, 8 bag, 9 ankle boot). Read from the standard IDX files in {@code
 * DIR/fashion_mnist/} or {@code DIR} for every search-path folder {@code DIR}; {@code nnx data fetch
 * fashion_mnist} installs them in the cache.
 */
public final class FashionMnistProvider extends IdxImageProvider {

  /** The name users write after {@code data}. */
  public static final String NAME = "fashion_mnist";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Fashion-MNIST article images: 60,000 train / 10,000 test, 1x28x28 in [0, 1], 10 classes";
  }

  @Override
  protected String title() {
    return "Fashion-MNIST";
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
