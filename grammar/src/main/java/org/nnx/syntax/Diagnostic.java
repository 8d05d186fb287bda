package org.nnx.syntax;

/**
 * An error in a user's input, printed as {@code file:line:col: error: message} followed, when
 * there is one, by {@code  (hint)}.
 *
 * @param location where the error is
 * @param message what is wrong, lower case, no trailing period
 * @param hint how to fix it, or {@code null}
 */
public record Diagnostic(Location location, String message, String hint) {

  /** The one-line form users see. */
  public String format() {
    String line = location + ": error: " + message;
    return hint == null ? line : line + " (" + hint + ")";
  }

  /**
   * The same as a warning, {@code file:line:col: warning: message (hint)}: for what is not wrong in
   * the file but will stop it elsewhere (e.g. {@code nnx check} finding data that {@code nnx run}
   * would need missing on this machine).
   */
  public String formatWarning() {
    String line = location + ": warning: " + message;
    return hint == null ? line : line + " (" + hint + ")";
  }

  @Override
  public String toString() {
    return format();
  }
}
