package org.nnx.dl4j;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Stochastic gradient descent with PyTorch's semantics ({@code torch.optim.SGD}, dampening 0), as
 * a DL4J updater. With gradient {@code g} (weight decay already added by DL4J's L2 term), momentum
 * {@code mu} and learning rate {@code lr}:
 *
 * <pre>
 * mu = 0:             p -= lr * g
 * mu > 0:             b = mu * b + g          (b starts at 0, so the first step has b = g)
 *   nesterov false:   p -= lr * b
 *   nesterov true:    p -= lr * (g + mu * b)
 * </pre>
 *
 * DL4J's own {@code Nesterovs} updater always uses Nesterov momentum, with the momentum buffer
 * scaled by the learning rate; this class gives plain (heavy-ball) momentum too and matches
 * PyTorch when the learning rate changes.
 */
public final class TorchSgd implements IUpdater {

  private double learningRate;
  private ISchedule learningRateSchedule;
  private final double momentum;
  private final boolean nesterov;

  /**
   * @param learningRate {@code lr > 0}, used when {@code learningRateSchedule} is {@code null}
   * @param learningRateSchedule the learning rate by iteration and epoch, or {@code null}
   * @param momentum {@code mu} in {@code [0, 1]}
   * @param nesterov Nesterov momentum; needs {@code momentum > 0}
   * @throws IllegalArgumentException if {@code nesterov} is set without momentum
   */
  @JsonCreator
  public TorchSgd(@JsonProperty("learningRate") double learningRate,
      @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
      @JsonProperty("momentum") double momentum, @JsonProperty("nesterov") boolean nesterov) {
    if (nesterov && momentum <= 0) {
      throw new IllegalArgumentException("sgd: nesterov = true needs momentum > 0");
    }
    this.learningRate = learningRate;
    this.learningRateSchedule = learningRateSchedule;
    this.momentum = momentum;
    this.nesterov = nesterov;
  }

  /** {@code mu}. */
  @JsonProperty("momentum")
  public double getMomentum() {
    return momentum;
  }

  /** Whether the step uses Nesterov momentum. */
  @JsonProperty("nesterov")
  public boolean isNesterov() {
    return nesterov;
  }

  /** The constant learning rate (used without a schedule). */
  @JsonProperty("learningRate")
  public double getLearningRate() {
    return learningRate;
  }

  /** The learning-rate schedule, or {@code null}. */
  @JsonProperty("learningRateSchedule")
  public ISchedule getLearningRateSchedule() {
    return learningRateSchedule;
  }

  /** One momentum buffer value per parameter when {@code momentum > 0}, else none. */
  @Override
  public long stateSize(long numParams) {
    return momentum > 0 ? numParams : 0;
  }

  @Override
  public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
    TorchSgdUpdater u = new TorchSgdUpdater(this);
    if (momentum > 0) {
      u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
    }
    return u;
  }

  @Override
  public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
    TorchSgdUpdater u = new TorchSgdUpdater(this);
    u.setState(updaterState, initializeStateArrays);
    return u;
  }

  @Override
  public TorchSgd clone() {
    return new TorchSgd(learningRate, learningRateSchedule == null ? null : learningRateSchedule.clone(), momentum,
        nesterov);
  }

  /** The learning rate at an iteration and epoch (both from 0), from the schedule when there is one. */
  @Override
  public double getLearningRate(int iteration, int epoch) {
    return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
  }

  @Override
  public boolean hasLearningRate() {
    return true;
  }

  @Override
  public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
    this.learningRate = lr;
    this.learningRateSchedule = lrSchedule;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TorchSgd s && Double.compare(s.learningRate, learningRate) == 0 && s.momentum == momentum
        && s.nesterov == nesterov && Objects.equals(s.learningRateSchedule, learningRateSchedule);
  }

  @Override
  public int hashCode() {
    return Objects.hash(learningRate, learningRateSchedule, momentum, nesterov);
  }

  @Override
  public String toString() {
    return "TorchSgd(lr=" + learningRate + ", schedule=" + learningRateSchedule + ", momentum=" + momentum
        + ", nesterov=" + nesterov + ")";
  }
}
