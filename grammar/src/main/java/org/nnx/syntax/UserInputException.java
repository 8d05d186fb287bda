package org.nnx.syntax;

import java.util.List;
import org.nnx.syntax.Diagnostic;

/**
 * Errors in what a user wrote (syntax, unknown names, out-of-range values, missing data). The
 * command line prints each diagnostic on one line and exits with status 2.
 */
public class UserInputException extends Exception {

  private final List<Diagnostic> diagnostics;

  public UserInputException(List<Diagnostic> diagnostics) {
    super(diagnostics.isEmpty() ? "invalid input" : diagnostics.get(0).format());
    this.diagnostics = List.copyOf(diagnostics);
  }

  public UserInputException(Diagnostic diagnostic) {
    this(List.of(diagnostic));
  }

  /** Every error found, in source order. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
