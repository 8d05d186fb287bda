package org.nnx.shgo;

import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.nnx.optimize.LocalMinimum;
import org.nnx.optimize.OptimizationProblem;
import org.nnx.optimize.OptimizationResult;

/** What the sampling searchers ({@code random}, {@code grid}) share. */
final class SearchSupport {

  private SearchSupport() {}

  /** Rejects an integer variable whose bounds contain no integer. */
  static void checkIntegerBounds(OptimizationProblem problem) {
    for (int i = 0; i < problem.dimension(); i++) {
      if (problem.isInteger(i) && Math.ceil(problem.lower(i)) > Math.floor(problem.upper(i))) {
        throw new IllegalArgumentException(
            "integer variable " + i + " has no integer in [" + problem.lower(i) + ", "
                + problem.upper(i) + "]");
      }
    }
  }

  /**
   * Whether every inequality constraint is {@code >= 0} and every equality constraint within
   * {@code eqTol} of zero at {@code x} ({@code NaN} counts as violated).
   */
  static boolean feasible(OptimizationProblem problem, double[] x, double eqTol) {
    for (ToDoubleFunction<double[]> g : problem.inequalities()) {
      if (!(g.applyAsDouble(x.clone()) >= 0)) {
        return false;
      }
    }
    for (ToDoubleFunction<double[]> h : problem.equalities()) {
      if (!(Math.abs(h.applyAsDouble(x.clone())) <= eqTol)) {
        return false;
      }
    }
    return true;
  }

  /** The objective at {@code x}, {@code NaN} read as {@code +Infinity}. */
  static double value(OptimizationProblem problem, double[] x) {
    double f = problem.objective().applyAsDouble(x.clone());
    return Double.isNaN(f) ? Double.POSITIVE_INFINITY : f;
  }

  /** The result of a sampling search. */
  static OptimizationResult result(
      double[] best, double bestF, long evaluations, int nit, String what, long startNanos) {
    Duration time = Duration.ofNanos(System.nanoTime() - startNanos);
    if (best == null || bestF == Double.POSITIVE_INFINITY) {
      return new OptimizationResult(
          new double[0], Double.NaN, List.of(), false,
          "None of the " + what + " is feasible with a finite objective value.",
          evaluations, 0, nit, time);
    }
    return new OptimizationResult(
        best, bestF, List.of(new LocalMinimum(best, bestF)), true,
        "Evaluated " + what + "; " + evaluations + " were feasible.",
        evaluations, 0, nit, time);
  }
}
