package org.nnx.shgo;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * An incremental Delaunay triangulation of points in the unit cube {@code [0, 1]^d}, the complex
 * that SHGO builds over its Sobol sampling points (SciPy calls Qhull for this; Endres, Sandrock and
 * Focke, J. Global Optim. 72 (2018) 181-217, section 3.2). Only its edges are used: two points are
 * neighbours when they share a Delaunay simplex.
 *
 * <p>Algorithm: Bowyer-Watson insertion (A. Bowyer, Comput. J. 24 (1981) 162-166; D. F. Watson,
 * Comput. J. 24 (1981) 167-172) in any dimension {@code d >= 2}. The convex hull is closed by
 * "infinite" simplices that join each hull facet to a vertex at infinity, so no bounding
 * super-simplex is needed. A point conflicts with a finite simplex when it lies strictly inside its
 * circumsphere and with an infinite one when it lies strictly beyond its hull facet; the conflicting
 * simplices form the cavity, which is re-triangulated by joining its boundary to the point.
 *
 * <p>Robustness: Sobol points lie on dyadic lattices, full of collinear, co-planar and co-spherical
 * subsets, where floating-point predicates contradict each other. Coordinates are therefore
 * snapped to a grid of {@code 2^30} steps per unit and moved by a fixed pseudo-random offset of at
 * most {@code 2^10} steps (about {@code 1e-6}, in the manner of Qhull's {@code QJ} option), and
 * both predicates (orientation and in-sphere) are evaluated exactly: in floating point when an
 * error bound proves the sign, otherwise with integer arithmetic (fraction-free Bareiss
 * elimination). Then the triangulation is the exact Delaunay triangulation of the offset points,
 * which is a valid triangulation of the given ones and Delaunay up to the offset. An exact tie
 * (probability near zero) restarts the construction with another offset. In one dimension the
 * triangulation is the sorted chain.
 *
 * <p>With fewer than {@code d + 1} affinely independent points there is no {@code d}-simplex; the
 * points are then all taken as neighbours of each other.
 */
final class DelaunayTriangulation {

  private static final int INF = -1;
  private static final double GRID = 1L << 30;
  private static final long JITTER = 1L << 10;
  private static final int MAX_RESTARTS = 8;
  private static final double EPS = Math.ulp(1.0);

  private final int d;
  private final int k; // vertices per simplex, d + 1
  private final int insideSign;
  private final double orientBound;
  private final double insphereBound;
  private final List<double[]> points = new ArrayList<>();
  private final List<long[]> grid = new ArrayList<>();
  private final List<Integer> pending = new ArrayList<>();
  private long salt;
  private boolean built;

  private int capacity;
  private int used;
  private int[] vs;
  private int[] nb;
  private double[] filter; // finite: circumcentre (d) and squared radius; infinite: unit normal and offset
  private int[] sign; // finite: orientation of the simplex; infinite: side of the inner vertex
  private boolean[] alive;
  private int[] freeList;
  private int freeCount;
  private int[] stamp;
  private int stampValue;

  /**
   * An empty triangulation.
   *
   * @param dimension the dimension d, {@code >= 1}
   */
  DelaunayTriangulation(int dimension) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be >= 1");
    }
    this.d = dimension;
    this.k = dimension + 1;
    this.orientBound = 8.0 * d * d * Math.pow(2, d) * EPS;
    this.insphereBound = 8.0 * k * k * Math.pow(2, k) * EPS;
    this.insideSign = d == 1 ? 1 : calibrateInside();
    reset();
  }

  /** The number of points added. */
  int size() {
    return points.size();
  }

  /**
   * Adds a point.
   *
   * @param unitPoint coordinates in {@code [0, 1]^d}
   * @return the point's index (points are numbered in the order they are added)
   */
  int add(double[] unitPoint) {
    if (unitPoint.length != d) {
      throw new IllegalArgumentException("point has " + unitPoint.length + " coordinates, not " + d);
    }
    int index = points.size();
    points.add(unitPoint.clone());
    grid.add(snap(index, unitPoint));
    if (d == 1) {
      return index;
    }
    try {
      if (built) {
        insert(index);
      } else {
        pending.add(index);
        tryStart();
      }
    } catch (DegenerateException e) {
      rebuild();
    }
    return index;
  }

  /** The neighbours of every point: the edges of the triangulation. */
  Adjacency adjacency() {
    int n = points.size();
    Adjacency.Builder builder = new Adjacency.Builder(n);
    if (d == 1) {
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Double.compare(points.get(a)[0], points.get(b)[0]));
      for (int i = 1; i < n; i++) {
        builder.add(order[i - 1], order[i]);
      }
      return builder.build();
    }
    if (!built) {
      return Adjacency.complete(n);
    }
    for (int s = 0; s < used; s++) {
      if (!alive[s] || isInfinite(s)) {
        continue;
      }
      for (int a = 0; a < k; a++) {
        for (int b = a + 1; b < k; b++) {
          builder.add(vs[s * k + a], vs[s * k + b]);
        }
      }
    }
    return builder.build();
  }

  /** The finite d-simplices, each as its d + 1 point indexes (none below d = 2). */
  List<int[]> simplices() {
    List<int[]> out = new ArrayList<>();
    if (!built) {
      return out;
    }
    for (int s = 0; s < used; s++) {
      if (alive[s] && !isInfinite(s)) {
        out.add(Arrays.copyOfRange(vs, s * k, s * k + k));
      }
    }
    return out;
  }

  /** The coordinates of point {@code i} as added. */
  double[] point(int i) {
    return points.get(i).clone();
  }

  // --------------------------------------------------------------------------------------------
  // Construction

  private long[] snap(int index, double[] p) {
    SplittableRandom random = new SplittableRandom(salt * 0x632BE59BD9B4E019L + index);
    long[] q = new long[d];
    for (int i = 0; i < d; i++) {
      q[i] = Math.round(p[i] * GRID) + random.nextLong(-JITTER, JITTER + 1);
    }
    return q;
  }

  private void reset() {
    capacity = 64;
    used = 0;
    vs = new int[capacity * k];
    nb = new int[capacity * k];
    filter = new double[capacity * k];
    sign = new int[capacity];
    alive = new boolean[capacity];
    freeList = new int[capacity];
    freeCount = 0;
    stamp = new int[capacity];
    stampValue = 0;
    built = false;
    pending.clear();
  }

  /** Starts again with other offsets after an exact tie. */
  private void rebuild() {
    for (int attempt = 0; attempt < MAX_RESTARTS; attempt++) {
      salt++;
      reset();
      for (int i = 0; i < points.size(); i++) {
        grid.set(i, snap(i, points.get(i)));
      }
      try {
        for (int i = 0; i < points.size(); i++) {
          if (built) {
            insert(i);
          } else {
            pending.add(i);
            tryStart();
          }
        }
        return;
      } catch (DegenerateException e) {
        // try other offsets
      }
    }
    throw new IllegalStateException(
        "Delaunay triangulation met exact ties with " + MAX_RESTARTS + " different offsets");
  }

  /** Builds the first simplex once d + 1 affinely independent points are pending. */
  private void tryStart() {
    if (pending.size() < k) {
      return;
    }
    int[] chosen = new int[k];
    chosen[0] = pending.get(0);
    double[] a0 = points.get(chosen[0]);
    List<double[]> basis = new ArrayList<>();
    for (int c = 1; c < k; c++) {
      double best = -1;
      int bestIndex = -1;
      double[] bestResidual = null;
      for (int idx : pending) {
        double[] r = new double[d];
        double[] pi = points.get(idx);
        for (int i = 0; i < d; i++) {
          r[i] = pi[i] - a0[i];
        }
        for (double[] e : basis) {
          double t = dot(r, e);
          for (int i = 0; i < d; i++) {
            r[i] -= t * e[i];
          }
        }
        double len = Math.sqrt(dot(r, r));
        if (len > best) {
          best = len;
          bestIndex = idx;
          bestResidual = r;
        }
      }
      if (best < 1e-7) {
        return; // the points span less than d dimensions so far
      }
      for (int i = 0; i < d; i++) {
        bestResidual[i] /= best;
      }
      basis.add(bestResidual);
      chosen[c] = bestIndex;
    }
    int s0 = allocate();
    for (int i = 0; i < k; i++) {
      vs[s0 * k + i] = chosen[i];
    }
    int[] inf = new int[k];
    for (int i = 0; i < k; i++) {
      inf[i] = allocate();
      for (int j = 0; j < k; j++) {
        vs[inf[i] * k + j] = j == i ? INF : chosen[j];
      }
    }
    for (int i = 0; i < k; i++) {
      nb[s0 * k + i] = inf[i];
      for (int j = 0; j < k; j++) {
        nb[inf[i] * k + j] = j == i ? s0 : inf[j];
      }
    }
    built = true;
    prepare(s0);
    for (int i = 0; i < k; i++) {
      prepare(inf[i]);
    }
    Set<Integer> start = new HashSet<>();
    for (int c : chosen) {
      start.add(c);
    }
    List<Integer> rest = new ArrayList<>(pending);
    pending.clear();
    for (int idx : rest) {
      if (!start.contains(idx)) {
        insert(idx);
      }
    }
  }

  private void insert(int pi) {
    long[] p = grid.get(pi);
    double[] pu = new double[d];
    for (int i = 0; i < d; i++) {
      pu[i] = p[i] / GRID;
    }
    int seed = -1;
    for (int s = 0; s < used && seed < 0; s++) {
      if (alive[s] && mayConflict(s, pu) && conflicts(s, p)) {
        seed = s;
      }
    }
    for (int s = 0; s < used && seed < 0; s++) {
      if (alive[s] && conflicts(s, p)) {
        seed = s; // the floating-point pre-test was wrong on a badly shaped simplex
      }
    }
    if (seed < 0) {
      throw new DegenerateException();
    }
    stampValue++;
    List<Integer> cavity = new ArrayList<>();
    cavity.add(seed);
    stamp[seed] = stampValue;
    for (int c = 0; c < cavity.size(); c++) {
      int s = cavity.get(c);
      for (int i = 0; i < k; i++) {
        int t = nb[s * k + i];
        if (stamp[t] != stampValue && conflicts(t, p)) {
          stamp[t] = stampValue;
          cavity.add(t);
        }
      }
    }
    List<int[]> boundary = new ArrayList<>();
    Map<Integer, Boolean> kept = new HashMap<>();
    for (int s : cavity) {
      for (int i = 0; i < k; i++) {
        int v = vs[s * k + i];
        if (v != INF) {
          kept.putIfAbsent(v, Boolean.FALSE);
        }
        int t = nb[s * k + i];
        if (stamp[t] != stampValue) {
          boundary.add(new int[] {s, i, t});
        }
      }
    }
    for (int[] f : boundary) {
      for (int i = 0; i < k; i++) {
        int v = vs[f[0] * k + i];
        if (i != f[1] && v != INF) {
          kept.put(v, Boolean.TRUE);
        }
      }
    }
    if (kept.containsValue(Boolean.FALSE)) {
      throw new DegenerateException();
    }
    int[] created = new int[boundary.size()];
    Map<RidgeKey, int[]> ridges = new HashMap<>();
    for (int b = 0; b < boundary.size(); b++) {
      int s = boundary.get(b)[0];
      int i = boundary.get(b)[1];
      int t = boundary.get(b)[2];
      int ns = allocate();
      created[b] = ns;
      for (int j = 0; j < k; j++) {
        vs[ns * k + j] = j == i ? pi : vs[s * k + j];
      }
      nb[ns * k + i] = t;
      for (int j = 0; j < k; j++) {
        if (nb[t * k + j] == s) {
          nb[t * k + j] = ns;
        }
      }
      for (int j = 0; j < k; j++) {
        if (j == i) {
          continue;
        }
        int[] ridge = new int[k - 2];
        int r = 0;
        for (int q = 0; q < k; q++) {
          if (q != i && q != j) {
            ridge[r++] = vs[ns * k + q];
          }
        }
        Arrays.sort(ridge);
        RidgeKey key = new RidgeKey(ridge);
        int[] other = ridges.remove(key);
        if (other == null) {
          ridges.put(key, new int[] {ns, j});
        } else {
          nb[ns * k + j] = other[0];
          nb[other[0] * k + other[1]] = ns;
        }
      }
    }
    if (!ridges.isEmpty()) {
      throw new DegenerateException();
    }
    for (int s : cavity) {
      alive[s] = false;
      freeList[freeCount++] = s;
    }
    for (int ns : created) {
      prepare(ns);
    }
  }

  /** Caches the exact sign and the floating-point filter data of a new simplex. */
  private void prepare(int s) {
    int base = s * k;
    int infAt = -1;
    for (int i = 0; i < k; i++) {
      if (vs[base + i] == INF) {
        infAt = i;
      }
    }
    if (infAt < 0) {
      long[][] pts = new long[k][];
      for (int i = 0; i < k; i++) {
        pts[i] = grid.get(vs[base + i]);
      }
      int o = orientation(pts);
      if (o == 0) {
        throw new DegenerateException();
      }
      sign[s] = o;
      circumsphere(pts, base);
      return;
    }
    long[][] pts = new long[k][];
    int f = 0;
    for (int i = 0; i < k; i++) {
      if (i != infAt) {
        pts[f++] = grid.get(vs[base + i]);
      }
    }
    int inner = nb[base + infAt];
    int innerVertex = INF;
    for (int i = 0; i < k; i++) {
      if (nb[inner * k + i] == s) {
        innerVertex = vs[inner * k + i];
      }
    }
    if (innerVertex == INF) {
      throw new DegenerateException();
    }
    pts[d] = grid.get(innerVertex);
    int o = orientation(pts);
    if (o == 0) {
      throw new DegenerateException();
    }
    sign[s] = o;
    hullPlane(pts, base, o);
  }

  /** Exact conflict test of grid point {@code p} with simplex {@code s}. */
  private boolean conflicts(int s, long[] p) {
    int base = s * k;
    int infAt = -1;
    for (int i = 0; i < k; i++) {
      if (vs[base + i] == INF) {
        infAt = i;
      }
    }
    long[][] pts = new long[k][];
    if (infAt < 0) {
      for (int i = 0; i < k; i++) {
        pts[i] = grid.get(vs[base + i]);
      }
      int in = insphere(pts, p);
      if (in == 0) {
        throw new DegenerateException();
      }
      return in * sign[s] == insideSign;
    }
    int f = 0;
    for (int i = 0; i < k; i++) {
      if (i != infAt) {
        pts[f++] = grid.get(vs[base + i]);
      }
    }
    pts[d] = p;
    int o = orientation(pts);
    if (o == 0) {
      throw new DegenerateException();
    }
    return o == -sign[s];
  }

  /** A cheap floating-point pre-test: false only when {@code s} surely does not conflict. */
  private boolean mayConflict(int s, double[] pu) {
    int base = s * k;
    if (isInfinite(s)) {
      double side = -filter[base + d];
      for (int i = 0; i < d; i++) {
        side += filter[base + i] * pu[i];
      }
      return !(side < -1e-6);
    }
    double dist = 0;
    for (int i = 0; i < d; i++) {
      double t = pu[i] - filter[base + i];
      dist += t * t;
    }
    return !(dist > filter[base + d] * (1 + 1e-6) + 1e-12);
  }

  private void circumsphere(long[][] pts, int base) {
    double[][] a = new double[d][d + 1];
    for (int r = 0; r < d; r++) {
      double rhs = 0;
      for (int c = 0; c < d; c++) {
        double e = (pts[r + 1][c] - pts[0][c]) / GRID;
        a[r][c] = 2 * e;
        rhs += e * e;
      }
      a[r][d] = rhs;
    }
    double[] centre = solve(a);
    double r2 = 0;
    for (int c = 0; c < d; c++) {
      double x = centre == null ? Double.NaN : centre[c];
      filter[base + c] = pts[0][c] / GRID + x;
      r2 += x * x;
    }
    filter[base + d] = r2;
  }

  /** Unit normal of the hull facet pts[0..d-1], pointing away from pts[d] (orientation o). */
  private void hullPlane(long[][] pts, int base, int o) {
    double[] normal = new double[d];
    double[][] minor = new double[d - 1][d - 1];
    for (int c = 0; c < d; c++) {
      for (int r = 0; r < d - 1; r++) {
        int mc = 0;
        for (int cc = 0; cc < d; cc++) {
          if (cc != c) {
            minor[r][mc++] = (pts[r + 1][cc] - pts[0][cc]) / GRID;
          }
        }
      }
      normal[c] = ((c & 1) == 0 ? 1 : -1) * determinant(copy(minor));
    }
    double len = Math.sqrt(dot(normal, normal));
    double side = 0;
    for (int c = 0; c < d; c++) {
      normal[c] = len > 0 ? normal[c] / len : Double.NaN;
      side += normal[c] * (pts[d][c] - pts[0][c]) / GRID;
    }
    double flip = side > 0 ? -1 : 1;
    double offset = 0;
    for (int c = 0; c < d; c++) {
      filter[base + c] = flip * normal[c];
      offset += filter[base + c] * pts[0][c] / GRID;
    }
    filter[base + d] = offset;
  }

  private boolean isInfinite(int s) {
    for (int i = 0; i < k; i++) {
      if (vs[s * k + i] == INF) {
        return true;
      }
    }
    return false;
  }

  private int allocate() {
    if (freeCount > 0) {
      int s = freeList[--freeCount];
      alive[s] = true;
      stamp[s] = 0;
      return s;
    }
    if (used == capacity) {
      capacity *= 2;
      vs = Arrays.copyOf(vs, capacity * k);
      nb = Arrays.copyOf(nb, capacity * k);
      filter = Arrays.copyOf(filter, capacity * k);
      sign = Arrays.copyOf(sign, capacity);
      alive = Arrays.copyOf(alive, capacity);
      freeList = Arrays.copyOf(freeList, capacity);
      stamp = Arrays.copyOf(stamp, capacity);
    }
    alive[used] = true;
    stamp[used] = 0;
    return used++;
  }

  // --------------------------------------------------------------------------------------------
  // Exact predicates

  /** The sign of {@code det[p_r - p_0], r = 1..d} for d + 1 grid points. */
  private int orientation(long[][] pts) {
    double[][] a = new double[d][d];
    for (int r = 0; r < d; r++) {
      for (int c = 0; c < d; c++) {
        a[r][c] = pts[r + 1][c] - pts[0][c];
      }
    }
    double hadamard = balance(a);
    double det = determinant(a);
    if (Math.abs(det) > orientBound * hadamard) {
      return det > 0 ? 1 : -1;
    }
    BigInteger[][] m = new BigInteger[d][d];
    for (int r = 0; r < d; r++) {
      for (int c = 0; c < d; c++) {
        m[r][c] = BigInteger.valueOf(pts[r + 1][c] - pts[0][c]);
      }
    }
    return bareissSign(m);
  }

  /** The sign of {@code det[x_i - p, |x_i - p|^2], i = 0..d} for a simplex x and a point p. */
  private int insphere(long[][] pts, long[] p) {
    double[][] a = new double[k][k];
    for (int r = 0; r < k; r++) {
      double lift = 0;
      for (int c = 0; c < d; c++) {
        double e = pts[r][c] - p[c];
        a[r][c] = e;
        lift += e * e;
      }
      a[r][d] = lift;
    }
    double hadamard = balance(a);
    double det = determinant(a);
    if (Math.abs(det) > insphereBound * hadamard) {
      return det > 0 ? 1 : -1;
    }
    BigInteger[][] m = new BigInteger[k][k];
    for (int r = 0; r < k; r++) {
      BigInteger lift = BigInteger.ZERO;
      for (int c = 0; c < d; c++) {
        BigInteger e = BigInteger.valueOf(pts[r][c] - p[c]);
        m[r][c] = e;
        lift = lift.add(e.multiply(e));
      }
      m[r][d] = lift;
    }
    return bareissSign(m);
  }

  /** Which sign of (in-sphere times orientation) means "inside", found on a regular simplex. */
  private int calibrateInside() {
    long[][] pts = new long[k][d];
    for (int i = 1; i < k; i++) {
      pts[i][i - 1] = 1000;
    }
    long[] centre = new long[d];
    Arrays.fill(centre, 100);
    return insphere(pts, centre) * orientation(pts);
  }

  /**
   * Scales each column of {@code a} by a power of two (exactly, so the determinant keeps its sign)
   * to make its largest entry lie in [1, 2), and returns the Hadamard bound (product of row
   * lengths) of the scaled matrix, against which the rounding error of its determinant is judged.
   */
  private static double balance(double[][] a) {
    int n = a.length;
    for (int c = 0; c < n; c++) {
      double max = 0;
      for (int r = 0; r < n; r++) {
        max = Math.max(max, Math.abs(a[r][c]));
      }
      if (max > 0) {
        double scale = Math.scalb(1.0, -Math.getExponent(max));
        for (int r = 0; r < n; r++) {
          a[r][c] *= scale;
        }
      }
    }
    double hadamard = 1;
    for (int r = 0; r < n; r++) {
      double len = 0;
      for (int c = 0; c < n; c++) {
        len += a[r][c] * a[r][c];
      }
      hadamard *= Math.sqrt(len);
    }
    return hadamard;
  }

  /** The sign of an integer determinant by fraction-free (Bareiss) elimination. */
  private static int bareissSign(BigInteger[][] m) {
    int n = m.length;
    int s = 1;
    BigInteger prev = BigInteger.ONE;
    for (int col = 0; col < n - 1; col++) {
      if (m[col][col].signum() == 0) {
        int swap = -1;
        for (int r = col + 1; r < n; r++) {
          if (m[r][col].signum() != 0) {
            swap = r;
            break;
          }
        }
        if (swap < 0) {
          return 0;
        }
        BigInteger[] tmp = m[col];
        m[col] = m[swap];
        m[swap] = tmp;
        s = -s;
      }
      for (int r = col + 1; r < n; r++) {
        for (int c = col + 1; c < n; c++) {
          m[r][c] = m[r][c].multiply(m[col][col]).subtract(m[r][col].multiply(m[col][c])).divide(prev);
        }
      }
      prev = m[col][col];
    }
    return s * m[n - 1][n - 1].signum();
  }

  /** Gaussian elimination with partial pivoting on an augmented d x (d+1) matrix, or null. */
  private static double[] solve(double[][] a) {
    int n = a.length;
    for (int col = 0; col < n; col++) {
      int piv = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
          piv = r;
        }
      }
      if (a[piv][col] == 0) {
        return null;
      }
      double[] tmp = a[col];
      a[col] = a[piv];
      a[piv] = tmp;
      for (int r = col + 1; r < n; r++) {
        double factor = a[r][col] / a[col][col];
        for (int c = col; c <= n; c++) {
          a[r][c] -= factor * a[col][c];
        }
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = a[r][n];
      for (int c = r + 1; c < n; c++) {
        s -= a[r][c] * x[c];
      }
      x[r] = s / a[r][r];
    }
    return x;
  }

  /** Determinant by Gaussian elimination with partial pivoting (destroys {@code a}). */
  private static double determinant(double[][] a) {
    int n = a.length;
    double det = 1;
    for (int col = 0; col < n; col++) {
      int piv = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
          piv = r;
        }
      }
      if (a[piv][col] == 0) {
        return 0;
      }
      if (piv != col) {
        double[] tmp = a[col];
        a[col] = a[piv];
        a[piv] = tmp;
        det = -det;
      }
      det *= a[col][col];
      for (int r = col + 1; r < n; r++) {
        double factor = a[r][col] / a[col][col];
        for (int c = col + 1; c < n; c++) {
          a[r][c] -= factor * a[col][c];
        }
      }
    }
    return det;
  }

  private static double[][] copy(double[][] a) {
    double[][] b = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i].clone();
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

  /** A sorted ridge (d - 1 vertex ids, the vertex at infinity as -1). */
  private record RidgeKey(int[] ids) {
    @Override
    public boolean equals(Object o) {
      return o instanceof RidgeKey r && Arrays.equals(ids, r.ids);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(ids);
    }
  }

  /** An exact tie or an inconsistent cavity; the caller restarts with other offsets. */
  private static final class DegenerateException extends RuntimeException {
    DegenerateException() {
      super(null, null, false, false);
    }
  }
}
