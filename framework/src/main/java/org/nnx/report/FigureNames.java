package org.nnx.report;

import java.util.HashSet;
import java.util.Set;

/** Hands out file names for a report's figures, unique within the report and safe on every file system. */
final class FigureNames {

  private final Set<String> used = new HashSet<>();

  /**
   * A unique base name (without extension) for {@code kind-y-vs-x}: characters other than letters,
   * digits, {@code _}, {@code .} and {@code -} become {@code _}, and a repeated name gets {@code -2},
   * {@code -3}, ….
   */
  String next(String kind, String y, String x) {
    String base = kind + "-" + safe(y) + "-vs-" + safe(x);
    String name = base;
    for (int i = 2; !used.add(name); i++) {
      name = base + "-" + i;
    }
    return name;
  }

  private static String safe(String column) {
    String s = column.replaceAll("[^A-Za-z0-9_.-]+", "_").replaceAll("^_+|_+$", "");
    return s.isEmpty() ? "column" : s;
  }
}
