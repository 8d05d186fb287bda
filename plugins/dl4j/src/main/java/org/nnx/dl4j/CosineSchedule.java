package org.nnx.dl4j;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Cosine annealing of the learning rate to 0 over a fixed number of iterations (Loshchilov and
 * Hutter, "SGDR", ICLR 2017, without restarts): {@code lr(t) = lr0 * (1 + cos(pi * t / T)) / 2} for
 * iteration {@code t} (from 0), and 0 from {@code t = T} on. This is PyTorch's {@code
 * CosineAnnealingLR(T_max = T, eta_min = 0)} stepped after every minibatch.
 */
public final class CosineSchedule implements ISchedule {

  private final double initialValue;
  private final long iterations;

  /**
   * @param initialValue the learning rate at iteration 0, {@code lr0 > 0}
   * @param iterations {@code T}, the iterations over which it decays to 0, at least 1
   */
  @JsonCreator
  public CosineSchedule(@JsonProperty("initialValue") double initialValue, @JsonProperty("iterations") long iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("cosine schedule needs at least one iteration, got " + iterations);
    }
    this.initialValue = initialValue;
    this.iterations = iterations;
  }

  /** {@code lr0}. */
  @JsonProperty("initialValue")
  public double getInitialValue() {
    return initialValue;
  }

  /** {@code T}. */
  @JsonProperty("iterations")
  public long getIterations() {
    return iterations;
  }

  /** {@code lr0 * (1 + cos(pi * min(iteration, T) / T)) / 2}; the epoch is not used. */
  @Override
  public double valueAt(int iteration, int epoch) {
    double t = Math.min(iteration, iterations);
    return initialValue * 0.5 * (1 + Math.cos(Math.PI * t / iterations));
  }

  @Override
  public CosineSchedule clone() {
    return new CosineSchedule(initialValue, iterations);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CosineSchedule c && c.initialValue == initialValue && c.iterations == iterations;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(initialValue) * 31 + Long.hashCode(iterations);
  }

  @Override
  public String toString() {
    return "CosineSchedule(" + initialValue + ", " + iterations + ")";
  }
}
