package org.nnx.dl4j;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nnx.ir.Activation;

/**
 * The element-wise functions of {@link Activation}, their derivatives, and their DL4J
 * counterparts. Constants are PyTorch's defaults: {@code leaky_relu} has negative slope 0.01,
 * {@code elu} has {@code alpha = 1}.
 *
 * <p>Derivatives at the kinks follow PyTorch's autograd: {@code relu'(0) = 0}, {@code relu6'(0) =
 * relu6'(6) = 0}, {@code leaky_relu'(0) = 0.01}, {@code abs'(0) = 0}; {@code elu'(x) = 1} for
 * {@code x > 0} and {@code exp(x)} for {@code x <= 0}.
 */
public final class ActivationFunctions {

  /** The negative slope of {@code leaky_relu} (PyTorch's and DL4J's default). */
  public static final double LEAKY_SLOPE = 0.01;

  private ActivationFunctions() {}

  /** {@code f(x)} for activation {@code a}. */
  public static double value(Activation a, double x) {
    return switch (a) {
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

  /**
   * The derivative {@code f'(x)} for activation {@code a}, with PyTorch's values at the kinks (see
   * the class comment).
   */
  public static double derivative(Activation a, double x) {
    return switch (a) {
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

  /** The DL4J activation computing the same function. */
  public static IActivation dl4j(Activation a) {
    return switch (a) {
      case RELU -> new ActivationReLU();
      case RELU6 -> new ActivationReLU6();
      case LEAKY_RELU -> new ActivationLReLU(LEAKY_SLOPE);
      case ELU -> new ActivationELU(1.0);
      case TANH -> new ActivationTanH();
      case SIGMOID -> new ActivationSigmoid();
      case ABS -> new AbsActivation();
      case IDENTITY -> new ActivationIdentity();
    };
  }
}
