package org.nnx.ir;

/** Element-wise nonlinearities. */
public enum Activation {
  RELU, RELU6, LEAKY_RELU, ELU, TANH, SIGMOID, ABS, IDENTITY;

  /** The name users write, e.g. {@code leaky_relu}. */
  public String keyword() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
