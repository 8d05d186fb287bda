package org.nnx.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.nnx.param.ParameterText;

/**
 * The rows of a results table as text cells. With one repeat, a row per trial; with several, a row
 * per trial whose numeric metric cells read {@code mean ± sd} (sample standard deviation over the
 * repeats); a value equal in every repeat, such as a parameter count, is shown once.
 */
public final class ResultTable {

  private final List<String> columns;
  private final List<List<String>> rows;

  private ResultTable(List<String> columns, List<List<String>> rows) {
    this.columns = List.copyOf(columns);
    this.rows = List.copyOf(rows);
  }

  /** The column names. */
  public List<String> columns() {
    return columns;
  }

  /** The rows, each with one cell per column. */
  public List<List<String>> rows() {
    return rows;
  }

  /**
   * A table of ready-made text cells, e.g. a report's correlation table.
   *
   * @param columns the column names
   * @param rows the rows, each with one cell per column
   * @throws IllegalArgumentException when a row's length differs from the number of columns
   */
  public static ResultTable ofCells(List<String> columns, List<List<String>> rows) {
    for (List<String> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException("a row has " + row.size() + " cells for " + columns.size() + " columns");
      }
    }
    return new ResultTable(columns, rows.stream().map(List::copyOf).toList());
  }

  /** Builds the table of {@code columns} for the results of trial repeats, a row per trial. */
  public static ResultTable of(List<TrialResult> results, List<String> columns) {
    Map<Integer, List<TrialResult>> byTrial = new LinkedHashMap<>();
    for (TrialResult r : results) {
      byTrial.computeIfAbsent(r.trial(), k -> new ArrayList<>()).add(r);
    }
    List<List<String>> rows = new ArrayList<>();
    for (List<TrialResult> repeats : byTrial.values()) {
      List<String> row = new ArrayList<>();
      for (String column : columns) {
        row.add(cell(repeats, column));
      }
      rows.add(row);
    }
    return new ResultTable(columns, rows);
  }

  private static String cell(List<TrialResult> repeats, String column) {
    TrialResult first = repeats.get(0);
    switch (column) {
      case "trial":
        return Integer.toString(first.trial());
      case "architecture":
        return first.architecture();
      case "repeat":
        return repeats.size() == 1 ? Integer.toString(first.repeat()) : "0.." + (repeats.size() - 1);
      case "seed":
        return repeats.size() == 1 ? Long.toString(first.seed()) : "(" + repeats.size() + " seeds)";
      default:
        break;
    }
    if (first.parameters().containsKey(column)) {
      return first.parameters().get(column);
    }
    if (repeats.size() == 1) {
      Object v = first.values().get(column);
      return v == null ? "" : format(v);
    }
    SummaryStatistics stats = new SummaryStatistics();
    for (TrialResult r : repeats) {
      if (r.values().get(column) instanceof Number n) {
        stats.addValue(n.doubleValue());
      } else {
        Object v = first.values().get(column);
        return v == null ? "" : format(v);
      }
    }
    if (stats.getMin() == stats.getMax()) {
      return format(stats.getMean());
    }
    return format(stats.getMean()) + " ± " + format(stats.getStandardDeviation());
  }

  /** Formats a value for people: integers in full, other numbers to 6 significant digits. */
  public static String format(Object value) {
    if (value instanceof List<?> list) {
      return String.join(";", list.stream().map(ResultTable::format).toList());
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        return Double.toString(d);
      }
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString((long) d);
      }
      return new java.math.BigDecimal(d).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
    return ParameterText.value(value, ";");
  }
}
