package org.nnx.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CorrelationsTest {

  @Test
  void kendallTauOfASmallExample() {
    // pairs of y = 3 1 2 5 4: 7 concordant, 3 discordant of 10
    assertThat(Correlations.kendallTau(new double[] {1, 2, 3, 4, 5}, new double[] {3, 1, 2, 5, 4}))
        .isCloseTo(0.4, within(1e-12));
  }

  @Test
  void kendallTauBAndSpearmanRhoWithTies() {
    double[] x = {1, 2, 2, 3};
    double[] y = {1, 3, 2, 4};
    // 5 concordant, 0 discordant, 1 pair tied in x: τ_b = 5 / sqrt((6 − 1)(6 − 0))
    assertThat(Correlations.kendallTau(x, y)).isCloseTo(5 / Math.sqrt(30), within(1e-12));
    // ranks of x: 1, 2.5, 2.5, 4; Pearson r of the ranks = 4.5 / sqrt(4.5 · 5) = sqrt(0.9)
    assertThat(Correlations.spearmanRho(x, y)).isCloseTo(Math.sqrt(0.9), within(1e-12));
  }

  @Test
  void pearsonAgainstTheHandComputedValue() {
    // Sxy = 6, Sxx = 10, Syy = 6
    assertThat(Correlations.pearsonR(new double[] {1, 2, 3, 4, 5}, new double[] {2, 4, 5, 4, 5}))
        .isCloseTo(6 / Math.sqrt(60), within(1e-12));
  }

  @Test
  void rankCorrelationsSeeOnlyTheOrder() {
    double[] x = {1, 2, 3, 4, 5, 6};
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.exp(x[i]);
    }
    assertThat(Correlations.kendallTau(x, y)).isEqualTo(1.0);
    assertThat(Correlations.spearmanRho(x, y)).isCloseTo(1.0, within(1e-12));
    assertThat(Correlations.pearsonR(x, y)).isLessThan(0.95);
    double[] reversed = {6, 5, 4, 3, 2, 1};
    assertThat(Correlations.kendallTau(x, reversed)).isEqualTo(-1.0);
    assertThat(Correlations.kendallTau(x, new double[] {2, 2, 2, 2, 2, 2})).isNaN();
    assertThat(Correlations.spearmanRho(x, new double[] {2, 2, 2, 2, 2, 2})).isNaN();
    assertThat(Correlations.pearsonR(x, new double[] {2, 2, 2, 2, 2, 2})).isNaN();
  }

  @Test
  void kendallTauMatchesABruteForceCountOnDataWithTies() {
    Random random = new Random(11);
    double[] x = new double[60];
    double[] y = new double[60];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextInt(8);
      y[i] = x[i] + random.nextInt(6);
    }
    long concordant = 0;
    long discordant = 0;
    long tiedX = 0;
    long tiedY = 0;
    long pairs = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = i + 1; j < x.length; j++) {
        pairs++;
        double s = Math.signum(x[i] - x[j]) * Math.signum(y[i] - y[j]);
        concordant += s > 0 ? 1 : 0;
        discordant += s < 0 ? 1 : 0;
        tiedX += x[i] == x[j] ? 1 : 0;
        tiedY += y[i] == y[j] ? 1 : 0;
      }
    }
    double expected = (concordant - discordant) / Math.sqrt((double) (pairs - tiedX) * (pairs - tiedY));
    assertThat(Correlations.kendallTau(x, y)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void bootstrapIntervalsContainTheEstimateAndAreReproducible() {
    Random random = new Random(3);
    double[] x = new double[40];
    double[] y = new double[40];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextGaussian();
      y[i] = 0.6 * x[i] + random.nextGaussian();
    }
    CorrelationSummary a = Correlations.bootstrap(x, y, 1000, 0.95, 42);
    CorrelationSummary b = Correlations.bootstrap(x, y, 1000, 0.95, 42);
    CorrelationSummary c = Correlations.bootstrap(x, y, 1000, 0.95, 43);
    assertThat(a).isEqualTo(b);
    assertThat(a.kendallTau()).isNotEqualTo(c.kendallTau());
    assertThat(a.kendallTau().value()).isEqualTo(Correlations.kendallTau(x, y));
    for (Estimate e : new Estimate[] {a.kendallTau(), a.spearmanRho(), a.pearsonR()}) {
      assertThat(e.contains(e.value())).as(e.toString()).isTrue();
      assertThat(e.lower()).isLessThan(e.upper()).isGreaterThanOrEqualTo(-1);
      assertThat(e.upper()).isLessThanOrEqualTo(1);
    }
    assertThat(a.n()).isEqualTo(40);
    assertThat(a.resamples()).isEqualTo(1000);
  }

  @Test
  void bootstrapIntervalWidthMatchesTheSamplingSpreadOfTau() {
    // independent x and y, n = 200: τ has standard deviation sqrt(2(2n + 5) / (9n(n − 1))) ≈ 0.0475, so a
    // 95% interval is about 2 · 1.96 · 0.0475 ≈ 0.19 wide and should contain 0
    Random random = new Random(5);
    double[] x = new double[200];
    double[] y = new double[200];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextGaussian();
      y[i] = random.nextGaussian();
    }
    Estimate tau = Correlations.bootstrap(x, y, 1000, 0.95, 1).kendallTau();
    assertThat(tau.upper() - tau.lower()).isBetween(0.15, 0.23);
    assertThat(tau.contains(0)).isTrue();
  }

  @Test
  void aPerfectMonotoneRelationHasADegenerateInterval() {
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8};
    double[] y = {2, 3, 5, 7, 11, 13, 17, 19};
    CorrelationSummary s = Correlations.bootstrap(x, y, 200, 0.95, 0);
    assertThat(s.kendallTau()).isEqualTo(new Estimate(1, 1, 1));
    assertThat(s.spearmanRho().lower()).isCloseTo(1, within(1e-12));
  }

  @Test
  void bootstrapSeedsDependOnTheExperimentSeedAndTheColumns() {
    long s = Correlations.bootstrapSeed(7, "test_accuracy", "nn_mass");
    assertThat(Correlations.bootstrapSeed(7, "test_accuracy", "nn_mass")).isEqualTo(s);
    assertThat(Correlations.bootstrapSeed(8, "test_accuracy", "nn_mass")).isNotEqualTo(s);
    assertThat(Correlations.bootstrapSeed(7, "test_accuracy", "params")).isNotEqualTo(s);
  }
}
