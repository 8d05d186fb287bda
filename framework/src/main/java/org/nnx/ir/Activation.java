package org.nnx.ir;

import java.util.Locale;

/**
 * Element-wise nonlinearities, with PyTorch's constants: {@code leaky_relu} has negative slope
 * {@value #LEAKY_SLOPE}, {@code elu} has {@code alpha = 1}. Derivatives at the kinks follow PyTorch's
 * autograd: {@code relu'(0) = 0}, {@code relu6'(0) = relu6'(6) = 0}, {@code leaky_relu'(0) = 0.01},
 * {@code abs'(0) = 0}; {@code elu'(x) = 1} for {@code x > 0} and {@code exp(x)} for {@code x <= 0}.
 */
public enum Activation {
  RELU, RELU6, LEAKY_RELU, ELU, TANH, SIGMOID, ABS, IDENTITY;

  /** The negative slope of {@code leaky_relu} (PyTorch's and DL4J's default). */
  public static final double LEAKY_SLOPE = 0.01;

  /** The name users write, e.g. {@code leaky_relu}. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code f(x)}. */
  public double apply(double x) {
    return switch (this) {
      case RELU -> x > 0 ? x : 0;
      case RELU6 -> Math.min(Math.max(x, 0), 6);
      case LEAKY_RELU -> x > 0 ? x : LEAKY_SLOPE * x;
      case ELU -> x > 0 ? x : Math.expm1(x);
      case TANH -> Math.tanh(x);
      case SIGMOID -> 1 / (1 + Math.exp(-x));
      case ABS -> Math.abs(x);
      case IDENTITY -> x;
    };
  }

  /** The derivative {@code f'(x)}, with PyTorch's values at the kinks (see the class comment). */
  public double derivative(double x) {
    return switch (this) {
      case RELU -> x > 0 ? 1 : 0;
      case RELU6 -> x > 0 && x < 6 ? 1 : 0;
      case LEAKY_RELU -> x > 0 ? 1 : LEAKY_SLOPE;
      case ELU -> x > 0 ? 1 : Math.exp(x);
      case TANH -> {
        double t = Math.tanh(x);
        yield 1 - t * t;
      }
      case SIGMOID -> {
        double s = 1 / (1 + Math.exp(-x));
        yield s * (1 - s);
      }
      case ABS -> Math.signum(x);
      case IDENTITY -> 1;
    };
  }
}
