package org.nnx.syntax;

import java.util.List;

/**
 * The outcome of parsing: a syntax tree (possibly partial, when there are errors) and every
 * syntax error found, in source order.
 */
public record ParseResult(SourceFile file, List<Diagnostic> errors) {

  /** Whether the file parsed without errors. */
  public boolean ok() {
    return errors.isEmpty();
  }
}
