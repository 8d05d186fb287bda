package org.nnx.report;

import java.util.ArrayList;
import java.util.List;

/** Renders a {@link ResultTable} as aligned plain text for the terminal, or as a Markdown table. */
public final class TextTable {

  private TextTable() {}

  /** Aligned columns: text left, numbers right. */
  public static String plain(ResultTable table) {
    int[] widths = widths(table);
    // whether each column is numeric, decided once: per row it made a table of n rows cost n^2 matches
    boolean[] numeric = new boolean[widths.length];
    for (int c = 0; c < numeric.length; c++) {
      numeric[c] = numeric(table, c);
    }
    StringBuilder out = new StringBuilder();
    row(out, table.columns(), widths, numeric, "  ");
    List<String> rule = new ArrayList<>();
    for (int w : widths) {
      rule.add("-".repeat(w));
    }
    out.append(String.join("  ", rule)).append('\n');
    for (List<String> r : table.rows()) {
      row(out, r, widths, numeric, "  ");
    }
    return out.toString();
  }

  /** A GitHub-flavoured Markdown table; numeric columns right-aligned. */
  public static String markdown(ResultTable table) {
    StringBuilder out = new StringBuilder("| ");
    out.append(String.join(" | ", table.columns())).append(" |\n|");
    for (int c = 0; c < table.columns().size(); c++) {
      out.append(numeric(table, c) ? " ---: |" : " --- |");
    }
    out.append('\n');
    for (List<String> r : table.rows()) {
      out.append("| ").append(String.join(" | ", r.stream().map(s -> s.replace("|", "\\|")).toList())).append(" |\n");
    }
    return out.toString();
  }

  private static void row(StringBuilder out, List<String> cells, int[] widths, boolean[] numeric, String gap) {
    List<String> padded = new ArrayList<>();
    for (int c = 0; c < cells.size(); c++) {
      String s = cells.get(c);
      String fill = " ".repeat(widths[c] - s.length());
      padded.add(numeric[c] ? fill + s : s + fill);
    }
    out.append(String.join(gap, padded).stripTrailing()).append('\n');
  }

  private static int[] widths(ResultTable table) {
    int[] widths = new int[table.columns().size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = table.columns().get(c).length();
      for (List<String> r : table.rows()) {
        widths[c] = Math.max(widths[c], r.get(c).length());
      }
    }
    return widths;
  }

  private static boolean numeric(ResultTable table, int column) {
    if (table.rows().isEmpty()) {
      return false;
    }
    for (List<String> r : table.rows()) {
      String s = r.get(column);
      if (!s.isEmpty() && !s.matches("-?[0-9.eE+-]+( ± [0-9.eE+-]+)?")) {
        return false;
      }
    }
    return true;
  }
}
