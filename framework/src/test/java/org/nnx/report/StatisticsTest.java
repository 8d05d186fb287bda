package org.nnx.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatisticsTest {

  @Test
  void meanAndSampleStandardDeviation() {
    assertThat(Statistics.mean(new double[] {1, 2, 3, 4})).isEqualTo(2.5);
    // Σ(x − 2.5)² = 5, divided by n − 1 = 3
    assertThat(Statistics.sampleStandardDeviation(new double[] {1, 2, 3, 4})).isCloseTo(Math.sqrt(5.0 / 3), within(1e-15));
    assertThat(Statistics.sampleStandardDeviation(new double[] {7})).isZero();
    assertThat(Statistics.mean(new double[] {1e16 + 2, 1e16 + 4})).isEqualTo(1e16 + 3);
    assertThatThrownBy(() -> Statistics.mean(new double[0])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void quantileInterpolatesBetweenOrderStatistics() {
    double[] values = {4, 1, 3, 2};
    assertThat(Statistics.quantile(values, 0)).isEqualTo(1);
    assertThat(Statistics.quantile(values, 1)).isEqualTo(4);
    assertThat(Statistics.quantile(values, 0.25)).isEqualTo(1.75);
    assertThat(Statistics.quantile(values, 0.5)).isEqualTo(2.5);
    assertThat(values).containsExactly(4, 1, 3, 2);
    assertThatThrownBy(() -> Statistics.quantile(values, 1.5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPerfectLineHasRSquaredOne() {
    double[] x = {1, 2, 3, 4, 5, 6};
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = -3 + 0.5 * x[i];
    }
    LinearFit fit = Statistics.fit(x, y);
    assertThat(fit.intercept()).isCloseTo(-3, within(1e-12));
    assertThat(fit.slope()).isCloseTo(0.5, within(1e-12));
    assertThat(fit.rSquared()).isCloseTo(1, within(1e-12));
    assertThat(fit.slopeStandardError()).isCloseTo(0, within(1e-12));
    assertThat(fit.n()).isEqualTo(6);
    assertThat(fit.predict(10)).isCloseTo(2, within(1e-12));
  }

  @Test
  void fitMatchesTheHandComputedLine() {
    // x̄ = 3, ȳ = 4, Sxx = 10, Sxy = 6: b = 0.6, a = 2.2; SSE = 2.4, SST = 6: R² = 0.6;
    // s² = SSE / 3 = 0.8: se(b) = sqrt(0.8 / 10), se(a) = sqrt(0.8 (1/5 + 9/10))
    LinearFit fit = Statistics.fit(new double[] {1, 2, 3, 4, 5}, new double[] {2, 4, 5, 4, 5});
    assertThat(fit.slope()).isCloseTo(0.6, within(1e-12));
    assertThat(fit.intercept()).isCloseTo(2.2, within(1e-12));
    assertThat(fit.rSquared()).isCloseTo(0.6, within(1e-12));
    assertThat(fit.slopeStandardError()).isCloseTo(Math.sqrt(0.08), within(1e-12));
    assertThat(fit.interceptStandardError()).isCloseTo(Math.sqrt(0.88), within(1e-12));
  }

  @Test
  void degenerateFits() {
    assertThatThrownBy(() -> Statistics.fit(new double[] {2, 2, 2}, new double[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no line");
    assertThatThrownBy(() -> Statistics.fit(new double[] {1}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Statistics.fit(new double[] {1, Double.NaN}, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class);
    LinearFit two = Statistics.fit(new double[] {0, 1}, new double[] {1, 3});
    assertThat(two.slope()).isCloseTo(2, within(1e-12));
    assertThat(two.slopeStandardError()).isNaN();
    assertThat(Statistics.fit(new double[] {0, 1, 2}, new double[] {5, 5, 5}).rSquared()).isNaN();
  }
}
