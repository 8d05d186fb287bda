package org.nnx.report;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link ResultTable} as an HTML table inside a horizontally scrolling wrapper. A sortable table
 * has a button in each header cell (the page's script sorts on click) and says how each column
 * sorts: a column whose cells are all numbers, {@code mean ± sd}, or empty / {@code n/a} / {@code
 * NaN} sorts numerically ({@code data-type="number"}, each cell's key in {@code data-v}: the number,
 * or the mean; cells without a key sort last), any other column as text.
 */
final class HtmlTable {

  /** A number as {@link ResultTable#format} and {@link Format} write it, optionally followed by {@code ± sd}. */
  private static final Pattern NUMBER = Pattern.compile(
      "\\s*(-?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|-?Infinity)(?:\\s*±\\s*\\S+)?\\s*");

  private HtmlTable() {}

  /**
   * The table's markup.
   *
   * @param table the cells
   * @param label what the table shows, for the scrolling region's accessible name
   * @param sortable whether its headers sort it
   */
  static String render(ResultTable table, String label, boolean sortable) {
    int columns = table.columns().size();
    boolean[] numeric = new boolean[columns];
    for (int c = 0; c < columns; c++) {
      numeric[c] = numeric(table, c);
    }
    StringBuilder out = new StringBuilder();
    out.append("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"")
        .append(HtmlText.escape(label)).append("\">\n<table").append(sortable ? " class=\"sortable\"" : "")
        .append(">\n<thead><tr>");
    for (int c = 0; c < columns; c++) {
      String name = HtmlText.escape(table.columns().get(c));
      out.append("<th scope=\"col\"").append(numeric[c] ? " class=\"n\"" : "");
      if (sortable) {
        out.append(" data-type=\"").append(numeric[c] ? "number" : "text").append("\" aria-sort=\"none\">")
            .append("<button type=\"button\">").append(name).append("</button>");
      } else {
        out.append('>').append(name);
      }
      out.append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : table.rows()) {
      out.append("<tr>");
      for (int c = 0; c < columns; c++) {
        String cell = row.get(c);
        out.append("<td");
        if (numeric[c]) {
          out.append(" class=\"n\"");
          key(cell).ifPresent(k -> out.append(" data-v=\"").append(HtmlText.escape(k)).append('"'));
        }
        out.append('>').append(HtmlText.escape(cell)).append("</td>");
      }
      out.append("</tr>\n");
    }
    return out.append("</tbody>\n</table>\n</div>\n").toString();
  }

  /** The numeric sort key of a cell: the number, or the mean of {@code mean ± sd}; empty when it has none. */
  static Optional<String> key(String cell) {
    Matcher m = NUMBER.matcher(cell);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Whether a column holds numbers: at least one cell with a key, every other one blank, n/a or NaN. */
  static boolean numeric(ResultTable table, int column) {
    boolean any = false;
    for (List<String> row : table.rows()) {
      String cell = row.get(column);
      if (key(cell).isPresent()) {
        any = true;
      } else if (!missing(cell)) {
        return false;
      }
    }
    return any;
  }

  private static boolean missing(String cell) {
    String s = cell.strip();
    return s.isEmpty() || s.equals("n/a") || s.equals("NaN") || s.startsWith("NaN ±");
  }
}
