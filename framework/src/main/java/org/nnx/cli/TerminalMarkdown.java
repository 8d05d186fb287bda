package org.nnx.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A report's Markdown as plain terminal text: tables aligned in columns (numbers to the right, as
 * their {@code ---:} marks say), headings underlined, links shown as their text, code marks dropped.
 */
final class TerminalMarkdown {

  private TerminalMarkdown() {}

  static String render(String markdown) {
    StringBuilder out = new StringBuilder();
    List<String> lines = markdown.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("|")) {
        List<String> table = new ArrayList<>();
        while (i < lines.size() && lines.get(i).startsWith("|")) {
          table.add(lines.get(i++));
        }
        i--;
        table(table, out);
      } else if (line.startsWith("#")) {
        String title = inline(line.replaceFirst("^#+\\s*", ""));
        out.append(title).append('\n').append((line.startsWith("# ") ? "=" : "-").repeat(title.length())).append('\n');
      } else {
        out.append(inline(line)).append('\n');
      }
    }
    return out.toString();
  }

  private static String inline(String text) {
    return text.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "").replace("**", "");
  }

  private static List<String> cells(String row) {
    String inner = row.strip();
    inner = inner.substring(1, inner.endsWith("|") && inner.length() > 1 ? inner.length() - 1 : inner.length());
    List<String> out = new ArrayList<>();
    for (String c : inner.split("(?<!\\\\)\\|", -1)) {
      out.add(inline(c.strip().replace("\\|", "|")));
    }
    return out;
  }

  private static void table(List<String> rows, StringBuilder out) {
    List<List<String>> body = new ArrayList<>();
    List<Boolean> right = new ArrayList<>();
    for (String row : rows) {
      List<String> c = cells(row);
      if (c.stream().allMatch(x -> x.matches(":?-{3,}:?"))) {
        c.forEach(x -> right.add(x.endsWith(":")));
        continue;
      }
      body.add(c);
    }
    int columns = body.stream().mapToInt(List::size).max().orElse(0);
    int[] width = new int[columns];
    for (List<String> r : body) {
      for (int j = 0; j < r.size(); j++) {
        width[j] = Math.max(width[j], r.get(j).length());
      }
    }
    for (int k = 0; k < body.size(); k++) {
      List<String> r = body.get(k);
      StringBuilder line = new StringBuilder();
      for (int j = 0; j < columns; j++) {
        String v = j < r.size() ? r.get(j) : "";
        boolean alignRight = j < right.size() && right.get(j);
        String pad = " ".repeat(width[j] - v.length());
        line.append(j == 0 ? "" : "  ").append(alignRight ? pad + v : v + pad);
      }
      out.append(line.toString().stripTrailing()).append('\n');
      if (k == 0) {
        StringBuilder rule = new StringBuilder();
        for (int j = 0; j < columns; j++) {
          rule.append(j == 0 ? "" : "  ").append("-".repeat(width[j]));
        }
        out.append(rule).append('\n');
      }
    }
  }
}
