package org.nnx.syntax;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects diagnostics, keeping one per location and text (a sweep checks a value many times). */
public final class DiagnosticCollector {

  private final Map<String, Diagnostic> byKey = new LinkedHashMap<>();

  /** Adds an error unless the same text was already reported at the same place. */
  public void error(Location at, String message, String hint) {
    Diagnostic d = new Diagnostic(at, message, hint);
    byKey.putIfAbsent(d.format(), d);
  }

  /** Whether no error was reported. */
  public boolean isEmpty() {
    return byKey.isEmpty();
  }

  /** The diagnostics in source order. */
  public List<Diagnostic> sorted() {
    List<Diagnostic> all = new ArrayList<>(byKey.values());
    all.sort(Comparator.comparing((Diagnostic d) -> d.location().file())
        .thenComparingInt(d -> d.location().line())
        .thenComparingInt(d -> d.location().column()));
    return all;
  }
}
