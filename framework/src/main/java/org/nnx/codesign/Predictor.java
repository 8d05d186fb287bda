package org.nnx.codesign;

import java.util.Arrays;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.nnx.report.Correlations;

/**
 * An accuracy predictor in one architecture metric, as FLASH fits it on a few trained samples: a
 * polynomial {@code y = a + b x} (linear) or {@code y = a + b x + c x^2} (quadratic), fitted by
 * ordinary least squares (Commons Math's QR solver).
 */
public final class Predictor {

  /** The polynomial's degree. */
  public enum Form {
    /** {@code a + b x}. */
    LINEAR(1),
    /** {@code a + b x + c x^2}. */
    QUADRATIC(2);

    private final int degree;

    Form(int degree) {
      this.degree = degree;
    }

    /** 1 or 2. */
    public int degree() {
      return degree;
    }

    /** {@code linear} or {@code quadratic}. */
    public String keyword() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * How well a predictor matches samples.
   *
   * @param n the number of samples
   * @param r2 the coefficient of determination {@code 1 - SS_res / SS_tot} (can be negative on
   *     held-out samples)
   * @param rmse the root mean squared error, in the units of {@code y}
   * @param kendallTau Kendall's tau-b between predictions and values, in [-1, 1] (NaN when either
   *     is constant)
   */
  public record Quality(int n, double r2, double rmse, double kendallTau) {}

  private final Form form;
  private final double[] coefficients;

  private Predictor(Form form, double[] coefficients) {
    this.form = form;
    this.coefficients = coefficients;
  }

  /**
   * Fits a predictor.
   *
   * @param form linear or quadratic
   * @param x the metric of each sample
   * @param y the value to predict of each sample (e.g. test accuracy)
   * @throws IllegalArgumentException with fewer than {@code degree + 2} samples, or when the
   *     samples' x do not determine the polynomial (too few distinct values)
   */
  public static Predictor fit(Form form, double[] x, double[] y) {
    int p = form.degree();
    if (x.length != y.length || x.length < p + 2) {
      throw new IllegalArgumentException("a " + form.keyword() + " predictor needs at least " + (p + 2)
          + " samples, got " + x.length);
    }
    double[][] rows = new double[x.length][p];
    for (int i = 0; i < x.length; i++) {
      for (int k = 0; k < p; k++) {
        rows[i][k] = Math.pow(x[i], k + 1);
      }
    }
    try {
      OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
      ols.newSampleData(y.clone(), rows);
      return new Predictor(form, ols.estimateRegressionParameters());
    } catch (RuntimeException singular) {
      throw new IllegalArgumentException("the samples' x values do not determine a " + form.keyword()
          + " predictor (" + singular.getMessage() + ")");
    }
  }

  /**
   * A predictor with given coefficients, e.g. one fitted earlier.
   *
   * @param coefficients {@code (a, b)} for a linear, {@code (a, b, c)} for a quadratic predictor
   * @throws IllegalArgumentException if their number does not fit the form
   */
  public static Predictor of(Form form, double... coefficients) {
    if (coefficients.length != form.degree() + 1) {
      throw new IllegalArgumentException("a " + form.keyword() + " predictor has " + (form.degree() + 1)
          + " coefficients, got " + coefficients.length);
    }
    return new Predictor(form, coefficients.clone());
  }

  /** The form. */
  public Form form() {
    return form;
  }

  /** {@code (a, b)} or {@code (a, b, c)}. */
  public double[] coefficients() {
    return coefficients.clone();
  }

  /** The prediction at {@code x}: {@code a + b x [+ c x^2]}. */
  public double predict(double x) {
    double v = 0;
    for (int k = coefficients.length - 1; k >= 0; k--) {
      v = v * x + coefficients[k];
    }
    return v;
  }

  /** The predictor's quality on samples. */
  public Quality quality(double[] x, double[] y) {
    double[] predicted = Arrays.stream(x).map(this::predict).toArray();
    double mean = Arrays.stream(y).average().orElse(Double.NaN);
    double ssRes = 0;
    double ssTot = 0;
    for (int i = 0; i < y.length; i++) {
      ssRes += (y[i] - predicted[i]) * (y[i] - predicted[i]);
      ssTot += (y[i] - mean) * (y[i] - mean);
    }
    double tau = y.length < 2 ? Double.NaN : Correlations.kendallTau(predicted, y);
    return new Quality(y.length, 1 - ssRes / ssTot, Math.sqrt(ssRes / y.length), tau);
  }

  /** The polynomial as text, e.g. {@code 0.12 + 0.0031 x - 2.1e-06 x^2}. */
  public String formula(String x) {
    StringBuilder out = new StringBuilder(fmt(coefficients[0]));
    for (int k = 1; k < coefficients.length; k++) {
      double c = coefficients[k];
      out.append(c < 0 ? " - " : " + ").append(fmt(Math.abs(c))).append(' ').append(x).append(k == 1 ? "" : "^" + k);
    }
    return out.toString();
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.4g", v);
  }
}
