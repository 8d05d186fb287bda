package org.nnx.param;

import java.util.List;

/**
 * The checked value of a {@link ParamType.Combination}: its parts, each a variant option's
 * {@link Parameters}, in written order ({@code sign + adaptive} is {@code [sign, adaptive]}).
 *
 * @param parts at least one part, each option at most once
 */
public record Combined(List<Parameters> parts) {

  /** @throws IllegalArgumentException if there are no parts */
  public Combined {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("a combination has at least one part");
    }
    parts = List.copyOf(parts);
  }

  /** The part of the given option, if present. */
  public java.util.Optional<Parameters> part(String kind) {
    return parts.stream().filter(p -> p.recordName().orElse("").equals(kind)).findFirst();
  }

  /** The combination as written: {@code sign + repeat(r = 2)}. */
  @Override
  public String toString() {
    return String.join(" + ", parts.stream().map(p -> ParameterText.value(p, ", ")).toList());
  }
}
