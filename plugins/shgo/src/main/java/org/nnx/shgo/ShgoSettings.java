package org.nnx.shgo;

/**
 * The checked options of one SHGO run; see {@link ShgoOptimizer#parameters()} for their meaning
 * (they follow the options of SciPy's {@code scipy.optimize.shgo}).
 *
 * @param n sampling points per iteration; {@code 0} for the automatic choice
 * @param iters iterations to run when no other stopping criterion is given, {@code >= 1}
 * @param sobol whether to sample Sobol points (otherwise the simplicial complex)
 * @param maxfev stop once this many objective evaluations at sampling points were made; {@code 0}
 *     for no limit
 * @param maxiter stop after this many iterations; {@code 0} for no limit
 * @param maxev stop once this many sampling points (feasible or not) were drawn; {@code 0} for no
 *     limit
 * @param maxtime stop after this many seconds of wall-clock time; {@code 0} for no limit
 * @param fMin the known global minimum value, or {@code -Infinity} when unknown
 * @param fTol the relative tolerance on {@code fMin} ({@code absolute when fMin == 0})
 * @param minimizeEveryIter whether to run the local searches after every iteration (otherwise once
 *     at the end)
 * @param localIter the largest number of local searches per iteration; {@code 0} for all
 *     candidates
 * @param inftyConstraints whether infeasible Sobol points stay in the triangulation with value
 *     {@code +Infinity} (otherwise they are discarded)
 * @param local the tolerances of each local search
 */
record ShgoSettings(
    int n,
    int iters,
    boolean sobol,
    long maxfev,
    int maxiter,
    long maxev,
    double maxtime,
    double fMin,
    double fTol,
    boolean minimizeEveryIter,
    int localIter,
    boolean inftyConstraints,
    SqpMinimizer.Settings local) {

  /** Whether any criterion besides {@code iters} decides when to stop (then SciPy ignores iters). */
  boolean hasStoppingCriterion() {
    return maxfev > 0 || maxiter > 0 || maxev > 0 || fMin > Double.NEGATIVE_INFINITY;
  }
}
