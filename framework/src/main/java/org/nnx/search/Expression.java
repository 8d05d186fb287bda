package org.nnx.search;

/**
 * A compiled arithmetic expression over a search's variables ({@link ExpressionCompiler}): a tree
 * of small evaluator nodes with constants folded, evaluated without allocation. Thread-safe.
 */
public abstract class Expression {

  private final String text;

  /** @param text the canonical text of the source expression */
  protected Expression(String text) {
    this.text = text;
  }

  /**
   * Evaluates the expression in IEEE double arithmetic ({@code NaN} and infinities propagate: {@code
   * log(-1)} is {@code NaN}, {@code 1 / 0} is {@code +Infinity}).
   *
   * @param x the values of the variables, in the order the compiler was given them
   * @return the value
   */
  public abstract double evaluate(double[] x);

  /** Whether the value depends on no variable. */
  public abstract boolean isConstant();

  /** The canonical text of the source expression, e.g. {@code x0 ^ 2 + x1 ^ 2}. */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }
}
