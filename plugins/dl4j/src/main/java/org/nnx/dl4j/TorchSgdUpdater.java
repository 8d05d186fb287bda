package org.nnx.dl4j;

import java.util.Collections;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * The state and step of {@link TorchSgd}: turns the gradient, in place, into the step DL4J
 * subtracts from the parameters.
 */
final class TorchSgdUpdater implements GradientUpdater<TorchSgd> {

  /** The key of the momentum buffer in the updater state. */
  static final String MOMENTUM_STATE = "momentum";

  private final TorchSgd config;
  private INDArray buffer;

  TorchSgdUpdater(TorchSgd config) {
    this.config = config;
  }

  @Override
  public TorchSgd getConfig() {
    return config;
  }

  @Override
  public void setState(Map<String, INDArray> stateMap, boolean initialize) {
    if (config.getMomentum() > 0) {
      INDArray b = stateMap == null ? null : stateMap.get(MOMENTUM_STATE);
      if (b == null) {
        throw new IllegalStateException("sgd with momentum needs the state '" + MOMENTUM_STATE + "'");
      }
      buffer = b;
      if (initialize) {
        buffer.assign(0);
      }
    }
  }

  @Override
  public Map<String, INDArray> getState() {
    return buffer == null ? Collections.emptyMap() : Collections.singletonMap(MOMENTUM_STATE, buffer);
  }

  @Override
  public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
    if (initialize) {
      viewArray.assign(0);
    }
    buffer = Shape.newShapeNoCopy(viewArray, gradientShape, gradientOrder == 'f');
    if (buffer == null) {
      throw new IllegalStateException("could not reshape the momentum buffer to the gradient's shape");
    }
  }

  /**
   * Replaces {@code gradient} by {@code lr * g} (no momentum), {@code lr * b} (momentum) or {@code
   * lr * (g + mu * b)} (Nesterov), updating the momentum buffer {@code b = mu * b + g} first.
   */
  @Override
  public void applyUpdater(INDArray gradient, int iteration, int epoch) {
    double lr = config.getLearningRate(iteration, epoch);
    double mu = config.getMomentum();
    if (mu > 0) {
      INDArray g = java.util.Arrays.equals(gradient.shape(), buffer.shape()) ? gradient : gradient.reshape(buffer.shape());
      buffer.muli(mu).addi(g);
      if (config.isNesterov()) {
        g.addi(buffer.mul(mu));
      } else {
        g.assign(buffer);
      }
      g.muli(lr);
      if (g != gradient) {
        gradient.assign(g.reshape(gradient.shape()));
      }
    } else {
      gradient.muli(lr);
    }
  }
}
