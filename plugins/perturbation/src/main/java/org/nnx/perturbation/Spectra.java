package org.nnx.perturbation;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Singular values and condition numbers of dense matrices, with Commons Math's {@link
 * SingularValueDecomposition} (Golub–Kahan bidiagonalization, as in JAMA).
 *
 * <p><b>Zero smallest singular values.</b> A condition number {@code σ_max/σ_min} is infinite when
 * {@code σ_min = 0} (e.g. a ReLU layer whose pattern {@code D} zeroes a row of {@code W}). So that
 * means and plots stay finite, {@code σ_min} is replaced by {@code max(σ_min, FLOOR · σ_max)} with
 * {@link #FLOOR} {@code = 1e-12}, a little above the relative accuracy of a double-precision SVD
 * ({@code ~1e-16 · σ_max}), below which a singular value is indistinguishable from 0: every
 * log10 condition number therefore lies in {@code [0, 12]}, and 12 means "singular". The zero
 * matrix also gets 12.
 */
public final class Spectra {

  /** The relative floor of the smallest singular value (or eigenvalue): {@code 1e-12}, dimensionless. */
  public static final double FLOOR = 1e-12;

  private Spectra() {}

  /**
   * The singular values of the {@code m x n} matrix {@code a} (row-major), in decreasing order:
   * {@code min(m, n)} values, each {@code >= 0}. For a symmetric positive semi-definite matrix
   * (a kernel) these are its eigenvalues.
   *
   * @param a a rectangular matrix, {@code m, n >= 1}, finite entries (not modified)
   * @return a new array of {@code min(m, n)} values, in the units of {@code a}
   * @throws org.apache.commons.math3.exception.MathIllegalArgumentException if {@code a} is empty
   *     or ragged
   */
  public static double[] singularValues(double[][] a) {
    double[] s = new SingularValueDecomposition(new Array2DRowRealMatrix(a, false)).getSingularValues();
    double[] sorted = s.clone();
    Arrays.sort(sorted);
    double[] out = new double[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      out[i] = sorted[sorted.length - 1 - i];
    }
    return out;
  }

  /**
   * The singular values of the stacked {@code (n + m) x n} matrix {@code [I_n; B]} from those of
   * the {@code m x n} matrix {@code B}: {@code sqrt(1 + σ_k(B)²)} for {@code k < min(m, n)}, then 1
   * for the remaining {@code n − min(m, n)} ({@code [I; B]ᵀ[I; B] = I + BᵀB}). Decreasing.
   *
   * @param sigmaB the singular values of {@code B}, decreasing
   * @param n the columns of {@code B}
   */
  static double[] stackedIdentity(double[] sigmaB, int n) {
    double[] out = new double[n];
    Arrays.fill(out, 1);
    for (int k = 0; k < sigmaB.length; k++) {
      out[k] = Math.sqrt(1 + sigmaB[k] * sigmaB[k]);
    }
    return out;
  }

  /**
   * {@code log10(σ_max / max(σ_min, FLOOR · σ_max))} of decreasing non-negative values {@code s}
   * (singular values or eigenvalues of a positive semi-definite matrix): in {@code [0, 12]}; 12 for
   * an all-zero {@code s}.
   *
   * @param s at least one value, decreasing, each {@code >= 0}
   * @return the log10 condition number, in decades, in {@code [0, 12]}
   * @throws ArrayIndexOutOfBoundsException if {@code s} is empty
   */
  public static double log10Condition(double[] s) {
    double max = s[0];
    double min = s[s.length - 1];
    if (!(max > 0)) {
      return -Math.log10(FLOOR);
    }
    return Math.log10(max / Math.max(min, FLOOR * max));
  }

  /** The spectral norm {@code ‖a‖₂ = σ_max(a)}. */
  static double norm2(double[][] a) {
    return singularValues(a)[0];
  }
}
