package org.nnx.shgo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.nnx.optimize.LocalMinimum;
import org.nnx.optimize.OptimizationProblem;
import org.nnx.optimize.OptimizationResult;

/**
 * One run of simplicial homology global optimization (SHGO): S. C. Endres, C. Sandrock and W. W.
 * Focke, "A simplicial homology algorithm for Lipschitz optimisation", J. Global Optim. 72 (2018)
 * 181-217, following the structure of SciPy's {@code scipy.optimize.shgo}
 * (https://docs.scipy.org/doc/scipy/reference/generated/scipy.optimize.shgo.html).
 *
 * <p>Each iteration grows a simplicial complex over the box: either the refined triangulation of
 * the hypercube ({@link SimplicialComplex}) or the Delaunay triangulation of Sobol points ({@link
 * DelaunayTriangulation}). Vertices that violate an inequality constraint get the value {@code
 * +Infinity} and are never evaluated (in Sobol mode they may instead be discarded, SciPy's {@code
 * infty_constraints=False}); equality constraints cannot hold at sampling points and are left to
 * the local searches, as in SciPy. A feasible vertex whose value is strictly below the values of
 * all its neighbours in the complex (the vertices of its star) is a minimizer candidate; a local
 * search ({@link SqpMinimizer}) is started from every candidate, the best first and then always the
 * one farthest from the last local minimum (SciPy's ordering, which matters when {@code local_iter}
 * or {@code f_min} cut the pool short). Each vertex is searched from at most once per run.
 *
 * <p>In simplicial mode a search is confined to the bounding box of the vertex's star, the
 * "locally convex" sub-domain of the paper (SciPy takes the nearest neighbour coordinate on each
 * side; the whole star is used here, which contains every simplex incident to the vertex); a
 * search that stops on a face of that box inside the domain is continued in the whole domain, so
 * every reported minimum is a local minimum of the problem. In Sobol mode searches use the whole
 * domain, as in SciPy, and each new local minimum is added to the triangulation at the next
 * iteration so that its basin yields no further candidates.
 *
 * <p>Deviations from SciPy, each deliberate: local minima are reported once (merged when every
 * coordinate differs by at most {@code 1e-5} of the box width); a local search that ends
 * infeasible is discarded rather than reported; when no vertex passes the strict minimizer test
 * (a plateau) the lowest feasible vertex is searched from instead of failing; Sobol iterations
 * add {@code n} new points to one growing triangulation.
 */
final class Shgo {

  private static final double MERGE_TOLERANCE = 1e-5;

  private final OptimizationProblem problem;
  private final ShgoSettings settings;
  private final int dim;
  private final double[] lower;
  private final double[] upper;
  private final ToDoubleFunction<double[]> objective;
  private final SqpMinimizer local;
  private final double feasibilityTolerance;

  private final SimplicialComplex simplicial;
  private final DelaunayTriangulation delaunay;
  private final SobolSequenceGenerator sobol;
  private final int sobolBatch;

  // Vertex data, indexed like the complex.
  private double[][] xs = new double[64][];
  private double[] fs = new double[64];
  private boolean[] feasible = new boolean[64];
  private boolean[] searched = new boolean[64];
  private boolean[] minimumVertex = new boolean[64];
  private int vertices;

  private final List<LocalMinimum> minima = new ArrayList<>();
  private final List<LocalMinimum> toInsert = new ArrayList<>();
  private long samplingEvaluations;
  private long localEvaluations;
  private long sampled;
  private int searches;
  private double bestInfeasibleViolation = Double.POSITIVE_INFINITY;
  private final long start;
  private String stopReason;

  /**
   * Prepares a run.
   *
   * @param problem a problem whose every variable has {@code lower < upper} and none is integer
   * @param settings the checked options
   */
  Shgo(OptimizationProblem problem, ShgoSettings settings) {
    this.problem = problem;
    this.settings = settings;
    this.dim = problem.dimension();
    this.lower = problem.lower();
    this.upper = problem.upper();
    this.objective = problem.objective();
    this.local =
        new SqpMinimizer(
            dim, objective, problem.inequalities(), problem.equalities(), settings.local());
    this.feasibilityTolerance = Math.max(1e-6, 10 * settings.local().ctol());
    this.start = System.nanoTime();
    if (settings.sobol()) {
      this.simplicial = null;
      this.delaunay = new DelaunayTriangulation(dim);
      this.sobol = new SobolSequenceGenerator(dim);
      int n = settings.n() > 0 ? settings.n() : 100;
      this.sobolBatch = Integer.highestOneBit(n) == n ? n : Integer.highestOneBit(n) << 1;
    } else {
      this.simplicial = new SimplicialComplex(dim);
      this.delaunay = null;
      this.sobol = null;
      this.sobolBatch = 0;
    }
  }

  /** Runs to a stopping criterion and assembles the result. */
  OptimizationResult run() {
    int iterations = 0;
    boolean stop = false;
    while (!stop) {
      int added = sample();
      iterations++;
      if (settings.minimizeEveryIter()) {
        stop = minimizePool();
      }
      stop |= stoppingCriteria(iterations, added);
    }
    if (!settings.minimizeEveryIter()) {
      minimizePool();
    }
    return result(iterations);
  }

  // --------------------------------------------------------------------------------------------
  // Sampling

  /** One iteration's sampling; returns the number of new sampling points. */
  private int sample() {
    if (simplicial != null) {
      int before = simplicial.size();
      simplicial.refine(settings.n());
      for (int v = before; v < simplicial.size(); v++) {
        addVertex(toDomain(simplicial.unitPoint(v)));
      }
      return simplicial.size() - before;
    }
    for (LocalMinimum m : toInsert) {
      int v = delaunay.add(toUnit(m.x()));
      ensureCapacity(v + 1);
      xs[v] = m.x();
      fs[v] = m.f();
      feasible[v] = true;
      minimumVertex[v] = true;
      searched[v] = true;
      vertices = v + 1;
    }
    toInsert.clear();
    int added = 0;
    for (int i = 0; i < sobolBatch; i++) {
      double[] u = sobol.nextVector();
      double[] x = toDomain(u);
      sampled++;
      boolean ok = satisfiesInequalities(x);
      if (!ok && !settings.inftyConstraints()) {
        continue;
      }
      int v = delaunay.add(u);
      ensureCapacity(v + 1);
      xs[v] = x;
      feasible[v] = ok;
      fs[v] = ok ? evaluate(x) : Double.POSITIVE_INFINITY;
      vertices = v + 1;
      added++;
    }
    return added;
  }

  private void addVertex(double[] x) {
    ensureCapacity(vertices + 1);
    int v = vertices++;
    xs[v] = x;
    sampled++;
    boolean ok = satisfiesInequalities(x);
    feasible[v] = ok;
    fs[v] = ok ? evaluate(x) : Double.POSITIVE_INFINITY;
  }

  private double evaluate(double[] x) {
    samplingEvaluations++;
    double f = objective.applyAsDouble(x.clone());
    return Double.isNaN(f) ? Double.POSITIVE_INFINITY : f;
  }

  private boolean satisfiesInequalities(double[] x) {
    for (ToDoubleFunction<double[]> g : problem.inequalities()) {
      double v = g.applyAsDouble(x.clone());
      if (!(v >= 0)) {
        return false;
      }
    }
    return true;
  }

  private void ensureCapacity(int size) {
    if (size > xs.length) {
      int cap = Math.max(size, 2 * xs.length);
      xs = Arrays.copyOf(xs, cap);
      fs = Arrays.copyOf(fs, cap);
      feasible = Arrays.copyOf(feasible, cap);
      searched = Arrays.copyOf(searched, cap);
      minimumVertex = Arrays.copyOf(minimumVertex, cap);
    }
  }

  // --------------------------------------------------------------------------------------------
  // Minimizer pool and local searches

  /**
   * Finds the minimizer candidates and searches from those not searched before. Returns true if a
   * stopping criterion (f_min or maxtime) was met while doing so.
   */
  private boolean minimizePool() {
    Adjacency adjacency = simplicial != null ? simplicial.adjacency() : delaunay.adjacency();
    List<Integer> pool = new ArrayList<>();
    boolean anyCandidate = false;
    int lowest = -1;
    for (int v = 0; v < vertices; v++) {
      if (!feasible[v] || minimumVertex[v] || fs[v] == Double.POSITIVE_INFINITY) {
        continue;
      }
      if (lowest < 0 || fs[v] < fs[lowest]) {
        lowest = v;
      }
      if (isMinimizer(v, adjacency)) {
        anyCandidate = true;
        if (!searched[v]) {
          pool.add(v);
        }
      }
    }
    if (!anyCandidate && minima.isEmpty() && lowest >= 0 && !searched[lowest]) {
      pool.add(lowest); // a plateau: no strict minimizer anywhere
    }
    if (pool.isEmpty()) {
      return false;
    }
    pool.sort(Comparator.comparingDouble((Integer v) -> fs[v]).thenComparingInt(v -> v));
    double[] last = search(pool.remove(0), adjacency);
    int done = 1;
    while (!pool.isEmpty()) {
      if (fMinReached() || timeUp()) {
        return true;
      }
      if (settings.localIter() > 0 && done >= settings.localIter()) {
        break;
      }
      int far = 0;
      if (last != null) {
        double best = -1;
        for (int i = 0; i < pool.size(); i++) {
          double dist = distance(xs[pool.get(i)], last);
          if (dist > best) {
            best = dist;
            far = i;
          }
        }
      }
      double[] x = search(pool.remove(far), adjacency);
      if (x != null) {
        last = x;
      }
      done++;
    }
    return fMinReached() || timeUp();
  }

  private boolean isMinimizer(int v, Adjacency adjacency) {
    for (int w : adjacency.neighbours(v)) {
      if (!(fs[v] < fs[w])) {
        return false;
      }
    }
    return true;
  }

  /** A local search from vertex {@code v}; returns the local minimum's point, or null. */
  private double[] search(int v, Adjacency adjacency) {
    searched[v] = true;
    searches++;
    int[] nbrs = adjacency.neighbours(v);
    double[] lo = lower;
    double[] hi = upper;
    if (simplicial != null && nbrs.length > 0) {
      lo = xs[v].clone();
      hi = xs[v].clone();
      for (int w : nbrs) {
        for (int i = 0; i < dim; i++) {
          lo[i] = Math.min(lo[i], xs[w][i]);
          hi[i] = Math.max(hi[i], xs[w][i]);
        }
      }
    }
    double diagonal = distance(lower, upper);
    double nearest = Double.POSITIVE_INFINITY;
    for (int w : nbrs) {
      nearest = Math.min(nearest, distance(xs[v], xs[w]));
    }
    double step =
        Math.min(0.5 * diagonal, Math.max(1e-6 * diagonal, Double.isFinite(nearest) ? 0.5 * nearest : 0.1 * diagonal));
    SqpMinimizer.Result r = local.minimize(xs[v], lo, hi, step);
    localEvaluations += r.evaluations();
    if (lo != lower && onInnerFace(r.x(), lo, hi)) {
      r = local.minimize(r.x(), lower, upper, step);
      localEvaluations += r.evaluations();
    }
    if (!(r.violation() <= feasibilityTolerance) || !Double.isFinite(r.f())) {
      bestInfeasibleViolation = Math.min(bestInfeasibleViolation, r.violation());
      return null;
    }
    record(r.x(), r.f());
    return r.x();
  }

  private boolean onInnerFace(double[] x, double[] lo, double[] hi) {
    for (int i = 0; i < dim; i++) {
      double tol = 1e-9 * (upper[i] - lower[i]);
      if ((lo[i] > lower[i] && x[i] - lo[i] <= tol) || (hi[i] < upper[i] && hi[i] - x[i] <= tol)) {
        return true;
      }
    }
    return false;
  }

  /** Adds a local minimum unless it repeats one already found (then the lower value is kept). */
  private void record(double[] x, double f) {
    for (int i = 0; i < minima.size(); i++) {
      LocalMinimum m = minima.get(i);
      if (sameMinimum(m.x(), x)) {
        if (f < m.f()) {
          minima.set(i, new LocalMinimum(x, f));
        }
        return;
      }
    }
    LocalMinimum m = new LocalMinimum(x, f);
    minima.add(m);
    if (sobol != null) {
      toInsert.add(m);
    }
  }

  private boolean sameMinimum(double[] a, double[] b) {
    for (int i = 0; i < dim; i++) {
      if (Math.abs(a[i] - b[i]) > MERGE_TOLERANCE * (upper[i] - lower[i])) {
        return false;
      }
    }
    return true;
  }

  // --------------------------------------------------------------------------------------------
  // Stopping

  private boolean stoppingCriteria(int iterations, int added) {
    if (fMinReached()) {
      stopReason = "f_min reached within f_tol";
      return true;
    }
    if (timeUp()) {
      stopReason = "maxtime reached";
      return true;
    }
    if (settings.maxiter() > 0 && iterations >= settings.maxiter()) {
      stopReason = "maxiter reached";
      return true;
    }
    if (settings.maxfev() > 0 && samplingEvaluations >= settings.maxfev()) {
      stopReason = "maxfev reached";
      return true;
    }
    if (settings.maxfev() > 0 && samplingEvaluations == 0 && sampled >= settings.maxfev()) {
      stopReason = "maxfev sampling points drawn without a feasible one";
      return true;
    }
    if (settings.maxev() > 0 && sampled >= settings.maxev()) {
      stopReason = "maxev reached";
      return true;
    }
    if (!settings.hasStoppingCriterion() && iterations >= settings.iters()) {
      stopReason = "completed " + iterations + (iterations == 1 ? " iteration" : " iterations");
      return true;
    }
    if (added == 0 && iterations > 1) {
      stopReason = "the complex cannot be refined further";
      return true;
    }
    return false;
  }

  /** SciPy's {@code finite_precision} test on the lowest value seen so far. */
  private boolean fMinReached() {
    double fMin = settings.fMin();
    if (fMin == Double.NEGATIVE_INFINITY) {
      return false;
    }
    double lowest = Double.POSITIVE_INFINITY;
    for (int v = 0; v < vertices; v++) {
      if (feasible[v]) {
        lowest = Math.min(lowest, fs[v]);
      }
    }
    for (LocalMinimum m : minima) {
      lowest = Math.min(lowest, m.f());
    }
    if (lowest == Double.POSITIVE_INFINITY) {
      return false;
    }
    if (fMin == 0) {
      return lowest <= settings.fTol();
    }
    return lowest <= fMin || (lowest - fMin) / Math.abs(fMin) <= settings.fTol();
  }

  private boolean timeUp() {
    return settings.maxtime() > 0 && (System.nanoTime() - start) * 1e-9 >= settings.maxtime();
  }

  // --------------------------------------------------------------------------------------------
  // Result

  private OptimizationResult result(int iterations) {
    Duration time = Duration.ofNanos(System.nanoTime() - start);
    long nfev = samplingEvaluations + localEvaluations;
    List<LocalMinimum> sorted = new ArrayList<>(minima);
    sorted.sort(Comparator.comparingDouble(LocalMinimum::f));
    if (!sorted.isEmpty()) {
      LocalMinimum best = sorted.get(0);
      return new OptimizationResult(
          best.x(),
          best.f(),
          sorted,
          true,
          "Optimization terminated successfully: " + stopReason + ".",
          nfev,
          localEvaluations,
          iterations,
          time);
    }
    int lowest = -1;
    for (int v = 0; v < vertices; v++) {
      if (feasible[v] && fs[v] < Double.POSITIVE_INFINITY && (lowest < 0 || fs[v] < fs[lowest])) {
        lowest = v;
      }
    }
    String message;
    if (lowest < 0) {
      message =
          "No feasible sampling point among "
              + sampled
              + ": the inequality constraints may have no solution within the bounds.";
    } else if (searches == 0) {
      message = "Stopped (" + stopReason + ") before any local minimization.";
    } else {
      message =
          "None of "
              + searches
              + " local minimizations reached a point satisfying the constraints (smallest"
              + " violation "
              + bestInfeasibleViolation
              + ").";
    }
    boolean reportLowest = lowest >= 0 && problem.equalities().isEmpty();
    return new OptimizationResult(
        reportLowest ? xs[lowest] : new double[0],
        reportLowest ? fs[lowest] : Double.NaN,
        List.of(),
        false,
        message,
        nfev,
        localEvaluations,
        iterations,
        time);
  }

  private double[] toDomain(double[] u) {
    double[] x = new double[dim];
    for (int i = 0; i < dim; i++) {
      x[i] = u[i] == 1.0 ? upper[i] : lower[i] + u[i] * (upper[i] - lower[i]);
    }
    return x;
  }

  private double[] toUnit(double[] x) {
    double[] u = new double[dim];
    for (int i = 0; i < dim; i++) {
      u[i] = (x[i] - lower[i]) / (upper[i] - lower[i]);
    }
    return u;
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double t = a[i] - b[i];
      s += t * t;
    }
    return Math.sqrt(s);
  }
}
