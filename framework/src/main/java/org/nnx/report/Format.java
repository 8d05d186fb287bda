package org.nnx.report;

import java.util.Locale;

/** Number formats shared by the report elements. */
final class Format {

  private Format() {}

  /** A number to 6 significant digits (integers in full); {@code n/a} when NaN. */
  static String number(double value) {
    return Double.isNaN(value) ? "n/a" : ResultTable.format(value);
  }

  /** A correlation coefficient or R² to 3 decimals; {@code n/a} when NaN. */
  static String coefficient(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    String s = String.format(Locale.ROOT, "%.3f", value);
    return s.equals("-0.000") ? "0.000" : s;
  }

  /** A confidence interval as {@code [lower, upper]}; {@code n/a} when undefined. */
  static String interval(Estimate estimate) {
    if (Double.isNaN(estimate.lower()) || Double.isNaN(estimate.upper())) {
      return "n/a";
    }
    return "[" + coefficient(estimate.lower()) + ", " + coefficient(estimate.upper()) + "]";
  }

  /** {@code "1 trial repeat"} or {@code "3 trial repeats"}. */
  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
