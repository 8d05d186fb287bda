package org.nnx.shgo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.nnx.optimize.LocalMinimum;
import org.nnx.optimize.OptimizationProblem;
import org.nnx.optimize.OptimizationResult;
import org.nnx.optimize.Optimizer;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;

/**
 * SHGO, simplicial homology global optimization (S. C. Endres, C. Sandrock and W. W. Focke, "A
 * simplicial homology algorithm for Lipschitz optimisation", J. Global Optim. 72 (2018) 181-217),
 * with the options and stopping rules of SciPy's {@code scipy.optimize.shgo}
 * (https://docs.scipy.org/doc/scipy/reference/generated/scipy.optimize.shgo.html). See {@link
 * Shgo} for the algorithm and its few deliberate differences from SciPy, and {@link SqpMinimizer}
 * for the constrained local searches.
 *
 * <p>Variables with equal lower and upper bounds are held fixed and removed before the search.
 * Integer variables are not supported.
 */
public final class ShgoOptimizer implements Optimizer {

  private static final List<ParameterSpec> PARAMETERS =
      List.of(
          ParameterSpec.optional(
              "n",
              ParamType.integer(0, 1L << 30),
              0L,
              "sampling points per iteration; sobol rounds up to a power of two; 0 = automatic:"
                  + " 128 for sobol, and for simplicial the 2^d + 1 points of the initial complex"
                  + " followed by one refinement generation per iteration"),
          ParameterSpec.optional(
              "iters",
              ParamType.integer(1, Integer.MAX_VALUE),
              1L,
              "iterations, used only when none of maxfev, maxiter, maxev, f_min is given"),
          ParameterSpec.optional(
              "sampling",
              ParamType.choice("simplicial", "sobol"),
              "simplicial",
              "simplicial: refined triangulation of the box (convergence guarantee);"
                  + " sobol: Delaunay triangulation of Sobol points"),
          ParameterSpec.optional(
              "maxfev",
              ParamType.integerAtLeast(0),
              0L,
              "stop after the iteration in which the objective was evaluated at this many sampling"
                  + " points; 0 = no limit"),
          ParameterSpec.optional(
              "maxiter",
              ParamType.integer(0, Integer.MAX_VALUE),
              0L,
              "stop after this many iterations; 0 = no limit"),
          ParameterSpec.optional(
              "maxev",
              ParamType.integerAtLeast(0),
              0L,
              "stop after the iteration in which this many sampling points, feasible or not, were"
                  + " drawn; 0 = no limit"),
          ParameterSpec.optional(
              "maxtime",
              new ParamType.Real(0, Double.POSITIVE_INFINITY, false),
              0.0,
              "stop once this many seconds have passed (checked between iterations and local"
                  + " searches); 0 = no limit"),
          ParameterSpec.optional(
              "f_min",
              new ParamType.Real(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false),
              Double.NEGATIVE_INFINITY,
              "the known global minimum value: stop once a value within f_tol of it is found"),
          ParameterSpec.optional(
              "f_tol",
              ParamType.realAbove(0),
              1e-4,
              "relative tolerance on f_min (absolute when f_min = 0)"),
          ParameterSpec.optional(
              "minimize_every_iter",
              new ParamType.Bool(),
              Boolean.TRUE,
              "run the local searches after every iteration, not only after the last"),
          ParameterSpec.optional(
              "local_iter",
              ParamType.integer(0, Integer.MAX_VALUE),
              0L,
              "at most this many local searches per iteration, best candidates first; 0 = all"),
          ParameterSpec.optional(
              "infty_constraints",
              new ParamType.Bool(),
              Boolean.TRUE,
              "sobol only: keep infeasible sampling points in the triangulation with value"
                  + " +infinity; false discards them"),
          ParameterSpec.optional(
              "local_maxiter",
              ParamType.integer(1, Integer.MAX_VALUE),
              100L,
              "largest number of SQP iterations of one local search"),
          ParameterSpec.optional(
              "local_ftol",
              ParamType.realAbove(0),
              1e-12,
              "relative change of the objective at which a local search has converged"));

  @Override
  public String name() {
    return "shgo";
  }

  @Override
  public String description() {
    return "Simplicial homology global optimization (Endres, Sandrock, Focke 2018) with SQP local"
        + " searches; bounds, inequality and equality constraints";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return PARAMETERS;
  }

  /**
   * Minimizes the problem with SHGO.
   *
   * @param problem a problem without integer variables
   * @param options checked options (see {@link #parameters()})
   * @return the global minimum estimate and every distinct local minimum found, sorted by value;
   *     {@code success == false} when no feasible point was found
   * @throws IllegalArgumentException if the problem has integer variables, or simplicial sampling
   *     is asked for more than {@link SimplicialComplex#MAX_DIMENSION} free variables
   */
  @Override
  public OptimizationResult minimize(OptimizationProblem problem, Parameters options) {
    if (problem.hasIntegers()) {
      throw new IllegalArgumentException(
          "shgo optimizes continuous variables only; use 'random' or 'grid' for integer variables");
    }
    ShgoSettings settings = settings(options);
    int n = problem.dimension();
    List<Integer> free = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (problem.lower(i) < problem.upper(i)) {
        free.add(i);
      }
    }
    if (free.size() == n) {
      return new Shgo(problem, settings).run();
    }
    double[] fixed = problem.lower();
    if (free.isEmpty()) {
      return single(problem, fixed);
    }
    OptimizationProblem reduced = reduce(problem, free, fixed);
    OptimizationResult r = new Shgo(reduced, settings).run();
    List<LocalMinimum> minima = new ArrayList<>();
    for (LocalMinimum m : r.localMinima()) {
      minima.add(new LocalMinimum(expand(m.x(), free, fixed), m.f()));
    }
    double[] x = r.hasSolution() ? expand(r.x(), free, fixed) : new double[0];
    return new OptimizationResult(
        x, r.f(), minima, r.success(), r.message(), r.nfev(), r.nlfev(), r.nit(), r.time());
  }

  /** Reads the checked options. */
  static ShgoSettings settings(Parameters o) {
    return new ShgoSettings(
        o.getInt("n"),
        o.getInt("iters"),
        o.getString("sampling").equals("sobol"),
        o.getLong("maxfev"),
        o.getInt("maxiter"),
        o.getLong("maxev"),
        o.getDouble("maxtime"),
        o.getDouble("f_min"),
        o.getDouble("f_tol"),
        o.getBoolean("minimize_every_iter"),
        o.getInt("local_iter"),
        o.getBoolean("infty_constraints"),
        new SqpMinimizer.Settings(o.getInt("local_maxiter"), o.getDouble("local_ftol"), 1e-12, 1e-9));
  }

  /** The problem over the free variables only, the others held at {@code fixed}. */
  private static OptimizationProblem reduce(
      OptimizationProblem problem, List<Integer> free, double[] fixed) {
    double[] lo = new double[free.size()];
    double[] hi = new double[free.size()];
    for (int j = 0; j < free.size(); j++) {
      lo[j] = problem.lower(free.get(j));
      hi[j] = problem.upper(free.get(j));
    }
    OptimizationProblem reduced = OptimizationProblem.of(lo, hi, embed(problem.objective(), free, fixed));
    for (ToDoubleFunction<double[]> g : problem.inequalities()) {
      reduced = reduced.withInequality(embed(g, free, fixed));
    }
    for (ToDoubleFunction<double[]> h : problem.equalities()) {
      reduced = reduced.withEquality(embed(h, free, fixed));
    }
    return reduced;
  }

  private static ToDoubleFunction<double[]> embed(
      ToDoubleFunction<double[]> f, List<Integer> free, double[] fixed) {
    return y -> f.applyAsDouble(expand(y, free, fixed));
  }

  private static double[] expand(double[] y, List<Integer> free, double[] fixed) {
    double[] x = fixed.clone();
    for (int j = 0; j < free.size(); j++) {
      x[free.get(j)] = y[j];
    }
    return x;
  }

  /** Every variable is fixed: the only point either is feasible or not. */
  private static OptimizationResult single(OptimizationProblem problem, double[] x) {
    long start = System.nanoTime();
    double f = problem.objective().applyAsDouble(x.clone());
    if (Double.isNaN(f)) {
      f = Double.POSITIVE_INFINITY;
    }
    boolean ok = problem.violation(x) <= 1e-6 && f < Double.POSITIVE_INFINITY;
    Duration time = Duration.ofNanos(System.nanoTime() - start);
    if (!ok) {
      return new OptimizationResult(
          new double[0], Double.NaN, List.of(), false,
          "Every variable is fixed by its bounds and that point violates the constraints.",
          1, 0, 1, time);
    }
    return new OptimizationResult(
        x, f, List.of(new LocalMinimum(x, f)), true,
        "Optimization terminated successfully: every variable is fixed by its bounds.",
        1, 0, 1, time);
  }
}
