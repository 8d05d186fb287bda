package org.nnx.optimize;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link Optimizer#minimize}.
 *
 * @param x the best feasible point found (the global minimum estimate); an empty array when no
 *     feasible point was found
 * @param f the objective value at {@code x}; {@code NaN} when no feasible point was found
 * @param localMinima the distinct local minima found, sorted by increasing {@code f}; the first is
 *     {@code (x, f)} whenever {@code success} holds. Optimizers without a local phase report their
 *     best point only
 * @param success whether the optimizer reached a feasible point and stopped normally
 * @param message why the optimizer stopped, or what went wrong, in one sentence
 * @param nfev the number of objective evaluations, all phases included
 * @param nlfev the number of those evaluations spent in local minimizations (finite-difference
 *     gradients included); {@code 0} for optimizers without a local phase
 * @param nit the number of global iterations performed
 * @param time the wall-clock time of the run
 */
public record OptimizationResult(
    double[] x,
    double f,
    List<LocalMinimum> localMinima,
    boolean success,
    String message,
    long nfev,
    long nlfev,
    int nit,
    Duration time) {

  /** Copies {@code x} and {@code localMinima}; checks the counts. */
  public OptimizationResult {
    x = x.clone();
    localMinima = List.copyOf(localMinima);
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(time, "time");
    if (nfev < 0 || nlfev < 0 || nlfev > nfev || nit < 0) {
      throw new IllegalArgumentException(
          "inconsistent counts: nfev=" + nfev + ", nlfev=" + nlfev + ", nit=" + nit);
    }
  }

  /** A copy of the best point. */
  @Override
  public double[] x() {
    return x.clone();
  }

  /** Whether a feasible point was found, i.e. {@code x} is not empty. */
  public boolean hasSolution() {
    return x.length > 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OptimizationResult r
        && Arrays.equals(x, r.x)
        && Double.compare(f, r.f) == 0
        && localMinima.equals(r.localMinima)
        && success == r.success
        && message.equals(r.message)
        && nfev == r.nfev
        && nlfev == r.nlfev
        && nit == r.nit
        && time.equals(r.time);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        Arrays.hashCode(x), f, localMinima, success, message, nfev, nlfev, nit, time);
  }

  @Override
  public String toString() {
    return "OptimizationResult[x="
        + Arrays.toString(x)
        + ", f="
        + f
        + ", localMinima="
        + localMinima.size()
        + ", success="
        + success
        + ", message="
        + message
        + ", nfev="
        + nfev
        + ", nlfev="
        + nlfev
        + ", nit="
        + nit
        + ", time="
        + time
        + "]";
  }
}
