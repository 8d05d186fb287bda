package org.nnx.shgo;

/**
 * A dense solver for strictly convex quadratic programs
 *
 * <pre>
 *   minimize   1/2 x'Gx + a'x
 *   subject to c_i'x  = b_i   (i &lt; meq)
 *              c_i'x >= b_i   (meq &lt;= i &lt; m)
 * </pre>
 *
 * by the dual active-set method of Goldfarb and Idnani, "A numerically stable dual method for
 * solving strictly convex quadratic programs", Math. Programming 27 (1983) 1-33. The method starts
 * at the unconstrained minimum {@code -G^-1 a} and adds violated constraints one at a time while
 * keeping dual feasibility, so it needs no feasible starting point and detects infeasible
 * constraint sets.
 *
 * <p>The projections are recomputed from a Householder QR factorization of {@code L^-1 N} at each
 * step ({@code G = LL'}, {@code N} the active constraint normals) instead of being updated; this is
 * simple and stable, and cheap at the sizes SQP subproblems have (a few dozen variables).
 */
final class QuadraticProgram {

  /** How a solve ended. */
  enum Status {
    /** An optimal point was found. */
    OPTIMAL,
    /** The constraints have no common point. */
    INFEASIBLE,
    /** {@code G} is not (numerically) positive definite. */
    NOT_CONVEX,
    /** The iteration limit was reached (a sign of cycling on degenerate data). */
    ITERATION_LIMIT
  }

  /**
   * The solution.
   *
   * @param status how the solve ended
   * @param x the minimizer (for {@code OPTIMAL}); the last iterate otherwise
   * @param multipliers one Lagrange multiplier per constraint, {@code >= 0} for inequalities and of
   *     either sign for equalities, {@code 0} for inactive ones, such that {@code Gx + a = sum_i
   *     multipliers[i] c_i}
   */
  record Solution(Status status, double[] x, double[] multipliers) {}

  private QuadraticProgram() {}

  /**
   * Solves the program.
   *
   * @param g the symmetric positive definite n-by-n matrix {@code G} (not modified)
   * @param a the linear term, length n
   * @param c the constraint normals, m rows of length n; the first {@code meq} are equalities
   * @param b the right-hand sides, length m
   * @param meq the number of equality constraints, {@code 0 <= meq <= m}
   * @return the solution and its status
   */
  static Solution solve(double[][] g, double[] a, double[][] c, double[] b, int meq) {
    int n = a.length;
    int m = b.length;
    double[][] l = cholesky(g);
    if (l == null) {
      return new Solution(Status.NOT_CONVEX, new double[n], new double[m]);
    }
    double[] x = cholSolve(l, a);
    for (int i = 0; i < n; i++) {
      x[i] = -x[i];
    }
    double[] norms = new double[m];
    for (int i = 0; i < m; i++) {
      norms[i] = Math.sqrt(dot(c[i], c[i]));
    }
    double[] sign = new double[m];
    java.util.Arrays.fill(sign, 1.0);
    boolean[] active = new boolean[m];
    boolean[] redundant = new boolean[m];
    int[] act = new int[n]; // active constraint indexes, in order
    double[] u = new double[n]; // their multipliers
    int q = 0;
    int iterationLimit = 10 * (m + n) + 50;
    int iterations = 0;

    double[][] basis = new double[n][n]; // Householder workspace for L^-1 N
    double[] v = new double[n];
    double[] w = new double[n];
    double[] z = new double[n];
    double[] r = new double[n];
    double[] np = new double[n];

    while (true) {
      // Choose the constraint to add: every equality first, then the most violated inequality.
      int p = -1;
      for (int i = 0; i < meq; i++) {
        if (!active[i] && !redundant[i]) {
          p = i;
          break;
        }
      }
      if (p >= 0) {
        if (dot(c[p], x) - b[p] > 0) {
          sign[p] = -1.0;
        }
      } else {
        double worst = 0;
        double scale = 1 + maxAbs(x);
        for (int i = meq; i < m; i++) {
          if (active[i] || norms[i] == 0) {
            continue;
          }
          double s = (dot(c[i], x) - b[i]) / norms[i];
          if (s < -1e-12 * (scale + Math.abs(b[i]) / norms[i]) && s < worst) {
            worst = s;
            p = i;
          }
        }
        if (p < 0) {
          double[] mult = new double[m];
          for (int j = 0; j < q; j++) {
            mult[act[j]] = u[j] * sign[act[j]];
          }
          return new Solution(Status.OPTIMAL, x, mult);
        }
      }
      for (int k = 0; k < n; k++) {
        np[k] = sign[p] * c[p][k];
      }
      double bp = sign[p] * b[p];
      double up = 0;

      while (true) {
        if (++iterations > iterationLimit) {
          return new Solution(Status.ITERATION_LIMIT, x, new double[m]);
        }
        // basis := L^-1 N (columns = active normals), factorized in place as Q R.
        for (int j = 0; j < q; j++) {
          double[] col = forward(l, signed(c[act[j]], sign[act[j]]));
          for (int k = 0; k < n; k++) {
            basis[k][j] = col[k];
          }
        }
        double[] betas = householder(basis, n, q);
        double[] vv = forward(l, np);
        System.arraycopy(vv, 0, v, 0, n);
        System.arraycopy(v, 0, w, 0, n);
        applyQt(basis, betas, n, q, w); // w = Q' v
        // r = R^-1 w[0..q)
        for (int j = q - 1; j >= 0; j--) {
          double s = w[j];
          for (int k = j + 1; k < q; k++) {
            s -= basis[j][k] * r[k];
          }
          r[j] = s / basis[j][j];
        }
        // z = L^-T Q [0; w2]
        double zn = 0;
        double[] y = new double[n];
        for (int k = q; k < n; k++) {
          y[k] = w[k];
          zn += w[k] * w[k];
        }
        applyQ(basis, betas, n, q, y);
        double[] zz = backward(l, y);
        System.arraycopy(zz, 0, z, 0, n);

        double t1 = Double.POSITIVE_INFINITY;
        int drop = -1;
        for (int j = 0; j < q; j++) {
          if (act[j] >= meq && r[j] > 0) {
            double ratio = u[j] / r[j];
            if (ratio < t1) {
              t1 = ratio;
              drop = j;
            }
          }
        }
        double sp = dot(np, x) - bp;
        double vn = dot(v, v);
        double t2 = zn > 1e-24 * vn ? -sp / zn : Double.POSITIVE_INFINITY;
        if (t2 == Double.POSITIVE_INFINITY) {
          if (drop < 0) {
            if (p < meq && Math.abs(sp) <= 1e-10 * (1 + Math.abs(bp))) {
              redundant[p] = true; // a consequence of the active equalities
              break;
            }
            return new Solution(Status.INFEASIBLE, x, new double[m]);
          }
          for (int j = 0; j < q; j++) {
            u[j] -= t1 * r[j];
          }
          up += t1;
          q = remove(act, u, q, drop, active);
          continue;
        }
        double t = Math.min(t1, t2);
        for (int k = 0; k < n; k++) {
          x[k] += t * z[k];
        }
        for (int j = 0; j < q; j++) {
          u[j] -= t * r[j];
        }
        up += t;
        if (t2 <= t1) {
          act[q] = p;
          u[q] = up;
          q++;
          active[p] = true;
          break;
        }
        q = remove(act, u, q, drop, active);
      }
    }
  }

  private static int remove(int[] act, double[] u, int q, int drop, boolean[] active) {
    active[act[drop]] = false;
    for (int j = drop; j < q - 1; j++) {
      act[j] = act[j + 1];
      u[j] = u[j + 1];
    }
    return q - 1;
  }

  private static double[] signed(double[] row, double s) {
    double[] out = new double[row.length];
    for (int i = 0; i < row.length; i++) {
      out[i] = s * row[i];
    }
    return out;
  }

  /** Lower Cholesky factor of a symmetric positive definite matrix, or null if it is not one. */
  static double[][] cholesky(double[][] g) {
    int n = g.length;
    double[][] l = new double[n][n];
    double maxDiag = 0;
    for (int i = 0; i < n; i++) {
      maxDiag = Math.max(maxDiag, Math.abs(g[i][i]));
    }
    for (int j = 0; j < n; j++) {
      double s = g[j][j];
      for (int k = 0; k < j; k++) {
        s -= l[j][k] * l[j][k];
      }
      if (!(s > 1e-14 * maxDiag) || !Double.isFinite(s)) {
        return null;
      }
      double d = Math.sqrt(s);
      l[j][j] = d;
      for (int i = j + 1; i < n; i++) {
        double t = g[i][j];
        for (int k = 0; k < j; k++) {
          t -= l[i][k] * l[j][k];
        }
        l[i][j] = t / d;
      }
    }
    return l;
  }

  /** Solves {@code L y = v}. */
  private static double[] forward(double[][] l, double[] v) {
    int n = v.length;
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double s = v[i];
      for (int k = 0; k < i; k++) {
        s -= l[i][k] * y[k];
      }
      y[i] = s / l[i][i];
    }
    return y;
  }

  /** Solves {@code L' y = v}. */
  private static double[] backward(double[][] l, double[] v) {
    int n = v.length;
    double[] y = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = v[i];
      for (int k = i + 1; k < n; k++) {
        s -= l[k][i] * y[k];
      }
      y[i] = s / l[i][i];
    }
    return y;
  }

  private static double[] cholSolve(double[][] l, double[] v) {
    return backward(l, forward(l, v));
  }

  /**
   * Householder QR of the n-by-q matrix in {@code a}, in place: R in the upper triangle, the
   * reflection vectors below the diagonal (with implicit leading 1). Returns the reflection
   * coefficients.
   */
  private static double[] householder(double[][] a, int n, int q) {
    double[] beta = new double[q];
    for (int j = 0; j < q; j++) {
      double norm = 0;
      for (int i = j; i < n; i++) {
        norm = Math.hypot(norm, a[i][j]);
      }
      if (norm == 0) {
        beta[j] = 0;
        continue;
      }
      double alpha = a[j][j] > 0 ? -norm : norm;
      double v0 = a[j][j] - alpha;
      // v = (1, a[j+1..n)/v0), beta = -v0/alpha
      for (int i = j + 1; i < n; i++) {
        a[i][j] /= v0;
      }
      beta[j] = -v0 / alpha;
      a[j][j] = alpha;
      for (int k = j + 1; k < q; k++) {
        double s = a[j][k];
        for (int i = j + 1; i < n; i++) {
          s += a[i][j] * a[i][k];
        }
        s *= beta[j];
        a[j][k] -= s;
        for (int i = j + 1; i < n; i++) {
          a[i][k] -= s * a[i][j];
        }
      }
    }
    return beta;
  }

  /** {@code w := Q' w} for the factorization stored by {@link #householder}. */
  private static void applyQt(double[][] a, double[] beta, int n, int q, double[] w) {
    for (int j = 0; j < q; j++) {
      reflect(a, beta[j], j, n, w);
    }
  }

  /** {@code w := Q w} for the factorization stored by {@link #householder}. */
  private static void applyQ(double[][] a, double[] beta, int n, int q, double[] w) {
    for (int j = q - 1; j >= 0; j--) {
      reflect(a, beta[j], j, n, w);
    }
  }

  private static void reflect(double[][] a, double beta, int j, int n, double[] w) {
    if (beta == 0) {
      return;
    }
    double s = w[j];
    for (int i = j + 1; i < n; i++) {
      s += a[i][j] * w[i];
    }
    s *= beta;
    w[j] -= s;
    for (int i = j + 1; i < n; i++) {
      w[i] -= s * a[i][j];
    }
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
}
