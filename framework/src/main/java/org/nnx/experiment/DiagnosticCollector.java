package org.nnx.experiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnx.syntax.Diagnostic;
import org.nnx.syntax.Location;

/** Collects diagnostics, keeping one per location and text (a sweep checks a value many times). */
final class DiagnosticCollector {

  private final Map<String, Diagnostic> byKey = new LinkedHashMap<>();

  void error(Location at, String message, String hint) {
    Diagnostic d = new Diagnostic(at, message, hint);
    byKey.putIfAbsent(d.format(), d);
  }

  boolean isEmpty() {
    return byKey.isEmpty();
  }

  /** The diagnostics in source order. */
  List<Diagnostic> sorted() {
    List<Diagnostic> all = new ArrayList<>(byKey.values());
    all.sort(Comparator.comparing((Diagnostic d) -> d.location().file())
        .thenComparingInt(d -> d.location().line())
        .thenComparingInt(d -> d.location().column()));
    return all;
  }
}
