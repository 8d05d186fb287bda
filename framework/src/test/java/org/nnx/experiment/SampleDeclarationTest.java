package org.nnx.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nnx.run.TestPlugins;
import org.nnx.plugin.LoadedPlugins;
import org.nnx.plugin.PluginRegistry;
import org.nnx.plugin.Registrations;
import org.nnx.syntax.Diagnostic;
import org.nnx.syntax.SourceParser;
import org.nnx.syntax.UserInputException;

/** {@code label: family(sweeps) sample N}: N distinct configurations drawn from the sweeps. */
class SampleDeclarationTest {

  private final TestPlugins plugins = TestPlugins.of(new AbstractModule() {
    @Override
    protected void configure() {
      Registrations.families(binder()).addBinding().to(ExperimentResolverTest.ChainFamily.class);
    }
  });

  private Experiment resolve(String text) throws UserInputException {
    return plugins.resolve("s.nnx", text).blocks(Experiment.class).get(0);
  }

  private static String file(long seed, String sample) {
    return "experiment e {\n seed " + seed + "\n architectures { c: chain(widths = [1..1000, {7, 8, 9}], inputs = 3,"
        + " classes = 2..50)" + sample + " }\n measure params\n}";
  }

  @Test
  void drawsDistinctConfigurationsFromAHugeProductReproducibly() throws UserInputException {
    Experiment a = resolve(file(1, " sample 40"));
    assertThat(a.trials()).hasSize(40);
    Set<String> seen = new HashSet<>();
    for (Trial t : a.trials()) {
      List<Object> widths = t.parameters().getList("widths");
      assertThat((Long) widths.get(0)).isBetween(1L, 1000L);
      assertThat((Long) widths.get(1)).isIn(7L, 8L, 9L);
      assertThat(t.parameters().getLong("classes")).isBetween(2L, 50L);
      assertThat(seen.add(t.parameters().toString())).isTrue();
    }
    assertThat(resolve(file(1, " sample 40")).trials()).extracting(Trial::parameters)
        .isEqualTo(a.trials().stream().map(Trial::parameters).toList());
    assertThat(resolve(file(2, " sample 40")).trials()).extracting(Trial::parameters)
        .isNotEqualTo(a.trials().stream().map(Trial::parameters).toList());
    assertThat(a.source()).contains("sample 40");
  }

  @Test
  void sampleEverythingGivesEveryConfigurationOnce() throws UserInputException {
    String text = "experiment e {\n architectures { c: chain(widths = [{1, 2, 3}], inputs = 3, classes = 2..3) sample 6 }\n"
        + " measure params\n}";
    Set<String> all = new HashSet<>();
    resolve(text).trials().forEach(t -> all.add(t.parameters().toString()));
    assertThat(all).hasSize(6);
  }

  @Test
  void moreThanTheSpaceHoldsIsAnError() {
    String text = "experiment e {\n architectures { c: chain(widths = [{1, 2}], inputs = 3, classes = 2) sample 3 }\n"
        + " measure params\n}";
    try {
      resolve(text);
      throw new AssertionError("no error");
    } catch (UserInputException e) {
      assertThat(e.diagnostics()).extracting(Diagnostic::format).containsExactly(
          "s.nnx:2:78: error: cannot sample 3 of 2 configurations (sample between 1 and 2)");
    }
  }
}
