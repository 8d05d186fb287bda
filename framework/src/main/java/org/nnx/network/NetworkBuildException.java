package org.nnx.network;

import org.nnx.syntax.Diagnostic;
import org.nnx.syntax.Location;

/** A mistake in a network written in the language, at its place in the file. */
public final class NetworkBuildException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient Diagnostic diagnostic;

  /**
   * @param at where the mistake is
   * @param message what is wrong, without a trailing period
   * @param hint how to fix it, or {@code null}
   */
  public NetworkBuildException(Location at, String message, String hint) {
    super(at.file() + ":" + at.line() + ":" + at.column() + ": " + message + (hint == null ? "" : " (" + hint + ")"));
    this.diagnostic = new Diagnostic(at, message, hint);
  }

  /** The mistake as a located diagnostic. */
  public Diagnostic diagnostic() {
    return diagnostic;
  }
}
