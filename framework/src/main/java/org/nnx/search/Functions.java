package org.nnx.search;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The functions and named constants search expressions may use, with {@link Math}'s semantics
 * (angles in radians, {@code log} the natural logarithm).
 *
 * <ul>
 *   <li>one argument: {@code sin cos tan asin acos atan sinh cosh tanh exp log log10 sqrt abs floor
 *       ceil};
 *   <li>two arguments: {@code pow(x, y)} (= {@code x ^ y}), {@code atan2(y, x)};
 *   <li>two or more arguments: {@code min}, {@code max};
 *   <li>constants: {@code pi}, {@code e} (a search variable of the same name takes precedence).
 * </ul>
 */
public final class Functions {

  private Functions() {}

  /** The one-argument functions by name. */
  static final Map<String, DoubleUnaryOperator> UNARY = new LinkedHashMap<>();

  /** The two-argument functions by name. */
  static final Map<String, DoubleBinaryOperator> BINARY = new LinkedHashMap<>();

  /** The functions of two or more arguments, folded left to right. */
  static final Map<String, DoubleBinaryOperator> VARIADIC = new LinkedHashMap<>();

  /** The named constants. */
  static final Map<String, Double> CONSTANTS = new LinkedHashMap<>();

  static {
    UNARY.put("sin", Math::sin);
    UNARY.put("cos", Math::cos);
    UNARY.put("tan", Math::tan);
    UNARY.put("asin", Math::asin);
    UNARY.put("acos", Math::acos);
    UNARY.put("atan", Math::atan);
    UNARY.put("sinh", Math::sinh);
    UNARY.put("cosh", Math::cosh);
    UNARY.put("tanh", Math::tanh);
    UNARY.put("exp", Math::exp);
    UNARY.put("log", Math::log);
    UNARY.put("log10", Math::log10);
    UNARY.put("sqrt", Math::sqrt);
    UNARY.put("abs", Math::abs);
    UNARY.put("floor", Math::floor);
    UNARY.put("ceil", Math::ceil);
    BINARY.put("pow", Math::pow);
    BINARY.put("atan2", Math::atan2);
    VARIADIC.put("min", Math::min);
    VARIADIC.put("max", Math::max);
    CONSTANTS.put("pi", Math.PI);
    CONSTANTS.put("e", Math.E);
  }

  /** Every function name, in the order of the class comment. */
  public static java.util.List<String> names() {
    java.util.List<String> all = new java.util.ArrayList<>(UNARY.keySet());
    all.addAll(BINARY.keySet());
    all.addAll(VARIADIC.keySet());
    return all;
  }
}
