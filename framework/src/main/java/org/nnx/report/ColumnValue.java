package org.nnx.report;

import java.util.regex.Pattern;

/**
 * The value of one results column in one trial repeat, as the numeric report elements ({@code plot},
 * {@code fit}, {@code correlate}) read it: a number, missing, or text that is not a number.
 *
 * <p>Key columns {@code trial}, {@code repeat} and {@code seed} are numbers and {@code architecture} is
 * text; an architecture parameter is a number when its text is a decimal number (e.g. {@code 8},
 * {@code 1.0E-3}), else text (names, booleans, lists, records); a metric value is a number, or text when
 * it is a per-cell list. A metric that failed, or a parameter the trial's family lacks, is missing.
 *
 * @param kind what the cell holds
 * @param number the value when {@code kind} is {@link Kind#NUMBER} (may be NaN or infinite), else NaN
 * @param text the value as people read it; empty when missing
 */
public record ColumnValue(Kind kind, double number, String text) {

  /** What a cell holds. */
  public enum Kind {
    /** A number, finite or not. */
    NUMBER,
    /** No value: the metric failed or the parameter does not apply. */
    MISSING,
    /** A value that is not one number. */
    TEXT
  }

  private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

  /** Whether this is a finite number. */
  public boolean isFinite() {
    return kind == Kind.NUMBER && Double.isFinite(number);
  }

  /** The value of {@code column} in {@code result}. */
  public static ColumnValue read(TrialResult result, String column) {
    switch (column) {
      case "trial":
        return number(result.trial());
      case "repeat":
        return number(result.repeat());
      case "seed":
        return number(result.seed());
      case "architecture":
        return new ColumnValue(Kind.TEXT, Double.NaN, result.architecture());
      default:
        break;
    }
    String parameter = result.parameters().get(column);
    if (parameter != null) {
      String trimmed = parameter.trim();
      return DECIMAL.matcher(trimmed).matches()
          ? new ColumnValue(Kind.NUMBER, Double.parseDouble(trimmed), parameter)
          : new ColumnValue(Kind.TEXT, Double.NaN, parameter);
    }
    Object value = result.values().get(column);
    if (value == null) {
      return new ColumnValue(Kind.MISSING, Double.NaN, "");
    }
    if (value instanceof Number n) {
      return new ColumnValue(Kind.NUMBER, n.doubleValue(), ResultTable.format(value));
    }
    return new ColumnValue(Kind.TEXT, Double.NaN, ResultTable.format(value));
  }

  private static ColumnValue number(double value) {
    return new ColumnValue(Kind.NUMBER, value, ResultTable.format(value));
  }
}
