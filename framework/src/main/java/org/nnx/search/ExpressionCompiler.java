package org.nnx.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.nnx.syntax.Diagnostic;
import org.nnx.syntax.ExprNode;
import org.nnx.syntax.Suggestions;

/**
 * Compiles {@link ExprNode}s into {@link Expression}s over a fixed list of variables: names are
 * resolved to array indexes once, functions to their implementations ({@link Functions}), and every
 * subexpression that depends on no variable is evaluated once, at compile time. Unknown names and
 * wrong argument counts are reported at their location with a suggestion.
 */
public final class ExpressionCompiler {

  private final List<String> variables;

  /**
   * @param variables the variables' names; a name's index in this list is its index in the array
   *     {@link Expression#evaluate} receives
   */
  public ExpressionCompiler(List<String> variables) {
    this.variables = List.copyOf(variables);
  }

  /**
   * Compiles an expression.
   *
   * @param node the expression as parsed
   * @param errors where errors are added, located in the source
   * @return the compiled expression, or {@code null} when there were errors
   */
  public Expression compile(ExprNode node, List<Diagnostic> errors) {
    int before = errors.size();
    Expression e = build(node, errors);
    return errors.size() == before ? e : null;
  }

  private Expression build(ExprNode node, List<Diagnostic> errors) {
    String text = node.text();
    if (node instanceof ExprNode.Literal l) {
      return new Const(text, l.value());
    }
    if (node instanceof ExprNode.Variable v) {
      int index = variables.indexOf(v.name());
      if (index >= 0) {
        return new Var(text, index);
      }
      Double constant = Functions.CONSTANTS.get(v.name());
      if (constant != null) {
        return new Const(text, constant);
      }
      Set<String> known = new LinkedHashSet<>(variables);
      known.addAll(Functions.CONSTANTS.keySet());
      String hint = v.name().length() > 1 ? Suggestions.didYouMean(v.name(), known) : null;
      errors.add(new Diagnostic(v.location(), "unknown variable '" + v.name() + "'", hint != null ? hint
          : variables.isEmpty() ? "only numbers and the constants pi and e may stand here"
          : "variables are " + String.join(", ", variables) + "; constants pi and e"));
      return null;
    }
    if (node instanceof ExprNode.Negate n) {
      Expression a = build(n.operand(), errors);
      return a == null ? null : fold(new Neg(text, a));
    }
    if (node instanceof ExprNode.Binary b) {
      Expression l = build(b.left(), errors);
      Expression r = build(b.right(), errors);
      if (l == null || r == null) {
        return null;
      }
      return fold(switch (b.operator()) {
        case '+' -> new Add(text, l, r);
        case '-' -> new Sub(text, l, r);
        case '*' -> new Mul(text, l, r);
        case '/' -> new Div(text, l, r);
        default -> r.isConstant() && r.evaluate(null) == 2.0 ? new Square(text, l) : new Fn2(text, Math::pow, l, r);
      });
    }
    ExprNode.Call call = (ExprNode.Call) node;
    List<Expression> args = new ArrayList<>();
    boolean ok = true;
    for (ExprNode a : call.arguments()) {
      Expression e = build(a, errors);
      ok &= e != null;
      args.add(e);
    }
    String name = call.name();
    int n = args.size();
    DoubleUnaryOperator unary = Functions.UNARY.get(name);
    DoubleBinaryOperator binary = Functions.BINARY.get(name);
    DoubleBinaryOperator variadic = Functions.VARIADIC.get(name);
    if (unary == null && binary == null && variadic == null) {
      String hint = Suggestions.didYouMean(name, Functions.names());
      errors.add(new Diagnostic(call.location(), "unknown function '" + name + "'",
          hint != null ? hint : "functions are " + String.join(", ", Functions.names())));
      return null;
    }
    String arity = unary != null ? "1 argument" : binary != null ? "2 arguments" : "2 or more arguments";
    if ((unary != null && n != 1) || (binary != null && n != 2) || (variadic != null && n < 2)) {
      errors.add(new Diagnostic(call.location(), "'" + name + "' takes " + arity + ", got " + n,
          "write " + name + (unary != null ? "(x)" : binary != null ? "(x, y)" : "(x, y, ...)")));
      return null;
    }
    if (!ok) {
      return null;
    }
    if (unary != null) {
      return fold(new Fn1(text, unary, args.get(0)));
    }
    if (binary != null) {
      return fold(new Fn2(text, binary, args.get(0), args.get(1)));
    }
    Expression folded = new Fn2(text, variadic, args.get(0), args.get(1));
    for (int i = 2; i < n; i++) {
      folded = new Fn2(text, variadic, fold(folded), args.get(i));
    }
    return fold(folded);
  }

  /** Replaces a node whose value depends on no variable by its value. */
  private static Expression fold(Expression e) {
    return e.isConstant() && !(e instanceof Const) ? new Const(e.text(), e.evaluate(null)) : e;
  }

  private static final class Const extends Expression {
    private final double value;

    Const(String text, double value) {
      super(text);
      this.value = value;
    }

    public double evaluate(double[] x) {
      return value;
    }

    public boolean isConstant() {
      return true;
    }
  }

  private static final class Var extends Expression {
    private final int index;

    Var(String text, int index) {
      super(text);
      this.index = index;
    }

    public double evaluate(double[] x) {
      return x[index];
    }

    public boolean isConstant() {
      return false;
    }
  }

  /** A node with operands; constant when they all are. */
  private abstract static class Op extends Expression {
    final Expression a;
    final Expression b;

    Op(String text, Expression a, Expression b) {
      super(text);
      this.a = a;
      this.b = b;
    }

    public boolean isConstant() {
      return a.isConstant() && (b == null || b.isConstant());
    }
  }

  private static final class Neg extends Op {
    Neg(String text, Expression a) {
      super(text, a, null);
    }

    public double evaluate(double[] x) {
      return -a.evaluate(x);
    }
  }

  private static final class Add extends Op {
    Add(String text, Expression a, Expression b) {
      super(text, a, b);
    }

    public double evaluate(double[] x) {
      return a.evaluate(x) + b.evaluate(x);
    }
  }

  private static final class Sub extends Op {
    Sub(String text, Expression a, Expression b) {
      super(text, a, b);
    }

    public double evaluate(double[] x) {
      return a.evaluate(x) - b.evaluate(x);
    }
  }

  private static final class Mul extends Op {
    Mul(String text, Expression a, Expression b) {
      super(text, a, b);
    }

    public double evaluate(double[] x) {
      return a.evaluate(x) * b.evaluate(x);
    }
  }

  private static final class Div extends Op {
    Div(String text, Expression a, Expression b) {
      super(text, a, b);
    }

    public double evaluate(double[] x) {
      return a.evaluate(x) / b.evaluate(x);
    }
  }

  /** {@code a ^ 2} as one multiplication (exactly rounded, as {@code Math.pow(a, 2)}). */
  private static final class Square extends Op {
    Square(String text, Expression a) {
      super(text, a, null);
    }

    public double evaluate(double[] x) {
      double v = a.evaluate(x);
      return v * v;
    }
  }

  private static final class Fn1 extends Op {
    private final DoubleUnaryOperator f;

    Fn1(String text, DoubleUnaryOperator f, Expression a) {
      super(text, a, null);
      this.f = f;
    }

    public double evaluate(double[] x) {
      return f.applyAsDouble(a.evaluate(x));
    }
  }

  private static final class Fn2 extends Op {
    private final DoubleBinaryOperator f;

    Fn2(String text, DoubleBinaryOperator f, Expression a, Expression b) {
      super(text, a, b);
      this.f = f;
    }

    public double evaluate(double[] x) {
      return f.applyAsDouble(a.evaluate(x), b.evaluate(x));
    }
  }
}
