package org.nnx.syntax;

import java.util.List;

/**
 * An arithmetic expression of a {@code search} block, as written: numbers, variables, unary minus,
 * {@code + - * / ^} and function calls. {@link #text()} is a canonical form with only the
 * parentheses precedence needs; parsing it gives the same tree.
 *
 * <p>Precedence, loosest first: {@code + -}, then {@code * /} (both left-associative), then unary
 * minus, then {@code ^} (right-associative), so {@code -x ^ 2} is {@code -(x ^ 2)} and {@code 2 ^ 3 ^
 * 2} is {@code 2 ^ (3 ^ 2)}.
 */
public sealed interface ExprNode permits ExprNode.Literal, ExprNode.Bool, ExprNode.Variable, ExprNode.Negate,
    ExprNode.Binary, ExprNode.Call {

  /** Where the expression starts. */
  Location location();

  /** The canonical text. */
  String text();

  /** Binding strength for printing: 1 for {@code + -}, 2 for {@code * /}, 3 unary minus, 4 {@code ^}, 5 atoms. */
  int precedence();

  /**
   * A number as written, e.g. {@code 47} or {@code 1e-3}.
   *
   * @param value its value, not negative (a minus sign is a {@link Negate})
   */
  record Literal(Location location, String text, double value) implements ExprNode {
    public int precedence() {
      return 5;
    }
  }

  /** {@code true} or {@code false} (an option of a network's layer, e.g. {@code bias = false}). */
  record Bool(Location location, boolean value) implements ExprNode {
    public String text() {
      return Boolean.toString(value);
    }

    public int precedence() {
      return 5;
    }
  }

  /** A name: a search variable or a named constant such as {@code pi}. */
  record Variable(Location location, String name) implements ExprNode {
    public String text() {
      return name;
    }

    public int precedence() {
      return 5;
    }
  }

  /** Unary minus. */
  record Negate(Location location, ExprNode operand) implements ExprNode {
    public String text() {
      boolean wrap = operand.precedence() < 3 || operand instanceof Negate;
      return "-" + (wrap ? "(" + operand.text() + ")" : operand.text());
    }

    public int precedence() {
      return 3;
    }
  }

  /**
   * A binary operation.
   *
   * @param operator one of {@code + - * / ^}
   */
  record Binary(Location location, char operator, ExprNode left, ExprNode right) implements ExprNode {
    public Binary {
      if ("+-*/^".indexOf(operator) < 0) {
        throw new IllegalArgumentException("not an operator: " + operator);
      }
    }

    public int precedence() {
      return switch (operator) {
        case '+', '-' -> 1;
        case '*', '/' -> 2;
        default -> 4;
      };
    }

    public String text() {
      int p = precedence();
      boolean rightAssociative = operator == '^';
      boolean wrapLeft = rightAssociative ? left.precedence() <= p : left.precedence() < p;
      boolean wrapRight = rightAssociative ? right.precedence() < p : right.precedence() <= p;
      return wrap(left, wrapLeft) + " " + operator + " " + wrap(right, wrapRight);
    }

    private static String wrap(ExprNode e, boolean wrap) {
      return wrap ? "(" + e.text() + ")" : e.text();
    }
  }

  /** A function call such as {@code sin(x0)} or {@code pow(x, 2)}; its location is its name's. */
  record Call(Location location, String name, List<ExprNode> arguments) implements ExprNode {
    public Call {
      arguments = List.copyOf(arguments);
    }

    public String text() {
      return name + "(" + String.join(", ", arguments.stream().map(ExprNode::text).toList()) + ")";
    }

    public int precedence() {
      return 5;
    }
  }
}
