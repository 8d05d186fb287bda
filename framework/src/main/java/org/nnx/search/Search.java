package org.nnx.search;

import java.util.List;
import org.nnx.optimize.OptimizationProblem;
import org.nnx.optimize.Optimizer;
import org.nnx.param.Parameters;
import org.nnx.block.Block;
import org.nnx.syntax.Location;
import org.nnx.syntax.SearchNode;

/**
 * A checked {@code search NAME { ... }} block, ready to run: minimize (or maximize) {@code
 * objective} over the box {@code lower <= x <= upper} subject to the constraints, with the named
 * optimizer.
 *
 * @param name the search's name
 * @param title its title (the name when none is written)
 * @param variables the variables' names, in order
 * @param lower each variable's lower bound
 * @param upper each variable's upper bound, {@code >= lower}
 * @param objective the objective expression
 * @param maximize whether the objective is maximized (the optimizer then minimizes its negation)
 * @param constraints the constraints, in order
 * @param optimizer the optimizer
 * @param optimizerName the name the optimizer is registered under
 * @param options the optimizer's checked options, defaults filled in
 * @param source the block as written
 * @param file the path of the file it came from, as the user named it
 * @param location where the block starts
 */
public record Search(
    String name,
    String title,
    List<String> variables,
    double[] lower,
    double[] upper,
    Expression objective,
    boolean maximize,
    List<SearchConstraint> constraints,
    Optimizer optimizer,
    String optimizerName,
    Parameters options,
    String source,
    String file,
    Location location) implements Block {

  @Override
  public String kind() {
    return SearchNode.KEYWORD;
  }

  public Search {
    variables = List.copyOf(variables);
    lower = lower.clone();
    upper = upper.clone();
    constraints = List.copyOf(constraints);
  }

  /** A copy of the lower bounds. */
  @Override
  public double[] lower() {
    return lower.clone();
  }

  /** A copy of the upper bounds. */
  @Override
  public double[] upper() {
    return upper.clone();
  }

  /**
   * The problem the optimizer solves: minimize {@code objective} ({@code -objective} when
   * maximizing) over the bounds, with each constraint as {@code g(x) >= 0} or {@code g(x) == 0}.
   */
  public OptimizationProblem problem() {
    Expression f = objective;
    OptimizationProblem p = maximize
        ? OptimizationProblem.of(lower, upper, x -> -f.evaluate(x))
        : OptimizationProblem.of(lower, upper, f::evaluate);
    for (SearchConstraint c : constraints) {
      Expression g = c.g();
      p = c.equality() ? p.withEquality(g::evaluate) : p.withInequality(g::evaluate);
    }
    return p;
  }
}
