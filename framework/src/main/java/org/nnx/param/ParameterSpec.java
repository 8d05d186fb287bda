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
 * @param recordedWhenOmitted whether an omitted parameter enters the checked parameters with its
 *     default (true for every parameter but those made with {@link #optionalUnrecorded})
 */
public record ParameterSpec(String name, ParamType type, Optional<Object> defaultValue, String description,
    boolean recordedWhenOmitted) {

  /** A parameter that must be given. */
  public static ParameterSpec required(String name, ParamType type, String description) {
    return new ParameterSpec(name, type, Optional.empty(), description, true);
  }

  /** A parameter with a default value (already of the type's Java representation). */
  public static ParameterSpec optional(String name, ParamType type, Object defaultValue, String description) {
    return new ParameterSpec(name, type, Optional.of(defaultValue), description, true);
  }

  /**
   * A parameter with a default value that, when omitted, is left out of the checked parameters (its
   * reader applies the default). Trial seeds and stored results are keyed by the checked
   * parameters, so a plugin that adds such a parameter in a later version changes neither for the
   * files that do not write it.
   */
  public static ParameterSpec optionalUnrecorded(String name, ParamType type, Object defaultValue,
      String description) {
    return new ParameterSpec(name, type, Optional.of(defaultValue), description, false);
  }

  /** Whether the parameter must be given. */
  public boolean isRequired() {
    return defaultValue.isEmpty();
  }
}
