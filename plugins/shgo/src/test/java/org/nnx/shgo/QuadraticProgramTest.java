package org.nnx.shgo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QuadraticProgramTest {

  private static final double[][] I3 = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};

  @Test
  void quadprogReferenceExample() {
    // The example of R's quadprog::solve.QP: min -(0,5,0)'x + x'x/2 with A'x >= b.
    double[][] c = {{-4, -3, 0}, {2, 1, 0}, {0, -2, 1}};
    double[] b = {-8, 2, 0};
    QuadraticProgram.Solution s = QuadraticProgram.solve(I3, new double[] {0, -5, 0}, c, b, 0);
    assertThat(s.status()).isEqualTo(QuadraticProgram.Status.OPTIMAL);
    assertThat(s.x()[0]).isCloseTo(0.4761905, within(1e-7));
    assertThat(s.x()[1]).isCloseTo(1.0476190, within(1e-7));
    assertThat(s.x()[2]).isCloseTo(2.0952381, within(1e-7));
    assertKkt(I3, new double[] {0, -5, 0}, c, b, 0, s);
  }

  @Test
  void equalityAndInequalityTogether() {
    // min |x|^2 / 2 s.t. x0 + x1 + x2 = 3, x0 >= 2: x = (2, 0.5, 0.5)
    double[][] c = {{1, 1, 1}, {1, 0, 0}};
    double[] b = {3, 2};
    QuadraticProgram.Solution s = QuadraticProgram.solve(I3, new double[3], c, b, 1);
    assertThat(s.status()).isEqualTo(QuadraticProgram.Status.OPTIMAL);
    assertThat(s.x()).containsExactly(new double[] {2, 0.5, 0.5}, within(1e-12));
    assertThat(s.multipliers()[0]).isCloseTo(0.5, within(1e-12));
    assertThat(s.multipliers()[1]).isCloseTo(1.5, within(1e-12));
    assertKkt(I3, new double[3], c, b, 1, s);
  }

  @Test
  void equalityAboveTheUnconstrainedMinimumFlipsSign() {
    // min (x0 - 5)^2 / 2 s.t. x0 = 1: the multiplier is negative
    double[][] g = {{1}};
    QuadraticProgram.Solution s =
        QuadraticProgram.solve(g, new double[] {-5}, new double[][] {{1}}, new double[] {1}, 1);
    assertThat(s.x()[0]).isCloseTo(1, within(1e-12));
    assertThat(s.multipliers()[0]).isCloseTo(-4, within(1e-12));
  }

  @Test
  void redundantEqualitiesAreAccepted() {
    double[][] c = {{1, 1, 0}, {2, 2, 0}};
    QuadraticProgram.Solution s = QuadraticProgram.solve(I3, new double[3], c, new double[] {2, 4}, 2);
    assertThat(s.status()).isEqualTo(QuadraticProgram.Status.OPTIMAL);
    assertThat(s.x()).containsExactly(new double[] {1, 1, 0}, within(1e-12));
  }

  @Test
  void contradictoryConstraintsAreInfeasible() {
    double[][] c = {{1, 0, 0}, {-1, 0, 0}};
    QuadraticProgram.Solution s = QuadraticProgram.solve(I3, new double[3], c, new double[] {1, 0}, 0);
    assertThat(s.status()).isEqualTo(QuadraticProgram.Status.INFEASIBLE);
  }

  @Test
  void indefiniteMatrixIsRejected() {
    double[][] g = {{1, 0}, {0, -1}};
    assertThat(QuadraticProgram.solve(g, new double[2], new double[0][], new double[0], 0).status())
        .isEqualTo(QuadraticProgram.Status.NOT_CONVEX);
  }

  private static void assertKkt(
      double[][] g, double[] a, double[][] c, double[] b, int meq, QuadraticProgram.Solution s) {
    int n = a.length;
    for (int i = 0; i < n; i++) {
      double r = a[i];
      for (int j = 0; j < n; j++) {
        r += g[i][j] * s.x()[j];
      }
      for (int k = 0; k < b.length; k++) {
        r -= s.multipliers()[k] * c[k][i];
      }
      assertThat(r).as("stationarity %d", i).isCloseTo(0, within(1e-10));
    }
    for (int k = 0; k < b.length; k++) {
      double slack = -b[k];
      for (int j = 0; j < n; j++) {
        slack += c[k][j] * s.x()[j];
      }
      if (k < meq) {
        assertThat(slack).isCloseTo(0, within(1e-10));
      } else {
        assertThat(slack).isGreaterThanOrEqualTo(-1e-10);
        assertThat(s.multipliers()[k]).isGreaterThanOrEqualTo(0);
        assertThat(slack * s.multipliers()[k]).isCloseTo(0, within(1e-10));
      }
    }
  }
}
