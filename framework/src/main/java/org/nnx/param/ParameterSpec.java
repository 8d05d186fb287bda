package org.nnx.param;

import java.util.Optional;
import org.nnx.param.ParamType;

/**
 * One named parameter of an architecture family, a metric or a nested record such as
 * {@code cell(...)}.
 *
 * @param name the name users write, e.g. {@code "depth"}
 * @param type the accepted type and range
 * @param defaultValue the value used when the parameter is omitted; empty when it is required
 * @param description one line shown by {@code nnx plugins}
 */
public record ParameterSpec(String name, ParamType type, Optional<Object> defaultValue, String description) {

  /** A parameter that must be given. */
  public static ParameterSpec required(String name, ParamType type, String description) {
    return new ParameterSpec(name, type, Optional.empty(), description);
  }

  /** A parameter with a default value (already of the type's Java representation). */
  public static ParameterSpec optional(String name, ParamType type, Object defaultValue, String description) {
    return new ParameterSpec(name, type, Optional.of(defaultValue), description);
  }

  /** Whether the parameter must be given. */
  public boolean isRequired() {
    return defaultValue.isEmpty();
  }
}
