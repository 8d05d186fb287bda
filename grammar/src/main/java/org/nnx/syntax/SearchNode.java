package org.nnx.syntax;

import java.util.List;
import java.util.Optional;

/**
 * A {@code search NAME { ... }} block: variables with bounds, an objective, constraints and the
 * optimizer that solves it.
 *
 * @param location where the block starts
 * @param name the search's name
 * @param nameLocation where the name is
 * @param title the {@code title} entry
 * @param variables the {@code variables} entries, in order
 * @param objective the expression after {@code minimize} or {@code maximize}
 * @param maximize whether the objective is maximized
 * @param constraints the {@code subject to} constraints, in order
 * @param optimizer the {@code optimizer =} value (a call or a bare name)
 * @param source the block's exact source text
 */
public record SearchNode(
    Location location,
    String name,
    Location nameLocation,
    Optional<ValueNode.Text> title,
    List<Variable> variables,
    Optional<ExprNode> objective,
    boolean maximize,
    List<Constraint> constraints,
    Optional<ValueNode> optimizer,
    String source) implements BlockNode {

  /** The keyword {@code search}. */
  public static final String KEYWORD = "search";

  @Override
  public String keyword() {
    return KEYWORD;
  }


  /**
   * A variable {@code name in [lower, upper]}.
   *
   * @param location where the name is
   * @param bracket where the bounds' {@code [} is
   */
  public record Variable(Location location, String name, Location bracket, ExprNode lower, ExprNode upper) {}

  /**
   * A constraint {@code left RELATION right}.
   *
   * @param location where the constraint starts
   * @param relation {@code >=}, {@code <=} or {@code ==}
   */
  public record Constraint(Location location, ExprNode left, String relation, ExprNode right) {

    /** The constraint as text, e.g. {@code -(x0 + x1 - 6) >= 0}. */
    public String text() {
      return left.text() + " " + relation + " " + right.text();
    }
  }
}
