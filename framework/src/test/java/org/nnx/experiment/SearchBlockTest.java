package org.nnx.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnx.run.TestPlugins;
import org.nnx.optimize.OptimizationProblem;
import org.nnx.optimize.OptimizationResult;
import org.nnx.optimize.Optimizer;
import org.nnx.plugin.LoadedPlugins;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.plugin.PluginRegistry;
import org.nnx.plugin.Registrations;
import org.nnx.search.Search;
import org.nnx.syntax.Diagnostic;
import org.nnx.syntax.ParseResult;
import org.nnx.syntax.SourceParser;
import org.nnx.syntax.UserInputException;
import org.nnx.block.ResolvedFile;

/** Search blocks through the resolver, with a stand-in optimizer. */
class SearchBlockTest {

  /** Evaluates nothing; has one option. */
  public static class Probe implements Optimizer {
    public String name() {
      return "probe";
    }

    public String description() {
      return "test";
    }

    public List<ParameterSpec> parameters() {
      return List.of(ParameterSpec.optional("points", ParamType.integerAtLeast(1), 8L, "points"));
    }

    public OptimizationResult minimize(OptimizationProblem problem, Parameters options) {
      return new OptimizationResult(new double[0], Double.NaN, List.of(), false, "probe", 0, 0, 0, Duration.ZERO);
    }
  }

  /** An optimizer that answers to the name {@code shgo}. */
  public static final class ShgoProbe extends Probe {
    @Override
    public String name() {
      return "shgo";
    }
  }

  private static TestPlugins plugins(boolean withShgo) {
    return TestPlugins.of(new AbstractModule() {
      @Override
      protected void configure() {
        Registrations.optimizers(binder()).addBinding().to(Probe.class);
        if (withShgo) {
          Registrations.optimizers(binder()).addBinding().to(ShgoProbe.class);
        }
      }
    });
  }

  private static ResolvedFile resolve(String text, boolean withShgo) throws UserInputException {
    return plugins(withShgo).resolve("s.nnx", text);
  }

  private static List<String> errors(String text, boolean withShgo) {
    try {
      resolve(text, withShgo);
    } catch (UserInputException e) {
      return e.diagnostics().stream().map(Diagnostic::format).toList();
    }
    throw new AssertionError("no errors");
  }

  @Test
  void aSearchBecomesAStandardFormProblem() throws UserInputException {
    ResolvedFile file = resolve("""
        search s {
          title "T"
          variables { a in [-2 * pi, 2 ^ 3], b in [0, 1] }
          maximize a - b ^ 2
          subject to { a + b >= 1, a <= 3 * b, a - b == 0.5 }
          optimizer = probe(points = 4)
        }
        """, false);
    assertThat(file.blocks(Experiment.class)).isEmpty();
    Search s = file.blocks(Search.class).get(0);
    assertThat(s.title()).isEqualTo("T");
    assertThat(s.variables()).containsExactly("a", "b");
    assertThat(s.lower()).containsExactly(-2 * Math.PI, 0);
    assertThat(s.upper()).containsExactly(8, 1);
    assertThat(s.optimizerName()).isEqualTo("probe");
    assertThat(s.options().getLong("points")).isEqualTo(4);
    assertThat(s.constraints()).extracting(c -> c.text()).containsExactly("a + b >= 1", "a <= 3 * b", "a - b == 0.5");
    OptimizationProblem p = s.problem();
    double[] x = {2, 0.5};
    assertThat(p.objective().applyAsDouble(x)).isEqualTo(-(2 - 0.25));
    assertThat(p.inequalities()).hasSize(2);
    assertThat(p.inequalities().get(0).applyAsDouble(x)).isEqualTo(1.5);
    assertThat(p.inequalities().get(1).applyAsDouble(x)).isEqualTo(-0.5);
    assertThat(p.equalities()).singleElement().satisfies(h -> assertThat(h.applyAsDouble(x)).isEqualTo(1.0));
    assertThat(s.source()).startsWith("search s {").endsWith("}");
  }

  @Test
  void withoutAnOptimizerEntryShgoIsUsedWhenInstalled() throws UserInputException {
    String text = "search s { variables { x in [0, 1] }\n minimize x }";
    assertThat(resolve(text, true).blocks(Search.class).get(0).optimizerName()).isEqualTo("shgo");
    assertThat(errors(text, false)).containsExactly(
        "s.nnx:1:1: error: search 's' names no optimizer and shgo is not installed (add optimizer = probe)");
  }

  @Test
  void equalBoundsAreAllowedAndReversedOnesAreNot() throws UserInputException {
    assertThat(resolve("search s { variables { x in [1, 1] }\n minimize x\n optimizer = probe }", false)
        .blocks(Search.class)).hasSize(1);
    assertThat(errors("search s { variables { x in [1.5, -1] }\n minimize x\n optimizer = probe }", false))
        .containsExactly("s.nnx:1:29: error: the lower bound of 'x' is above its upper bound (1.5 > -1)"
            + " (write x in [-1, 1.5])");
  }

  @Test
  void aFileOfSearchesAloneIsRunnableAndAnEmptyFileIsNot() throws UserInputException {
    assertThat(errors("hardware h { kind = cpu }", false)).contains(
        "s.nnx:1:1: error: no experiment in this file (write experiment NAME { architectures { ... } measure ... })");
    assertThat(resolve("search s { variables { x in [0, 1] }\n minimize x\n optimizer = probe }", false)
        .blocks(Experiment.class)).isEmpty();
  }

  @Test
  void everyErrorOfEverySearchIsReported() {
    assertThat(errors("""
        search a { variables { x in [0, 1] }
         minimize y
         optimizer = prob(points = 0) }
        search b { variables { x in [0, 1] }
         minimize x
         optimizer = prob }
        search a { minimize 1 }
        """, false)).containsExactly(
        "s.nnx:2:11: error: unknown variable 'y' (variables are x; constants pi and e)",
        "s.nnx:3:14: error: unknown optimizer 'prob' (did you mean 'probe'?)",
        "s.nnx:6:14: error: unknown optimizer 'prob' (did you mean 'probe'?)",
        "s.nnx:7:8: error: duplicate search 'a' (the first is at 1:8)");
  }
}
