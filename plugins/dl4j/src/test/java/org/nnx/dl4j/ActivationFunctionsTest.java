package org.nnx.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nnx.ir.Activation;

class ActivationFunctionsTest {

  private static final double[] POINTS = {-7.3, -2.1, -0.6, -0.013, 0.02, 0.4, 1.7, 5.2, 6.5, 9.0};

  @Test
  void derivativesMatchFiniteDifferencesAwayFromKinks() {
    for (Activation a : Activation.values()) {
      for (double x : POINTS) {
        double h = 1e-6;
        double fd = (a.apply(x + h) - a.apply(x - h)) / (2 * h);
        assertThat(a.derivative(x)).as(a + "'(" + x + ")").isCloseTo(fd, within(1e-6));
      }
    }
  }

  @Test
  void kinksTakePyTorchsValues() {
    assertThat(Activation.RELU.derivative(0)).isZero();
    assertThat(Activation.RELU6.derivative(0)).isZero();
    assertThat(Activation.RELU6.derivative(6)).isZero();
    assertThat(Activation.LEAKY_RELU.derivative(0)).isEqualTo(0.01);
    assertThat(Activation.ABS.derivative(0)).isZero();
    assertThat(Activation.ELU.derivative(0)).isEqualTo(1.0); // exp(0), continuous
    // ELU: 1 for positive inputs, exp(x) for negative ones (the authors' code has them the other way round)
    assertThat(Activation.ELU.derivative(2)).isEqualTo(1.0);
    assertThat(Activation.ELU.derivative(-2)).isCloseTo(Math.exp(-2), within(1e-15));
  }

  @Test
  void dl4jActivationsComputeTheSameValuesAndGradients() {
    for (Activation a : Activation.values()) {
      IActivation f = ActivationFunctions.dl4j(a);
      INDArray x = Nd4j.createFromArray(POINTS).castTo(DataType.DOUBLE);
      INDArray y = f.getActivation(x.dup(), true);
      INDArray eps = Nd4j.createFromArray(new double[POINTS.length]).addi(0.5);
      INDArray grad = f.backprop(x.dup(), eps).getFirst();
      for (int i = 0; i < POINTS.length; i++) {
        assertThat(y.getDouble(i)).as(a + "(" + POINTS[i] + ")")
            .isCloseTo(a.apply(POINTS[i]), within(1e-9));
        assertThat(grad.getDouble(i)).as(a + "'(" + POINTS[i] + ")")
            .isCloseTo(0.5 * a.derivative(POINTS[i]), within(1e-9));
      }
    }
  }
}
