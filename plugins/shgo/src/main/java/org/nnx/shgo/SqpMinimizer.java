package org.nnx.shgo;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A local minimizer for smooth problems with bounds, inequality constraints {@code g_i(x) >= 0} and
 * equality constraints {@code h_j(x) = 0}: sequential quadratic programming in the style of
 * Kraft's SLSQP (D. Kraft, "A software package for sequential quadratic programming", DFVLR-FB
 * 88-28, 1988), which SciPy's {@code shgo} uses for its local searches. Commons Math 3.6 has no
 * constrained gradient-based method (its BOBYQA handles bounds only and needs two or more
 * variables), so this small SQP stands in for SLSQP:
 *
 * <ul>
 *   <li>gradients by forward differences with step {@code sqrt(eps) * max(1, |x_i|)}, taken
 *       backwards at an upper bound;
 *   <li>a BFGS approximation of the Hessian of the Lagrangian with Powell's damping (M. J. D.
 *       Powell, "A fast algorithm for nonlinearly constrained optimization calculations", Lecture
 *       Notes in Mathematics 630, 1978), started as {@code (|grad f| / initialStep) I} so the first
 *       step has the caller's length scale, then rescaled by Shanno and Phua's {@code y'y / s'y};
 *   <li>each search direction from a strictly convex QP with the linearized constraints and the
 *       bounds, solved by {@link QuadraticProgram}; when the linearization is inconsistent the QP
 *       is relaxed with one extra variable, as SLSQP does;
 *   <li>a backtracking line search on the exact L1 merit function with Powell's penalty update.
 * </ul>
 *
 * <p>It stops when the step is negligible or the objective stops changing at a feasible point
 * ({@code ftol}, relative), or after {@code maxIterations} QP steps. Every objective call is
 * counted, finite differences included.
 */
final class SqpMinimizer {

  /**
   * Stopping tolerances.
   *
   * @param maxIterations the largest number of QP steps, {@code >= 1}
   * @param ftol relative change of the objective below which a feasible iterate is converged
   * @param xtol relative step length below which a feasible iterate is converged
   * @param ctol largest total constraint violation of a converged iterate (constraint units)
   */
  record Settings(int maxIterations, double ftol, double xtol, double ctol) {
    /** SLSQP-like defaults: 100 iterations, {@code ftol = 1e-12}. */
    static Settings defaults() {
      return new Settings(100, 1e-12, 1e-12, 1e-9);
    }
  }

  /**
   * The outcome of one local search.
   *
   * @param x the last accepted iterate
   * @param f the objective at {@code x}
   * @param violation the total constraint violation at {@code x}
   * @param converged whether a stopping test (rather than a failure or the iteration limit) ended
   *     the search
   * @param evaluations objective calls made, finite differences included
   * @param message why the search ended
   */
  record Result(
      double[] x, double f, double violation, boolean converged, long evaluations, String message) {}

  private static final double DIFF_STEP = Math.sqrt(Math.ulp(1.0));

  private final ToDoubleFunction<double[]> objective;
  private final List<ToDoubleFunction<double[]>> inequalities;
  private final List<ToDoubleFunction<double[]>> equalities;
  private final Settings settings;
  private final int n;
  private final int meq;
  private final int m;
  private long evaluations;

  /**
   * A minimizer for one problem.
   *
   * @param dimension the number of variables
   * @param objective the function to minimize ({@code NaN} counts as {@code +Infinity})
   * @param inequalities the constraints {@code g_i(x) >= 0}
   * @param equalities the constraints {@code h_j(x) = 0}
   * @param settings the stopping tolerances
   */
  SqpMinimizer(
      int dimension,
      ToDoubleFunction<double[]> objective,
      List<ToDoubleFunction<double[]>> inequalities,
      List<ToDoubleFunction<double[]>> equalities,
      Settings settings) {
    this.n = dimension;
    this.objective = objective;
    this.inequalities = inequalities;
    this.equalities = equalities;
    this.settings = settings;
    this.meq = equalities.size();
    this.m = meq + inequalities.size();
  }

  /**
   * Minimizes from {@code x0} inside the box {@code [lower, upper]}.
   *
   * @param x0 the starting point (moved into the box if outside)
   * @param lower the lower bounds of this search
   * @param upper the upper bounds of this search, {@code >= lower}
   * @param initialStep the length of the first step, in the units of {@code x}, {@code > 0}: a
   *     length scale of the basin around {@code x0} (e.g. the distance to the nearest sampling
   *     points)
   * @return the last accepted iterate and why the search ended
   */
  Result minimize(double[] x0, double[] lower, double[] upper, double initialStep) {
    evaluations = 0;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.min(upper[i], Math.max(lower[i], x0[i]));
    }
    double f = evalObjective(x);
    double[] c = evalConstraints(x);
    if (!Double.isFinite(f)) {
      return new Result(x, f, violation(c), false, evaluations, "objective not finite at start");
    }
    double[] grad = new double[n];
    double[][] jac = new double[m][n];
    gradients(x, f, c, lower, upper, grad, jac);

    double gnorm = Math.sqrt(dot(grad, grad));
    double[][] hess = identity(n, gnorm > 0 ? gnorm / initialStep : 1.0);
    boolean scaled = false;
    double[] mu = new double[m];
    double[] lambda = new double[m];
    String message = "iteration limit reached";
    boolean converged = false;
    boolean resetOnce = false;

    for (int iter = 0; iter < settings.maxIterations(); iter++) {
      double[] d = new double[n];
      double[] qpMult = new double[m];
      if (!direction(x, grad, c, jac, hess, lower, upper, d, qpMult)) {
        if (!resetOnce) {
          hess = identity(n, gnorm > 0 ? gnorm / initialStep : 1.0);
          resetOnce = true;
          iter--;
          continue;
        }
        message = "no usable search direction";
        break;
      }
      double viol = violation(c);
      double dn = maxAbs(d);
      if (dn <= settings.xtol() * (1 + maxAbs(x)) && viol <= settings.ctol()) {
        converged = true;
        message = "step below xtol";
        break;
      }
      for (int j = 0; j < m; j++) {
        double a = Math.abs(qpMult[j]);
        mu[j] = Math.max(a, 0.5 * (mu[j] + a));
      }
      double phi0 = f + penalty(mu, c);
      double slope = dot(grad, d) - penalty(mu, c);
      if (!(slope < 0)) {
        if (viol <= settings.ctol()) {
          converged = true;
          message = "no descent left";
          break;
        }
        slope = -Math.abs(dot(grad, d)) - 1e-12;
      }
      double alpha = 1.0;
      double[] xn = new double[n];
      double fn = Double.NaN;
      double[] cn = null;
      boolean accepted = false;
      for (int ls = 0; ls < 30; ls++) {
        for (int i = 0; i < n; i++) {
          xn[i] = Math.min(upper[i], Math.max(lower[i], x[i] + alpha * d[i]));
        }
        fn = evalObjective(xn);
        cn = evalConstraints(xn);
        double phi = fn + penalty(mu, cn);
        if (Double.isFinite(phi) && phi <= phi0 + 1e-4 * alpha * slope) {
          accepted = true;
          break;
        }
        double next =
            Double.isFinite(phi)
                ? -slope * alpha * alpha / (2 * (phi - phi0 - alpha * slope))
                : 0.1 * alpha;
        alpha = Math.min(0.5 * alpha, Math.max(0.1 * alpha, next));
      }
      if (!accepted) {
        if (!resetOnce) {
          hess = identity(n, gnorm > 0 ? gnorm / initialStep : 1.0);
          scaled = false;
          resetOnce = true;
          continue;
        }
        converged = viol <= settings.ctol();
        message = "line search failed";
        break;
      }
      double[] s = new double[n];
      for (int i = 0; i < n; i++) {
        s[i] = xn[i] - x[i];
      }
      double[] gradN = new double[n];
      double[][] jacN = new double[m][n];
      gradients(xn, fn, cn, lower, upper, gradN, jacN);
      System.arraycopy(qpMult, 0, lambda, 0, m);
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        double yi = gradN[i] - grad[i];
        for (int j = 0; j < m; j++) {
          yi -= lambda[j] * (jacN[j][i] - jac[j][i]);
        }
        y[i] = yi;
      }
      double sy = dot(s, y);
      if (!scaled && sy > 0) {
        hess = identity(n, dot(y, y) / sy);
        scaled = true;
      }
      bfgs(hess, s, y);

      double fOld = f;
      x = xn.clone();
      f = fn;
      c = cn;
      grad = gradN;
      jac = jacN;
      gnorm = Math.sqrt(dot(grad, grad));
      double violN = violation(c);
      if (violN <= settings.ctol()
          && (Math.abs(f - fOld) <= settings.ftol() * Math.max(1, Math.abs(f))
              || maxAbs(s) <= settings.xtol() * (1 + maxAbs(x)))) {
        converged = true;
        message = "objective change below ftol";
        break;
      }
    }
    return new Result(x, f, violation(c), converged, evaluations, message);
  }

  /**
   * Solves the QP subproblem for the search direction; falls back to the relaxed subproblem when
   * the linearized constraints are inconsistent. Returns false if neither has a solution.
   */
  private boolean direction(
      double[] x,
      double[] grad,
      double[] c,
      double[][] jac,
      double[][] hess,
      double[] lower,
      double[] upper,
      double[] d,
      double[] mult) {
    int nb = 0;
    for (int i = 0; i < n; i++) {
      nb += 2;
    }
    double[][] rows = new double[m + nb][];
    double[] rhs = new double[m + nb];
    for (int j = 0; j < m; j++) {
      rows[j] = jac[j].clone();
      rhs[j] = -c[j];
    }
    int k = m;
    for (int i = 0; i < n; i++) {
      double[] lo = new double[n];
      lo[i] = 1;
      rows[k] = lo;
      rhs[k++] = lower[i] - x[i];
      double[] hi = new double[n];
      hi[i] = -1;
      rows[k] = hi;
      rhs[k++] = x[i] - upper[i];
    }
    QuadraticProgram.Solution sol = QuadraticProgram.solve(hess, grad, rows, rhs, meq);
    if (sol.status() == QuadraticProgram.Status.OPTIMAL) {
      System.arraycopy(sol.x(), 0, d, 0, n);
      System.arraycopy(sol.multipliers(), 0, mult, 0, m);
      return true;
    }
    if (sol.status() == QuadraticProgram.Status.NOT_CONVEX) {
      return false;
    }
    // Relaxed subproblem: variables (d, delta); violated linearizations are scaled by 1 - delta.
    int n1 = n + 1;
    double rho = 1e4 * Math.max(1, Math.max(maxDiag(hess), maxAbs(grad)));
    double[][] g1 = new double[n1][n1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(hess[i], 0, g1[i], 0, n);
    }
    g1[n][n] = rho;
    double[] a1 = new double[n1];
    System.arraycopy(grad, 0, a1, 0, n);
    double[][] rows1 = new double[m + nb + 2][];
    double[] rhs1 = new double[m + nb + 2];
    for (int j = 0; j < m; j++) {
      double[] row = new double[n1];
      System.arraycopy(jac[j], 0, row, 0, n);
      boolean violated = j < meq || c[j] < 0;
      row[n] = violated ? -c[j] : 0;
      rows1[j] = row;
      rhs1[j] = -c[j];
    }
    for (int r = m; r < m + nb; r++) {
      double[] row = new double[n1];
      System.arraycopy(rows[r], 0, row, 0, n);
      rows1[r] = row;
      rhs1[r] = rhs[r];
    }
    double[] deltaLow = new double[n1];
    deltaLow[n] = 1;
    rows1[m + nb] = deltaLow;
    rhs1[m + nb] = 0;
    double[] deltaHigh = new double[n1];
    deltaHigh[n] = -1;
    rows1[m + nb + 1] = deltaHigh;
    rhs1[m + nb + 1] = -1;
    QuadraticProgram.Solution relaxed = QuadraticProgram.solve(g1, a1, rows1, rhs1, meq);
    if (relaxed.status() != QuadraticProgram.Status.OPTIMAL) {
      return false;
    }
    System.arraycopy(relaxed.x(), 0, d, 0, n);
    System.arraycopy(relaxed.multipliers(), 0, mult, 0, m);
    return true;
  }

  private void gradients(
      double[] x,
      double f,
      double[] c,
      double[] lower,
      double[] upper,
      double[] grad,
      double[][] jac) {
    double[] xp = x.clone();
    for (int i = 0; i < n; i++) {
      double h = DIFF_STEP * Math.max(1, Math.abs(x[i]));
      if (x[i] + h > upper[i] && x[i] - h >= lower[i]) {
        h = -h;
      }
      xp[i] = x[i] + h;
      double step = xp[i] - x[i];
      double fp = evalObjective(xp);
      double[] cp = evalConstraints(xp);
      grad[i] = (fp - f) / step;
      if (!Double.isFinite(grad[i])) {
        grad[i] = 0;
      }
      for (int j = 0; j < m; j++) {
        double gj = (cp[j] - c[j]) / step;
        jac[j][i] = Double.isFinite(gj) ? gj : 0;
      }
      xp[i] = x[i];
    }
  }

  private double evalObjective(double[] x) {
    evaluations++;
    double v = objective.applyAsDouble(x.clone());
    return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
  }

  /** Constraint values, equalities first, then inequalities. */
  private double[] evalConstraints(double[] x) {
    double[] c = new double[m];
    for (int j = 0; j < meq; j++) {
      c[j] = equalities.get(j).applyAsDouble(x.clone());
    }
    for (int j = meq; j < m; j++) {
      c[j] = inequalities.get(j - meq).applyAsDouble(x.clone());
    }
    return c;
  }

  private double violation(double[] c) {
    double v = 0;
    for (int j = 0; j < m; j++) {
      double cj = Double.isNaN(c[j]) ? Double.POSITIVE_INFINITY : c[j];
      v += j < meq ? Math.abs(cj) : Math.max(0, -cj);
    }
    return v;
  }

  private double penalty(double[] mu, double[] c) {
    double p = 0;
    for (int j = 0; j < m; j++) {
      double cj = Double.isNaN(c[j]) ? Double.POSITIVE_INFINITY : c[j];
      double v = j < meq ? Math.abs(cj) : Math.max(0, -cj);
      if (v > 0) {
        p += mu[j] * v;
      }
    }
    return p;
  }

  /** Damped BFGS update of {@code b} with step {@code s} and gradient change {@code y}. */
  private static void bfgs(double[][] b, double[] s, double[] y) {
    int n = s.length;
    double[] bs = new double[n];
    for (int i = 0; i < n; i++) {
      bs[i] = dot(b[i], s);
    }
    double sbs = dot(s, bs);
    if (!(sbs > 0)) {
      return;
    }
    double sy = dot(s, y);
    double[] yy = y;
    if (sy < 0.2 * sbs) {
      double theta = 0.8 * sbs / (sbs - sy);
      yy = new double[n];
      for (int i = 0; i < n; i++) {
        yy[i] = theta * y[i] + (1 - theta) * bs[i];
      }
      sy = dot(s, yy);
    }
    if (!(sy > 0)) {
      return;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        b[i][j] += yy[i] * yy[j] / sy - bs[i] * bs[j] / sbs;
      }
    }
  }

  private static double[][] identity(int n, double scale) {
    double[][] b = new double[n][n];
    double s = Double.isFinite(scale) && scale > 0 ? scale : 1.0;
    for (int i = 0; i < n; i++) {
      b[i][i] = s;
    }
    return b;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double maxAbs(double[] x) {
    double m = 0;
    for (double v : x) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  private static double maxDiag(double[][] b) {
    double m = 0;
    for (int i = 0; i < b.length; i++) {
      m = Math.max(m, Math.abs(b[i][i]));
    }
    return m;
  }
}
