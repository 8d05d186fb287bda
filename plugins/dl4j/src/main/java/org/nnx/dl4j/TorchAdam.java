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
 * Adam (Kingma and Ba, ICLR 2015) with PyTorch's formula ({@code torch.optim.Adam}, {@code amsgrad =
 * false}), as a DL4J updater. For step {@code t = iteration + 1}, gradient {@code g} (weight decay
 * already added by DL4J's L2 term):
 *
 * <pre>
 * m = beta1 * m + (1 - beta1) * g
 * v = beta2 * v + (1 - beta2) * g^2
 * step = lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * DL4J's own {@code Adam} adds {@code eps} to the uncorrected {@code sqrt(v)} instead; its native
 * kernel also took 2.4 ms for the 269,322 parameters of a 784-256-256-10 MLP on the benchmark
 * machine, where this updater's single pass over the arrays takes a fraction of that (see {@code
 * bench/README.md}).
 */
public final class TorchAdam implements IUpdater {

  private double learningRate;
  private ISchedule learningRateSchedule;
  private final double beta1;
  private final double beta2;
  private final double epsilon;

  /**
   * @param learningRate {@code lr > 0}, used when {@code learningRateSchedule} is {@code null}
   * @param learningRateSchedule the learning rate by iteration and epoch, or {@code null}
   * @param beta1 first-moment decay in {@code [0, 1)}
   * @param beta2 second-moment decay in {@code [0, 1)}
   * @param epsilon added to the bias-corrected root of the second moment, {@code > 0}
   */
  @JsonCreator
  public TorchAdam(@JsonProperty("learningRate") double learningRate,
      @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule, @JsonProperty("beta1") double beta1,
      @JsonProperty("beta2") double beta2, @JsonProperty("epsilon") double epsilon) {
    if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) {
      throw new IllegalArgumentException("adam: beta1 and beta2 must be in [0, 1), got " + beta1 + " and " + beta2);
    }
    this.learningRate = learningRate;
    this.learningRateSchedule = learningRateSchedule;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
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

  /** First-moment decay. */
  @JsonProperty("beta1")
  public double getBeta1() {
    return beta1;
  }

  /** Second-moment decay. */
  @JsonProperty("beta2")
  public double getBeta2() {
    return beta2;
  }

  /** The epsilon of the denominator. */
  @JsonProperty("epsilon")
  public double getEpsilon() {
    return epsilon;
  }

  /** Two values per parameter: the first and second moments. */
  @Override
  public long stateSize(long numParams) {
    return 2 * numParams;
  }

  @Override
  public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
    TorchAdamUpdater u = new TorchAdamUpdater(this);
    u.setStateViewArray(viewArray, new long[] {viewArray.length() / 2}, 'c', initializeViewArray);
    return u;
  }

  @Override
  public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
    TorchAdamUpdater u = new TorchAdamUpdater(this);
    u.setState(updaterState, initializeStateArrays);
    return u;
  }

  @Override
  public TorchAdam clone() {
    return new TorchAdam(learningRate, learningRateSchedule == null ? null : learningRateSchedule.clone(), beta1, beta2,
        epsilon);
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
    return o instanceof TorchAdam a && Double.compare(a.learningRate, learningRate) == 0 && a.beta1 == beta1
        && a.beta2 == beta2 && a.epsilon == epsilon && Objects.equals(a.learningRateSchedule, learningRateSchedule);
  }

  @Override
  public int hashCode() {
    return Objects.hash(learningRate, learningRateSchedule, beta1, beta2, epsilon);
  }

  @Override
  public String toString() {
    return "TorchAdam(lr=" + learningRate + ", schedule=" + learningRateSchedule + ", beta1=" + beta1 + ", beta2="
        + beta2 + ", eps=" + epsilon + ")";
  }
}
