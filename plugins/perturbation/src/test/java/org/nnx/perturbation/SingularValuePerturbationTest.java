package org.nnx.perturbation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The perturbation facts the metrics rest on (Riedi, Balestriero, Baraniuk, Constructive
 * Approximation 2023), checked on random matrices of random shapes with fixed seeds.
 */
class SingularValuePerturbationTest {

  private static final int CASES = 300;

  private static double[][] gaussian(Random random, int m, int n, double scale) {
    double[][] a = new double[m][n];
    for (double[] row : a) {
      for (int j = 0; j < n; j++) {
        row[j] = scale * random.nextGaussian();
      }
    }
    return a;
  }

  private static double[][] sum(double[][] a, double[][] b) {
    double[][] c = new double[a.length][a[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        c[i][j] = a[i][j] + b[i][j];
      }
    }
    return c;
  }

  /** Weyl: |σ_k(A + E) − σ_k(A)| ≤ ‖E‖₂ for every k. */
  @Test
  void weylBoundsEverySingularValueShiftByTheNormOfThePerturbation() {
    Random random = new Random(1);
    double tightest = 0;
    for (int c = 0; c < CASES; c++) {
      int m = 1 + random.nextInt(9);
      int n = 1 + random.nextInt(9);
      double[][] a = gaussian(random, m, n, 1);
      double[][] e = gaussian(random, m, n, Math.pow(10, -3 + 3 * random.nextDouble()));
      double[] s = Spectra.singularValues(a);
      double[] t = Spectra.singularValues(sum(a, e));
      double bound = Spectra.norm2(e);
      for (int k = 0; k < s.length; k++) {
        assertThat(Math.abs(t[k] - s[k])).isLessThanOrEqualTo(bound * (1 + 1e-12) + 1e-14);
        tightest = Math.max(tightest, Math.abs(t[k] - s[k]) / bound);
      }
    }
    // the bound is attained closely on some cases (it is sharp), so the check is not vacuous
    assertThat(tightest).isGreaterThan(0.5);
  }

  /** σ_k([I; B]) = sqrt(1 + σ_k(B)²), and 1 for the n − min(m, n) others. */
  @Test
  void stackingTheIdentityOnTopMapsEachSingularValueToSqrtOnePlusItsSquare() {
    Random random = new Random(2);
    for (int c = 0; c < CASES; c++) {
      int m = 1 + random.nextInt(9);
      int n = 1 + random.nextInt(9);
      double[][] b = gaussian(random, m, n, Math.pow(10, -2 + 4 * random.nextDouble()));
      double[][] stacked = new double[n + m][];
      for (int i = 0; i < n; i++) {
        stacked[i] = new double[n];
        stacked[i][i] = 1;
      }
      System.arraycopy(b, 0, stacked, n, m);
      double[] direct = Spectra.singularValues(stacked);
      double[] formula = Spectra.stackedIdentity(Spectra.singularValues(b), n);
      assertThat(direct).hasSize(n);
      for (int k = 0; k < n; k++) {
        assertThat(direct[k]).isCloseTo(formula[k], within(1e-9 * direct[0]));
      }
      // so the condition number of [I; B] is sqrt(1 + σ_max²) / sqrt(1 + σ_min²) <= sqrt(1 + σ_max²)
      assertThat(direct[0] / direct[n - 1]).isLessThanOrEqualTo(Math.sqrt(1 + formula[0] * formula[0]));
    }
  }

  /**
   * For D = diag(d) with |d_i| in [η, 1] and any A: σ_k(D A) ∈ [η σ_k(A), σ_k(A)] for every k
   * (σ_k(XY) ≤ ‖X‖₂ σ_k(Y), applied to X = D and to X = D⁻¹).
   */
  @Test
  void aDiagonalWithEntriesBetweenEtaAndOneScalesEverySingularValueByAFactorInEtaOne() {
    Random random = new Random(3);
    double lowest = 1;
    for (int c = 0; c < CASES; c++) {
      int m = 1 + random.nextInt(9);
      int n = 1 + random.nextInt(9);
      double eta = random.nextInt(4) == 0 ? LocalNetwork.LEAKY_SLOPE : random.nextDouble();
      double[][] a = gaussian(random, m, n, 1);
      double[][] da = new double[m][n];
      for (int i = 0; i < m; i++) {
        double d = (eta + (1 - eta) * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
        for (int j = 0; j < n; j++) {
          da[i][j] = d * a[i][j];
        }
      }
      double[] s = Spectra.singularValues(a);
      double[] t = Spectra.singularValues(da);
      for (int k = 0; k < s.length; k++) {
        double tolerance = 1e-12 * s[0];
        assertThat(t[k]).isLessThanOrEqualTo(s[k] + tolerance).isGreaterThanOrEqualTo(eta * s[k] - tolerance);
        lowest = Math.min(lowest, t[k] / s[k] / eta);
      }
    }
    assertThat(lowest).isGreaterThanOrEqualTo(1 - 1e-9);
  }

  /** σ(Aᵀ ⊗ G) = σ(A)·σ(G): the Gauss–Newton factorization in one activation region. */
  @Test
  void kernelOfOneRegionFactorsIntoDataAndBackwardSpectra() {
    Random random = new Random(4);
    for (int c = 0; c < 50; c++) {
      int in = 1 + random.nextInt(5);
      int out = 1 + random.nextInt(5);
      int classes = 1 + random.nextInt(4);
      int samples = 1 + random.nextInt(5);
      double[][] a = gaussian(random, samples, in, 1);
      double[][] g = gaussian(random, classes, out, 1);
      double[][][] gs = new double[samples][][];
      java.util.Arrays.fill(gs, g);
      double[] spectrum = GaussNewton.spectrum(GaussNewton.kernel(a, gs), (long) in * out);
      double[] sa = Spectra.singularValues(a);
      double[] sg = Spectra.singularValues(g);
      double[] products = new double[spectrum.length];
      int p = 0;
      double[] all = new double[sa.length * sg.length];
      for (double x : sa) {
        for (double y : sg) {
          all[p++] = x * x * y * y;
        }
      }
      java.util.Arrays.sort(all);
      for (int k = 0; k < spectrum.length; k++) {
        products[k] = k < all.length ? all[all.length - 1 - k] : 0;
        assertThat(spectrum[k]).isCloseTo(products[k], within(1e-9 * spectrum[0]));
      }
    }
  }
}
