package org.nnx.report;

import java.util.List;

/**
 * The elements a {@code report} may hold, with the columns and options each takes.
 *
 * <ul>
 *   <li>{@code table(column, ...)}: the listed columns, one row per trial (repeats as mean ± sd);
 *   <li>{@code plot(y, x, by = column)}: y against x, one series per value of {@code by}, error
 *       bars over repeats;
 *   <li>{@code fit(y, x)}: the least-squares line y = a + b·x over every trial repeat, with R²;
 *   <li>{@code correlate(y, [x1, x2, ...])}: rank and linear correlations of y with each x;
 *   <li>{@code profile(c1, c2, ..., by = column)}: several columns of each trial as one line, against
 *       the number each column's name ends with (e.g. certified accuracy against patch size).
 * </ul>
 */
public enum ReportKind {
  TABLE(1, Integer.MAX_VALUE, List.of(), "table(column, column, ...)"),
  PLOT(2, 2, List.of("by", "line", "log"), "plot(y, x, by = column, line = column, log = x|y|xy)"),
  FIT(2, 2, List.of(), "fit(y, x)"),
  CORRELATE(2, Integer.MAX_VALUE, List.of(), "correlate(y, [x1, x2, ...])"),
  PROFILE(2, Integer.MAX_VALUE, List.of("by"), "profile(c1, c2, ..., by = column)");

  private final int minColumns;
  private final int maxColumns;
  private final List<String> options;
  private final String usage;

  ReportKind(int minColumns, int maxColumns, List<String> options, String usage) {
    this.minColumns = minColumns;
    this.maxColumns = maxColumns;
    this.options = options;
    this.usage = usage;
  }

  /** The name users write, e.g. {@code table}. */
  public String keyword() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The fewest columns it takes. */
  public int minColumns() {
    return minColumns;
  }

  /** The most columns it takes. */
  public int maxColumns() {
    return maxColumns;
  }

  /** Names of the column-valued options it takes, e.g. {@code by}. */
  public List<String> options() {
    return options;
  }

  /** How it is written, for hints. */
  public String usage() {
    return usage;
  }
}
