package org.nnx.codesign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PredictorTest {

  @Test
  void recoversAnExactQuadratic() {
    double[] x = {1, 2, 3, 4, 5, 6};
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = 0.5 + 0.25 * x[i] - 0.01 * x[i] * x[i];
    }
    Predictor p = Predictor.fit(Predictor.Form.QUADRATIC, x, y);
    assertThat(p.coefficients()).containsExactly(new double[] {0.5, 0.25, -0.01}, within(1e-12));
    assertThat(p.predict(10)).isCloseTo(0.5 + 2.5 - 1, within(1e-12));
    Predictor.Quality q = p.quality(x, y);
    assertThat(q.r2()).isCloseTo(1, within(1e-12));
    assertThat(q.rmse()).isCloseTo(0, within(1e-12));
    assertThat(q.kendallTau()).isCloseTo(1, within(1e-12));
    assertThat(q.n()).isEqualTo(6);
    assertThat(p.formula("g")).isEqualTo("0.5000 + 0.2500 g - 0.01000 g^2");
  }

  @Test
  void aLinearFitOfNoisyDataHasTheTextbookStatistics() {
    double[] x = {0, 1, 2, 3};
    double[] y = {1, 3, 2, 5};
    Predictor p = Predictor.fit(Predictor.Form.LINEAR, x, y);
    // slope = cov / var = (sum (x - 1.5)(y - 2.75)) / 5 = 5.5 / 5; intercept = 2.75 - 1.1 * 1.5
    assertThat(p.coefficients()).containsExactly(new double[] {1.1, 1.1}, within(1e-12));
    Predictor.Quality q = p.quality(x, y);
    double ssRes = sq(1 - 1.1) + sq(3 - 2.2) + sq(2 - 3.3) + sq(5 - 4.4);
    double ssTot = sq(1 - 2.75) + sq(3 - 2.75) + sq(2 - 2.75) + sq(5 - 2.75);
    assertThat(q.r2()).isCloseTo(1 - ssRes / ssTot, within(1e-12));
    assertThat(q.rmse()).isCloseTo(Math.sqrt(ssRes / 4), within(1e-12));
    // predictions are increasing; y's order has one discordant pair of six: tau = (5 - 1) / 6
    assertThat(q.kendallTau()).isCloseTo(4.0 / 6, within(1e-12));
    // held-out samples far from the fit can give a negative R^2
    assertThat(p.quality(new double[] {10, 11}, new double[] {0, 1}).r2()).isNegative();
  }

  @Test
  void tooFewSamplesOrCoefficientsAreRejected() {
    assertThatThrownBy(() -> Predictor.fit(Predictor.Form.QUADRATIC, new double[] {1, 2, 3}, new double[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 4 samples");
    assertThatThrownBy(() -> Predictor.fit(Predictor.Form.QUADRATIC, new double[] {1, 1, 1, 1}, new double[] {1, 2, 3, 4}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not determine");
    assertThatThrownBy(() -> Predictor.of(Predictor.Form.LINEAR, 1, 2, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Predictor.of(Predictor.Form.LINEAR, 1, 2).predict(3)).isEqualTo(7);
  }

  private static double sq(double v) {
    return v * v;
  }
}
