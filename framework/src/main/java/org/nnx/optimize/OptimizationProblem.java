package org.nnx.optimize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A bounded, optionally constrained minimization problem: minimize {@code f(x)} over the box
 * {@code lower <= x <= upper} subject to inequality constraints {@code g_i(x) >= 0} and equality
 * constraints {@code h_j(x) == 0}. This is the standard form of SciPy's {@code
 * scipy.optimize.shgo} and of Endres, Sandrock and Focke, J. Global Optim. 72 (2018) 181-217.
 *
 * <p>Instances are immutable: the {@code with...} methods return a new problem. The functions are
 * called with a fresh array the caller may not keep; they must not modify it. An objective value of
 * {@code NaN} is treated as {@code +Infinity} by the optimizers of nnx.
 */
public final class OptimizationProblem {

  private final double[] lower;
  private final double[] upper;
  private final ToDoubleFunction<double[]> objective;
  private final List<ToDoubleFunction<double[]>> inequalities;
  private final List<ToDoubleFunction<double[]>> equalities;
  private final boolean[] integer;

  private OptimizationProblem(
      double[] lower,
      double[] upper,
      ToDoubleFunction<double[]> objective,
      List<ToDoubleFunction<double[]>> inequalities,
      List<ToDoubleFunction<double[]>> equalities,
      boolean[] integer) {
    this.lower = lower;
    this.upper = upper;
    this.objective = objective;
    this.inequalities = List.copyOf(inequalities);
    this.equalities = List.copyOf(equalities);
    this.integer = integer;
  }

  /**
   * An unconstrained problem over a box.
   *
   * @param lower the lower bound of each variable; finite
   * @param upper the upper bound of each variable; finite and {@code >= lower}
   * @param objective the function to minimize
   * @throws IllegalArgumentException if the bounds are empty, of different lengths, not finite or
   *     crossed
   */
  public static OptimizationProblem of(
      double[] lower, double[] upper, ToDoubleFunction<double[]> objective) {
    Objects.requireNonNull(objective, "objective");
    if (lower.length == 0 || lower.length != upper.length) {
      throw new IllegalArgumentException(
          "bounds need one (lower, upper) pair per variable; got "
              + lower.length
              + " lower and "
              + upper.length
              + " upper bounds");
    }
    for (int i = 0; i < lower.length; i++) {
      if (!Double.isFinite(lower[i]) || !Double.isFinite(upper[i])) {
        throw new IllegalArgumentException("the bounds of variable " + i + " are not finite");
      }
      if (lower[i] > upper[i]) {
        throw new IllegalArgumentException(
            "variable " + i + " has lower bound " + lower[i] + " > upper bound " + upper[i]);
      }
    }
    return new OptimizationProblem(
        lower.clone(), upper.clone(), objective, List.of(), List.of(), new boolean[lower.length]);
  }

  /** This problem with one more inequality constraint {@code g(x) >= 0}. */
  public OptimizationProblem withInequality(ToDoubleFunction<double[]> g) {
    List<ToDoubleFunction<double[]>> more = new ArrayList<>(inequalities);
    more.add(Objects.requireNonNull(g, "g"));
    return new OptimizationProblem(lower, upper, objective, more, equalities, integer);
  }

  /** This problem with one more equality constraint {@code h(x) == 0}. */
  public OptimizationProblem withEquality(ToDoubleFunction<double[]> h) {
    List<ToDoubleFunction<double[]>> more = new ArrayList<>(equalities);
    more.add(Objects.requireNonNull(h, "h"));
    return new OptimizationProblem(lower, upper, objective, inequalities, more, integer);
  }

  /**
   * This problem with the given variables restricted to integer values (an optimizer that cannot
   * honour the restriction rejects the problem).
   *
   * @param variables indexes in {@code [0, dimension())}
   */
  public OptimizationProblem withIntegers(int... variables) {
    boolean[] flags = integer.clone();
    for (int v : variables) {
      if (v < 0 || v >= lower.length) {
        throw new IllegalArgumentException(
            "variable index " + v + " is outside [0, " + lower.length + ")");
      }
      flags[v] = true;
    }
    return new OptimizationProblem(lower, upper, objective, inequalities, equalities, flags);
  }

  /** The number of variables, {@code >= 1}. */
  public int dimension() {
    return lower.length;
  }

  /**
   * The lower bound of variable {@code i}, in the variable's own units.
   *
   * @param i a variable index in {@code [0, dimension())}
   */
  public double lower(int i) {
    return lower[i];
  }

  /**
   * The upper bound of variable {@code i}, in the variable's own units; {@code >= lower(i)}.
   *
   * @param i a variable index in {@code [0, dimension())}
   */
  public double upper(int i) {
    return upper[i];
  }

  /** A copy of the lower bounds. */
  public double[] lower() {
    return lower.clone();
  }

  /** A copy of the upper bounds. */
  public double[] upper() {
    return upper.clone();
  }

  /** The objective {@code f}. */
  public ToDoubleFunction<double[]> objective() {
    return objective;
  }

  /** The inequality constraints {@code g_i(x) >= 0}, in the order they were added. */
  public List<ToDoubleFunction<double[]>> inequalities() {
    return inequalities;
  }

  /** The equality constraints {@code h_j(x) == 0}, in the order they were added. */
  public List<ToDoubleFunction<double[]>> equalities() {
    return equalities;
  }

  /** Whether the problem has any inequality or equality constraint besides the bounds. */
  public boolean isConstrained() {
    return !inequalities.isEmpty() || !equalities.isEmpty();
  }

  /**
   * Whether variable {@code i} is restricted to integers.
   *
   * @param i a variable index in {@code [0, dimension())}
   */
  public boolean isInteger(int i) {
    return integer[i];
  }

  /** Whether any variable is restricted to integers. */
  public boolean hasIntegers() {
    for (boolean b : integer) {
      if (b) {
        return true;
      }
    }
    return false;
  }

  /**
   * The total constraint violation at {@code x}: {@code sum_i max(0, -g_i(x)) + sum_j |h_j(x)|}
   * (in the units of the constraint functions; bounds are not included). It is {@code 0} exactly
   * when every constraint holds, and {@code +Infinity} if a constraint returns {@code NaN}.
   *
   * @param x a point with {@link #dimension()} coordinates
   */
  public double violation(double[] x) {
    double v = 0;
    for (ToDoubleFunction<double[]> g : inequalities) {
      double gi = g.applyAsDouble(x.clone());
      v += Double.isNaN(gi) ? Double.POSITIVE_INFINITY : Math.max(0, -gi);
    }
    for (ToDoubleFunction<double[]> h : equalities) {
      double hj = h.applyAsDouble(x.clone());
      v += Double.isNaN(hj) ? Double.POSITIVE_INFINITY : Math.abs(hj);
    }
    return v;
  }

  /**
   * Whether {@code x} lies inside the bounds (inclusive); {@code NaN} coordinates do not.
   *
   * @param x a point with {@link #dimension()} coordinates
   */
  public boolean withinBounds(double[] x) {
    for (int i = 0; i < lower.length; i++) {
      if (!(x[i] >= lower[i] && x[i] <= upper[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "OptimizationProblem[dimension="
        + lower.length
        + ", lower="
        + Arrays.toString(lower)
        + ", upper="
        + Arrays.toString(upper)
        + ", inequalities="
        + inequalities.size()
        + ", equalities="
        + equalities.size()
        + "]";
  }
}
