package org.nnx.shgo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DelaunayTriangulationTest {

  /** Adds the cube's corners, then points; the simplices must tile the unit cube exactly. */
  private static DelaunayTriangulation cubeWith(int d, List<double[]> points) {
    DelaunayTriangulation t = new DelaunayTriangulation(d);
    for (int mask = 0; mask < (1 << d); mask++) {
      double[] c = new double[d];
      for (int i = 0; i < d; i++) {
        c[i] = (mask >>> i) & 1;
      }
      t.add(c);
    }
    for (double[] p : points) {
      boolean corner = true;
      for (double v : p) {
        corner &= v == 0 || v == 1;
      }
      if (!corner) {
        t.add(p);
      }
    }
    return t;
  }

  private static double volume(DelaunayTriangulation t, int[] s, int d) {
    double[][] a = new double[d][d];
    double[] p0 = t.point(s[0]);
    for (int r = 0; r < d; r++) {
      double[] pr = t.point(s[r + 1]);
      for (int c = 0; c < d; c++) {
        a[r][c] = pr[c] - p0[c];
      }
    }
    double det = new LUDecomposition(new Array2DRowRealMatrix(a)).getDeterminant();
    double f = 1;
    for (int i = 2; i <= d; i++) {
      f *= i;
    }
    return Math.abs(det) / f;
  }

  private static List<double[]> sobol(int d, int n) {
    SobolSequenceGenerator g = new SobolSequenceGenerator(d);
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(g.nextVector());
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4, 5})
  void sobolPointsTileTheCube(int d) {
    DelaunayTriangulation t = cubeWith(d, sobol(d, 128));
    double total = 0;
    for (int[] s : t.simplices()) {
      total += volume(t, s, d);
    }
    assertThat(total).isCloseTo(1.0, within(1e-6));
    Adjacency adj = t.adjacency();
    for (int v = 0; v < t.size(); v++) {
      assertThat(adj.degree(v)).as("degree of %d", v).isGreaterThanOrEqualTo(d);
    }
  }

  @Test
  void randomPointsAreDelaunay() {
    SplittableRandom random = new SplittableRandom(7);
    List<double[]> pts = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      pts.add(new double[] {random.nextDouble(), random.nextDouble()});
    }
    DelaunayTriangulation t = cubeWith(2, pts);
    double total = 0;
    for (int[] s : t.simplices()) {
      total += volume(t, s, 2);
      // empty circumcircle
      double[] a = t.point(s[0]);
      double[] b = t.point(s[1]);
      double[] c = t.point(s[2]);
      double dd = 2 * (a[0] * (b[1] - c[1]) + b[0] * (c[1] - a[1]) + c[0] * (a[1] - b[1]));
      double ux = ((a[0] * a[0] + a[1] * a[1]) * (b[1] - c[1]) + (b[0] * b[0] + b[1] * b[1]) * (c[1] - a[1])
          + (c[0] * c[0] + c[1] * c[1]) * (a[1] - b[1])) / dd;
      double uy = ((a[0] * a[0] + a[1] * a[1]) * (c[0] - b[0]) + (b[0] * b[0] + b[1] * b[1]) * (a[0] - c[0])
          + (c[0] * c[0] + c[1] * c[1]) * (b[0] - a[0])) / dd;
      double r2 = (a[0] - ux) * (a[0] - ux) + (a[1] - uy) * (a[1] - uy);
      for (int v = 0; v < t.size(); v++) {
        double[] p = t.point(v);
        double dist = (p[0] - ux) * (p[0] - ux) + (p[1] - uy) * (p[1] - uy);
        // Delaunay up to the offsets of at most 2^10 / 2^30 per coordinate
        double slack = Math.sqrt(r2) - 4e-6;
        assertThat(dist).as("point %d inside circle of %s", v, java.util.Arrays.toString(s))
            .isGreaterThan(slack * slack);
      }
    }
    assertThat(total).isCloseTo(1.0, within(1e-9));
    // Euler: a triangulation of n points with h on the hull has 2n - 2 - h triangles; h = 4 here.
    assertThat(t.simplices()).hasSize(2 * t.size() - 2 - 4);
  }

  @Test
  void oneDimensionIsTheSortedChain() {
    DelaunayTriangulation t = new DelaunayTriangulation(1);
    t.add(new double[] {0.5});
    t.add(new double[] {0.1});
    t.add(new double[] {0.9});
    Adjacency adj = t.adjacency();
    assertThat(adj.neighbours(0)).containsExactly(1, 2);
    assertThat(adj.neighbours(1)).containsExactly(0);
    assertThat(adj.neighbours(2)).containsExactly(0);
  }

  @Test
  void tooFewPointsAreAllNeighbours() {
    DelaunayTriangulation t = new DelaunayTriangulation(3);
    t.add(new double[] {0, 0, 0});
    t.add(new double[] {0.5, 0.5, 0.5});
    t.add(new double[] {0.2, 0.7, 0.1});
    assertThat(t.adjacency().edges()).isEqualTo(3);
    assertThat(t.simplices()).isEmpty();
  }
}
