package org.nnx.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchBlockParseTest {

  private static SearchNode search(String text) {
    ParseResult r = SourceParser.parse("s.nnx", text);
    assertThat(r.errors()).as(text).isEmpty();
    return r.file().blocks(SearchNode.class).get(0);
  }

  private static String expr(String e) {
    return search("search s { minimize " + e + " }").objective().orElseThrow().text();
  }

  private static List<String> errors(String text) {
    return SourceParser.parse("s.nnx", text).errors().stream().map(Diagnostic::format).toList();
  }

  @Test
  void theIssuesExamplesParse() {
    SearchNode egg = search("""
        search eggholder {
          variables { x0 in [-512, 512], x1 in [-512, 512] }
          minimize -(x1 + 47) * sin(sqrt(abs(x0 / 2 + x1 + 47))) - x0 * sin(sqrt(abs(x0 - (x1 + 47))))
          optimizer = shgo(n = 60, sampling = sobol)
        }
        """);
    assertThat(egg.name()).isEqualTo("eggholder");
    assertThat(egg.variables()).extracting(SearchNode.Variable::name).containsExactly("x0", "x1");
    assertThat(egg.variables().get(0).lower().text()).isEqualTo("-512");
    assertThat(egg.objective().orElseThrow().text())
        .isEqualTo("-(x1 + 47) * sin(sqrt(abs(x0 / 2 + x1 + 47))) - x0 * sin(sqrt(abs(x0 - (x1 + 47))))");
    assertThat(egg.maximize()).isFalse();
    assertThat(egg.optimizer().orElseThrow().text()).isEqualTo("shgo(n = 60, sampling = sobol)");
    SearchNode constrained = search("""
        search constrained {
          variables { x0 in [-1, 6], x1 in [-1, 6] }
          minimize x0 ^ 2 + x1 ^ 2
          subject to { -(x0 + x1 - 6) >= 0,
                       x0 <= 5, x1 == x0 }
          optimizer = shgo(sampling = simplicial)
        }
        """);
    assertThat(constrained.constraints()).extracting(SearchNode.Constraint::text)
        .containsExactly("-(x0 + x1 - 6) >= 0", "x0 <= 5", "x1 == x0");
    assertThat(constrained.constraints().get(1).location()).isEqualTo(new Location("s.nnx", 5, 16));
  }

  @Test
  void precedenceAndAssociativity() {
    assertThat(expr("-x ^ 2")).isEqualTo("-x ^ 2");
    assertThat(search("search s { minimize -x ^ 2 }").objective().orElseThrow())
        .isInstanceOf(ExprNode.Negate.class);
    assertThat(expr("(-x) ^ 2")).isEqualTo("(-x) ^ 2");
    assertThat(expr("2 ^ 3 ^ 2")).isEqualTo("2 ^ 3 ^ 2");
    assertThat(expr("(2 ^ 3) ^ 2")).isEqualTo("(2 ^ 3) ^ 2");
    assertThat(expr("a - (b - c)")).isEqualTo("a - (b - c)");
    assertThat(expr("(a - b) - c")).isEqualTo("a - b - c");
    assertThat(expr("a / (b * c)")).isEqualTo("a / (b * c)");
    assertThat(expr("a * b / c")).isEqualTo("a * b / c");
    assertThat(expr("-(-a)")).isEqualTo("-(-a)");
    assertThat(expr("2 ^ -1")).isEqualTo("2 ^ (-1)");
    assertThat(expr("a * -b")).isEqualTo("a * -b");
    assertThat(expr("pow(x, 2) + 1e-3 * max(a, b, c)")).isEqualTo("pow(x, 2) + 1e-3 * max(a, b, c)");
    ExprNode.Binary sum = (ExprNode.Binary) search("search s { minimize a + b * c ^ d }").objective().orElseThrow();
    assertThat(sum.operator()).isEqualTo('+');
    assertThat(((ExprNode.Binary) sum.right()).operator()).isEqualTo('*');
  }

  @Test
  void printedExpressionsParseToTheSameTree() {
    for (String e : List.of("-(x1 + 47) * sin(sqrt(abs(x0 / 2 + x1 + 47)))", "2 ^ -x ^ 2", "-(a - b) / -(c ^ -d)",
        "((a))", "1 - (2 - (3 - 4))", "f(g(x, -y), (1 + 2) * 3)")) {
      String once = expr(e);
      assertThat(expr(once)).as(e).isEqualTo(once);
    }
  }

  @Test
  void maximizeAndTitleAndBareOptimizer() {
    SearchNode s = search("search s {\n title \"T\"\n variables { x in [0, 1] }\n maximize x\n optimizer = random\n}");
    assertThat(s.maximize()).isTrue();
    assertThat(s.title().orElseThrow().value()).isEqualTo("T");
    assertThat(s.optimizer().orElseThrow()).isInstanceOf(ValueNode.Word.class);
  }

  @Test
  void searchKeywordsAreStillWordsElsewhere() {
    assertThat(SourceParser.parse("s.nnx", "experiment e { data in\n measure to(search = variables, in = 2) }").errors())
        .isEmpty();
  }

  @Test
  void mistakesAreReported() {
    assertThat(errors("search s { minimize x > 1 }")).containsExactly(
        "s.nnx:1:23: error: unexpected '>' (expected '}', ',' or a new line)");
    assertThat(errors("search s { variables { x in [0, 1] }\n subject to { x > 0 }\n minimize x\n minimize y }"))
        .containsExactly(
            "s.nnx:2:17: error: strict inequality '>' in a constraint (write >= (constraints hold on closed sets))",
            "s.nnx:4:2: error: a search has one objective, this is a second (the first is at 3:2)");
    assertThat(errors("search s {\n variables { x in [0, 1] }\n minimze x\n}")).containsExactly(
        "s.nnx:3:2: error: unknown entry 'minimze' (did you mean 'minimize'?)");
    assertThat(errors("serch s { }")).containsExactly("s.nnx:1:1: error: unknown block 'serch' (did you mean 'search'?)");
    assertThat(errors("search s { optimizer = 3 }")).containsExactly(
        "s.nnx:1:24: error: unexpected number 3 (expected a name)");
    assertThat(errors("search s { minimize 2 * }")).containsExactly(
        "s.nnx:1:25: error: unexpected '}' (expected an expression: a number, a variable, f(..), -x or (..))");
  }
}
