package org.nnx.syntax;

import java.util.List;
import java.util.Optional;

/** A value as written in a source file, with its location. */
public sealed interface ValueNode
    permits ValueNode.Number, ValueNode.Text, ValueNode.Bool, ValueNode.Word, ValueNode.ListOf,
        ValueNode.SetSweep, ValueNode.RangeSweep, ValueNode.Sum, CallNode {

  /** Where the value starts. */
  Location location();

  /** The value as the user wrote it, normalized (e.g. {@code 0..14 step 2}). */
  String text();

  /**
   * A number, optionally with a unit ({@code 1.2 GHz}).
   *
   * @param integral whether it was written without a fraction or exponent
   * @param value its value
   * @param unit the unit, e.g. {@code GB/s}
   */
  record Number(Location location, String text, boolean integral, double value, Optional<String> unit)
      implements ValueNode {
    /** The value as a long; only meaningful when {@link #integral()}. */
    public long longValue() {
      return (long) value;
    }
  }

  /** A quoted string, unescaped. */
  record Text(Location location, String text, String value) implements ValueNode {}

  /** {@code true} or {@code false}. */
  record Bool(Location location, String text, boolean value) implements ValueNode {}

  /** A bare word such as {@code relu} or {@code mnist}. */
  record Word(Location location, String text) implements ValueNode {}

  /** A list {@code [a, b, c]}. */
  record ListOf(Location location, String text, List<ValueNode> elements) implements ValueNode {}

  /**
   * A combination {@code a + b(...) + c} of names and calls (e.g. weight codes composed in order);
   * what it means is up to the option that takes it.
   */
  record Sum(Location location, String text, List<ValueNode> parts) implements ValueNode {}

  /** A set sweep {@code {a, b, c}}: one trial per element. */
  record SetSweep(Location location, String text, List<ValueNode> elements) implements ValueNode {}

  /**
   * An inclusive integer range sweep {@code from..to} or {@code from..to step s}.
   *
   * @param stepLocation where the step value is, or the range's location when no step is written
   */
  record RangeSweep(Location location, String text, long from, long to, long step, Location stepLocation)
      implements ValueNode {}
}
