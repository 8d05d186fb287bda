package org.nnx.param;

import java.util.List;

/**
 * The type of a parameter value as users write it. The framework checks every value against its
 * type before a plugin sees it, and reports a mismatch at the value's {@code file:line:col}.
 *
 * <p>Java representations after checking: {@link Int} is {@code Long}, {@link Real} is {@code
 * Double}, {@link Bool} is {@code Boolean}, {@link Choice} and {@link Text} are {@code String},
 * {@link ListOf} is {@code List<Object>}, {@link OneOrList} is {@code List<Object>} (a single value
 * becomes a one-element list), {@link RecordOf} is {@link Parameters}, {@link Quantity} is {@code
 * Double} in the dimension's base unit (SI) and {@link Reference} is the object the named block
 * resolved to (e.g. {@link org.nnx.hardware.target.HardwareTarget} for {@code hardware} blocks);
 * {@link Combination} is {@link Combined}, its parts in written order.
 */
public sealed interface ParamType {

  /** How the type is named in messages and in {@code nnx plugins}, e.g. {@code "integer >= 1"}. */
  String describe();

  /** An integer in {@code [min, max]}; when {@code allowed} is not empty, only those values. */
  record Int(long min, long max, List<Long> allowed) implements ParamType {
    public String describe() {
      if (!allowed.isEmpty()) {
        return "one of " + allowed;
      }
      if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
        return "integer";
      }
      if (max == Long.MAX_VALUE) {
        return "integer >= " + min;
      }
      return "integer in [" + min + ", " + max + "]";
    }
  }

  /** A real number in {@code [min, max]}; integers are accepted. */
  record Real(double min, double max, boolean minExclusive) implements ParamType {
    public String describe() {
      String low = minExclusive ? "> " : ">= ";
      if (max == Double.POSITIVE_INFINITY) {
        return min == Double.NEGATIVE_INFINITY ? "number" : "number " + low + fmt(min);
      }
      return "number in " + (minExclusive ? "(" : "[") + fmt(min) + ", " + fmt(max) + "]";
    }

    private static String fmt(double v) {
      return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
  }

  /** {@code true} or {@code false}. */
  record Bool() implements ParamType {
    public String describe() {
      return "true or false";
    }
  }

  /** One of a fixed set of bare words, e.g. {@code relu}. */
  record Choice(List<String> choices) implements ParamType {
    public String describe() {
      return "one of " + String.join(", ", choices);
    }
  }

  /** A quoted string. */
  record Text() implements ParamType {
    public String describe() {
      return "a quoted string";
    }
  }

  /** A bracketed list {@code [a, b, ...]} of {@code element}, with a size in {@code [minSize, maxSize]}. */
  record ListOf(ParamType element, int minSize, int maxSize) implements ParamType {
    public String describe() {
      return "a list of " + element.describe();
    }
  }

  /** Either one {@code element} (the same for every cell) or a list of them (one per cell). */
  record OneOrList(ParamType element) implements ParamType {
    public String describe() {
      return element.describe() + ", or a list of them";
    }
  }

  /** A nested record written like a call, e.g. {@code cell(width = 16, depth = 10, tc = 20)}. */
  record RecordOf(String name, List<ParameterSpec> parameters) implements ParamType {
    public String describe() {
      return name + "(...)";
    }
  }

  /**
   * One of several records, chosen by name, e.g. {@code adam(lr = 1e-3)} or {@code sgd(lr = 0.1)};
   * a bare name such as {@code adam} takes every default. The value is the chosen record's
   * {@link Parameters}, with the record's name under the key {@link #KIND}.
   */
  record Variant(List<RecordOf> options) implements ParamType {
    /** The key under which the chosen option's name is stored. */
    public static final String KIND = "kind";

    public String describe() {
      return "one of " + String.join(", ", options.stream().map(o -> o.name() + "(...)").toList());
    }
  }

  /**
   * One or more options of {@code parts} joined by {@code +}, e.g. {@code sign + adaptive +
   * repeat(2)}: a pipeline of stages applied in written order. Each option appears at most once.
   *
   * @param parts the options a part may be
   */
  record Combination(Variant parts) implements ParamType {
    public String describe() {
      return "a combination a + b + ... of " + String.join(", ", parts.options().stream()
          .map(o -> o.name() + (o.parameters().isEmpty() ? "" : "(...)")).toList());
    }
  }

  /**
   * A physical quantity written with a unit, e.g. {@code 1.2 GHz} or {@code 100 ns}, converted to
   * the base unit of its {@link Dimension} (seconds, hertz, joules, watts, square metres, bytes,
   * bytes per second). A number without a unit, or with a unit of another dimension, is an error.
   *
   * @param dimension what the quantity measures
   * @param min the smallest allowed value, in the base unit
   * @param max the largest allowed value, in the base unit
   * @param minExclusive whether {@code min} itself is excluded
   */
  record Quantity(Dimension dimension, double min, double max, boolean minExclusive) implements ParamType {
    public String describe() {
      String range = min == 0 && max == Double.POSITIVE_INFINITY ? (minExclusive ? " > 0" : " >= 0") : "";
      return dimension.description() + range + " (" + String.join(", ", dimension.units()) + ")";
    }
  }

  /**
   * The name of a top-level block of the same file, e.g. the {@code rpi3b} of {@code
   * latency(rpi3b)} naming a {@code hardware rpi3b { ... }} block.
   *
   * @param block the block keyword, e.g. {@code "hardware"}
   */
  record Reference(String block) implements ParamType {
    public String describe() {
      return "the name of a " + block + " block";
    }
  }

  /** A strictly positive quantity of {@code dimension}. */
  static ParamType positive(Dimension dimension) {
    return new Quantity(dimension, 0, Double.POSITIVE_INFINITY, true);
  }

  /** A non-negative quantity of {@code dimension}. */
  static ParamType nonNegative(Dimension dimension) {
    return new Quantity(dimension, 0, Double.POSITIVE_INFINITY, false);
  }

  /** Integers, optionally bounded. */
  static ParamType integer(long min, long max) {
    return new Int(min, max, List.of());
  }

  /** Integers {@code >= min}. */
  static ParamType integerAtLeast(long min) {
    return new Int(min, Long.MAX_VALUE, List.of());
  }

  /** Integers from a fixed set. */
  static ParamType integerOneOf(Long... allowed) {
    return new Int(Long.MIN_VALUE, Long.MAX_VALUE, List.of(allowed));
  }

  /** Real numbers strictly greater than {@code min}. */
  static ParamType realAbove(double min) {
    return new Real(min, Double.POSITIVE_INFINITY, true);
  }

  /** Real numbers in {@code [min, max]}. */
  static ParamType real(double min, double max) {
    return new Real(min, max, false);
  }

  /** Bare words from a fixed set. */
  static ParamType choice(String... choices) {
    return new Choice(List.of(choices));
  }
}
