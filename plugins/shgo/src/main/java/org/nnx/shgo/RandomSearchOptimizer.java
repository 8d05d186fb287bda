package org.nnx.shgo;

import java.util.List;
import java.util.SplittableRandom;
import org.nnx.optimize.OptimizationProblem;
import org.nnx.optimize.OptimizationResult;
import org.nnx.optimize.Optimizer;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;

/**
 * Pure random search (J. Bergstra and Y. Bengio, "Random search for hyper-parameter
 * optimization", JMLR 13 (2012) 281-305): {@code n} points drawn independently and uniformly from
 * the box with a seeded generator, the best feasible one kept. Integer variables are drawn
 * uniformly from the integers inside their bounds. A point is feasible when every inequality
 * constraint is {@code >= 0} and every equality constraint is within {@code eq_tol} of zero (random
 * points almost never satisfy an equality exactly).
 */
public final class RandomSearchOptimizer implements Optimizer {

  private static final List<ParameterSpec> PARAMETERS =
      List.of(
          ParameterSpec.optional(
              "n", ParamType.integer(1, Integer.MAX_VALUE), 1000L, "points to draw"),
          ParameterSpec.optional(
              "seed", ParamType.integer(Long.MIN_VALUE, Long.MAX_VALUE), 0L, "random seed"),
          ParameterSpec.optional(
              "eq_tol",
              ParamType.realAbove(0),
              1e-6,
              "largest |h(x)| at which an equality constraint counts as satisfied"));

  @Override
  public String name() {
    return "random";
  }

  @Override
  public String description() {
    return "Uniform random search over the box, seeded; integer variables supported";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return PARAMETERS;
  }

  /**
   * Draws {@code n} points and returns the best feasible one.
   *
   * @param problem the problem; integer variables need at least one integer inside their bounds
   * @param options checked options (see {@link #parameters()})
   * @return the best feasible point as the only local minimum, {@code nit = n}; {@code success ==
   *     false} when no drawn point was feasible
   */
  @Override
  public OptimizationResult minimize(OptimizationProblem problem, Parameters options) {
    long start = System.nanoTime();
    int n = options.getInt("n");
    double eqTol = options.getDouble("eq_tol");
    SplittableRandom random = new SplittableRandom(options.getLong("seed"));
    int dim = problem.dimension();
    SearchSupport.checkIntegerBounds(problem);
    double[] best = null;
    double bestF = Double.POSITIVE_INFINITY;
    long evaluations = 0;
    double[] x = new double[dim];
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < dim; i++) {
        double lo = problem.lower(i);
        double hi = problem.upper(i);
        if (problem.isInteger(i)) {
          long a = (long) Math.ceil(lo);
          long b = (long) Math.floor(hi);
          x[i] = a + random.nextLong(b - a + 1);
        } else {
          x[i] = lo + random.nextDouble() * (hi - lo);
        }
      }
      if (!SearchSupport.feasible(problem, x, eqTol)) {
        continue;
      }
      evaluations++;
      double f = SearchSupport.value(problem, x);
      if (f < bestF) {
        bestF = f;
        best = x.clone();
      }
    }
    return SearchSupport.result(best, bestF, evaluations, n, n + " random points", start);
  }
}
