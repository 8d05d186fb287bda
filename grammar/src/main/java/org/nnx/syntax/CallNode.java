package org.nnx.syntax;

import java.util.List;

/**
 * A call such as {@code dense_mlp(width = 8, depth = 8)}, or a bare name where a call may stand
 * (e.g. {@code measure nn_mass}).
 *
 * @param location where the name starts
 * @param text the call as written, normalized
 * @param name the called name
 * @param arguments the arguments, in order
 * @param parenthesized whether the call was written with parentheses
 */
public record CallNode(Location location, String text, String name, List<Argument> arguments, boolean parenthesized)
    implements ValueNode {

  /**
   * One argument.
   *
   * @param location where the argument starts (its name, if named)
   * @param name the name, or {@code null} for a positional argument
   * @param value the value
   */
  public record Argument(Location location, String name, ValueNode value) {

    /** Whether the argument is written {@code name = value}. */
    public boolean isNamed() {
      return name != null;
    }
  }
}
