package org.nnx.shgo;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.nnx.optimize.OptimizationProblem;
import org.nnx.optimize.OptimizationResult;
import org.nnx.optimize.Optimizer;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;

/**
 * Exhaustive grid search: every point of the full factorial grid with {@code points} equally
 * spaced values per variable, bounds included (a variable with equal bounds has one value), is
 * evaluated in lexicographic order and the best feasible one kept. The values of an integer
 * variable are rounded to integers inside its bounds, duplicates removed. Feasibility is as in
 * {@link RandomSearchOptimizer}.
 */
public final class GridSearchOptimizer implements Optimizer {

  /** The largest grid evaluated; a larger one is rejected rather than run for days. */
  static final long MAX_POINTS = 10_000_000L;

  private static final List<ParameterSpec> PARAMETERS =
      List.of(
          ParameterSpec.optional(
              "points", ParamType.integer(2, Integer.MAX_VALUE), 11L, "values per variable, bounds included"),
          ParameterSpec.optional(
              "eq_tol",
              ParamType.realAbove(0),
              1e-6,
              "largest |h(x)| at which an equality constraint counts as satisfied"));

  @Override
  public String name() {
    return "grid";
  }

  @Override
  public String description() {
    return "Full factorial grid search over the box; integer variables supported";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return PARAMETERS;
  }

  /**
   * Evaluates the whole grid and returns its best feasible point.
   *
   * @param problem the problem; integer variables need at least one integer inside their bounds
   * @param options checked options (see {@link #parameters()})
   * @return the best feasible grid point as the only local minimum, {@code nit} = the grid size;
   *     {@code success == false} when no grid point is feasible
   * @throws IllegalArgumentException if the grid has more than {@value #MAX_POINTS} points
   */
  @Override
  public OptimizationResult minimize(OptimizationProblem problem, Parameters options) {
    long start = System.nanoTime();
    int points = options.getInt("points");
    double eqTol = options.getDouble("eq_tol");
    SearchSupport.checkIntegerBounds(problem);
    int dim = problem.dimension();
    List<double[]> axes = new ArrayList<>();
    long total = 1;
    for (int i = 0; i < dim; i++) {
      double[] axis = axis(problem, i, points);
      axes.add(axis);
      total *= axis.length; // no overflow: total <= MAX_POINTS and axis.length < 2^31
      if (total > MAX_POINTS) {
        throw new IllegalArgumentException(
            "the grid has more than " + MAX_POINTS + " points; lower 'points' or the dimension");
      }
    }
    int[] index = new int[dim];
    double[] x = new double[dim];
    double[] best = null;
    double bestF = Double.POSITIVE_INFINITY;
    long evaluations = 0;
    for (long k = 0; k < total; k++) {
      for (int i = 0; i < dim; i++) {
        x[i] = axes.get(i)[index[i]];
      }
      if (SearchSupport.feasible(problem, x, eqTol)) {
        evaluations++;
        double f = SearchSupport.value(problem, x);
        if (f < bestF) {
          bestF = f;
          best = x.clone();
        }
      }
      for (int i = dim - 1; i >= 0; i--) {
        if (++index[i] < axes.get(i).length) {
          break;
        }
        index[i] = 0;
      }
    }
    return SearchSupport.result(
        best, bestF, evaluations, (int) Math.min(Integer.MAX_VALUE, total), total + " grid points",
        start);
  }

  private static double[] axis(OptimizationProblem problem, int i, int points) {
    double lo = problem.lower(i);
    double hi = problem.upper(i);
    if (lo == hi) {
      return new double[] {lo};
    }
    if (problem.isInteger(i)) {
      TreeSet<Double> values = new TreeSet<>();
      double a = Math.ceil(lo);
      double b = Math.floor(hi);
      for (int j = 0; j < points; j++) {
        values.add((double) Math.round(a + (b - a) * j / (points - 1)));
      }
      return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
    double[] axis = new double[points];
    for (int j = 0; j < points; j++) {
      axis[j] = j == points - 1 ? hi : lo + (hi - lo) * j / (points - 1);
    }
    return axis;
  }
}
