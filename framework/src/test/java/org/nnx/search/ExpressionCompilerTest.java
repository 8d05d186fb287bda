package org.nnx.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nnx.syntax.Diagnostic;
import org.nnx.syntax.ExprNode;
import org.nnx.syntax.ParseResult;
import org.nnx.syntax.SearchNode;
import org.nnx.syntax.SourceParser;

class ExpressionCompilerTest {

  private static ExprNode parse(String expression) {
    ParseResult r = SourceParser.parse("e.nnx", "search s { minimize " + expression + " }");
    assertThat(r.errors()).as(expression).isEmpty();
    return r.file().blocks(SearchNode.class).get(0).objective().orElseThrow();
  }

  private static Expression compile(String expression, String... variables) {
    List<Diagnostic> errors = new ArrayList<>();
    Expression e = new ExpressionCompiler(List.of(variables)).compile(parse(expression), errors);
    assertThat(errors).isEmpty();
    return e;
  }

  private static List<String> errors(String expression, String... variables) {
    List<Diagnostic> errors = new ArrayList<>();
    Expression e = new ExpressionCompiler(List.of(variables)).compile(parse(expression), errors);
    assertThat(e).isNull();
    return errors.stream().map(Diagnostic::format).toList();
  }

  @Test
  void theEggholderMatchesItsJavaForm() {
    Expression e = compile("-(x1 + 47) * sin(sqrt(abs(x0 / 2 + x1 + 47))) - x0 * sin(sqrt(abs(x0 - (x1 + 47))))",
        "x0", "x1");
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 1000; i++) {
      double[] x = {r.nextDouble(-512, 512), r.nextDouble(-512, 512)};
      double expected = -(x[1] + 47.0) * Math.sin(Math.sqrt(Math.abs(x[0] / 2.0 + x[1] + 47.0)))
          - x[0] * Math.sin(Math.sqrt(Math.abs(x[0] - (x[1] + 47.0))));
      assertThat(e.evaluate(x)).isEqualTo(expected);
    }
    assertThat(e.evaluate(new double[] {512, 404.2318054})).isCloseTo(-959.6406627, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(e.isConstant()).isFalse();
  }

  @Test
  void operatorsFollowPrecedenceAndIeeeArithmetic() {
    double[] x = {3, -2};
    assertThat(compile("-a ^ 2", "a", "b").evaluate(x)).isEqualTo(-9);
    assertThat(compile("(-a) ^ 2", "a", "b").evaluate(x)).isEqualTo(9);
    assertThat(compile("2 ^ 3 ^ 2").evaluate(x)).isEqualTo(512);
    assertThat(compile("a - b - 1", "a", "b").evaluate(x)).isEqualTo(4);
    assertThat(compile("a / b / 2", "a", "b").evaluate(x)).isEqualTo(-0.75);
    assertThat(compile("a + b * a ^ 2", "a", "b").evaluate(x)).isEqualTo(-15);
    assertThat(compile("b ^ 0.5", "a", "b").evaluate(x)).isNaN();
    assertThat(compile("1 / (a - 3)", "a").evaluate(x)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(compile("log(b)", "b").evaluate(new double[] {-1})).isNaN();
    assertThat(compile("a ^ 2", "a").evaluate(new double[] {0.1})).isEqualTo(Math.pow(0.1, 2));
  }

  @Test
  void everyFunctionIsMathsOwn() {
    double v = 0.3;
    double[] x = {v};
    assertThat(compile("sin(x)", "x").evaluate(x)).isEqualTo(Math.sin(v));
    assertThat(compile("cos(x)", "x").evaluate(x)).isEqualTo(Math.cos(v));
    assertThat(compile("tan(x)", "x").evaluate(x)).isEqualTo(Math.tan(v));
    assertThat(compile("asin(x) + acos(x) + atan(x)", "x").evaluate(x)).isEqualTo(Math.asin(v) + Math.acos(v) + Math.atan(v));
    assertThat(compile("sinh(x) * cosh(x) - tanh(x)", "x").evaluate(x)).isEqualTo(Math.sinh(v) * Math.cosh(v) - Math.tanh(v));
    assertThat(compile("exp(x) + log(x) + log10(x) + sqrt(x)", "x").evaluate(x))
        .isEqualTo(Math.exp(v) + Math.log(v) + Math.log10(v) + Math.sqrt(v));
    assertThat(compile("abs(-x) + floor(x + 2) + ceil(x)", "x").evaluate(x)).isEqualTo(v + 2 + 1);
    assertThat(compile("pow(x, 3) + atan2(x, 2)", "x").evaluate(x)).isEqualTo(Math.pow(v, 3) + Math.atan2(v, 2));
    assertThat(compile("min(x, 2, -1, 5) + max(x, 0.1)", "x").evaluate(x)).isEqualTo(-1 + v);
    assertThat(Functions.names()).contains("sin", "cos", "exp", "log", "sqrt", "abs", "pow");
  }

  @Test
  void constantsAreFoldedAndVariablesShadowThem() {
    Expression c = compile("2 * pi + sqrt(16) - e");
    assertThat(c.isConstant()).isTrue();
    assertThat(c.evaluate(null)).isEqualTo(2 * Math.PI + 4 - Math.E);
    assertThat(compile("e + 1", "e").evaluate(new double[] {5})).isEqualTo(6);
    assertThat(compile("x * (2 + 3)", "x").text()).isEqualTo("x * (2 + 3)");
  }

  @Test
  void unknownNamesAndWrongArgumentCountsAreLocated() {
    assertThat(errors("x0 + x3 + sine(x0) + pow(x0) + min(x0) + q", "x0", "x1")).containsExactly(
        "e.nnx:1:26: error: unknown variable 'x3' (did you mean 'x0'?)",
        "e.nnx:1:31: error: unknown function 'sine' (did you mean 'sin'?)",
        "e.nnx:1:42: error: 'pow' takes 2 arguments, got 1 (write pow(x, y))",
        "e.nnx:1:52: error: 'min' takes 2 or more arguments, got 1 (write min(x, y, ...))",
        "e.nnx:1:62: error: unknown variable 'q' (variables are x0, x1; constants pi and e)");
    assertThat(errors("zz")).containsExactly(
        "e.nnx:1:21: error: unknown variable 'zz' (only numbers and the constants pi and e may stand here)");
    assertThat(errors("frobnicate(1)")).singleElement().asString()
        .contains("unknown function 'frobnicate' (functions are sin, cos, tan");
  }
}
