package org.nnx.report;

/**
 * The axis label of a results column: its name, followed by its unit where nnx knows it. Times named
 * {@code *_s} are in seconds and {@code *_ms} in milliseconds, {@code params} counts trainable
 * scalars and {@code flops} counts floating-point operations for one example (the conventions of
 * {@code org.nnx.ir.Op}); other columns are shown by name, being dimensionless or in units only their
 * metric knows.
 */
public final class AxisLabel {

  private AxisLabel() {}

  /** The label of {@code column}, e.g. {@code "train_time_s (s)"} or {@code "params (count)"}. */
  public static String of(String column) {
    switch (column) {
      case "params":
        return "params (count)";
      case "flops":
        return "flops (FLOPs per example)";
      case "trial":
        return "trial (index)";
      default:
        break;
    }
    if (column.endsWith("_ms")) {
      return column + " (ms)";
    }
    if (column.endsWith("_s")) {
      return column + " (s)";
    }
    return column;
  }
}
