package org.nnx.hardware.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RelativeLeastSquaresTest {

  @Test
  void recoversExactCoefficients() {
    SplittableRandom r = new SplittableRandom(3);
    double[] truth = {2e-6, 1e-9, 3e-10};
    double[][] x = new double[20][];
    double[] y = new double[20];
    for (int i = 0; i < 20; i++) {
      x[i] = new double[] {1 + r.nextInt(40), r.nextDouble() * 1e7, r.nextDouble() * 1e6};
      y[i] = RelativeLeastSquares.dot(x[i], truth);
    }
    double[] c = RelativeLeastSquares.fit(x, y);
    for (int j = 0; j < 3; j++) {
      assertThat(c[j]).isCloseTo(truth[j], within(1e-9 * truth[j]));
    }
  }

  @Test
  void keepsCoefficientsNonNegative() {
    // y = 2 x0 - x1 exactly; the best non-negative fit drops x1
    double[][] x = {{1, 0}, {2, 1}, {3, 1}, {4, 3}, {5, 1}};
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = 2 * x[i][0] - x[i][1];
    }
    double[] c = RelativeLeastSquares.fit(x, y);
    assertThat(c[1]).isZero();
    assertThat(c[0]).isPositive();
    assertThat(RelativeLeastSquares.cost(x, y, c)).isPositive();
  }

  @Test
  void rejectsTooFewSamplesAndNonPositiveTargets() {
    assertThatThrownBy(() -> RelativeLeastSquares.fit(new double[][] {{1, 2}}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RelativeLeastSquares.fit(new double[][] {{1}, {2}, {3}}, new double[] {1, 0, 2}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
