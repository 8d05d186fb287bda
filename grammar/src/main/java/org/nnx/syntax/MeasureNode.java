package org.nnx.syntax;

import java.util.Optional;

/**
 * One entry of a {@code measure} list: a metric call, optionally named with {@code as NAME}.
 *
 * @param call the metric and its options
 * @param label the measurement's name, if written
 * @param labelLocation where the name is (the call's location without one)
 */
public record MeasureNode(CallNode call, Optional<String> label, Location labelLocation) {

  /** An unnamed measurement. */
  public MeasureNode(CallNode call) {
    this(call, Optional.empty(), call.location());
  }

  /** Where the entry starts. */
  public Location location() {
    return call.location();
  }

  /** The entry as written in canonical form, e.g. {@code ldi(samples = 100) as ldi100}. */
  public String text() {
    return call.text() + label.map(l -> " as " + l).orElse("");
  }
}
