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
 * The DL4J counterparts of the element-wise functions of {@link Activation} (whose values and
 * derivatives the IR defines), with the same constants.
 */
public final class ActivationFunctions {

  private ActivationFunctions() {}

  /** The DL4J activation computing the same function. */
  public static IActivation dl4j(Activation a) {
    return switch (a) {
      case RELU -> new ActivationReLU();
      case RELU6 -> new ActivationReLU6();
      case LEAKY_RELU -> new ActivationLReLU(Activation.LEAKY_SLOPE);
      case ELU -> new ActivationELU(1.0);
      case TANH -> new ActivationTanH();
      case SIGMOID -> new ActivationSigmoid();
      case ABS -> new AbsActivation();
      case IDENTITY -> new ActivationIdentity();
    };
  }
}
