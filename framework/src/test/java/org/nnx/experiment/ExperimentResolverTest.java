package org.nnx.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nnx.data.DataLocations;
import org.nnx.data.DataShape;
import org.nnx.data.Dataset;
import org.nnx.data.DatasetProvider;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;
import org.nnx.run.TestPlugins;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.plugin.BuildContext;
import org.nnx.plugin.LoadedPlugins;
import org.nnx.plugin.Metric;
import org.nnx.plugin.MetricResult;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.plugin.PluginRegistry;
import org.nnx.plugin.Registrations;
import org.nnx.plugin.Requirement;
import org.nnx.plugin.TrialContext;
import org.nnx.syntax.Diagnostic;
import org.nnx.syntax.ParseResult;
import org.nnx.syntax.SourceParser;
import org.junit.jupiter.api.Test;
import org.nnx.syntax.UserInputException;

class ExperimentResolverTest {

  /** A chain of dense layers: {@code chain(widths = [..], inputs, classes)}. */
  static final class ChainFamily implements ArchitectureFamily {
    public String name() {
      return "chain";
    }

    public String description() {
      return "dense layers";
    }

    public List<ParameterSpec> parameters() {
      return List.of(
          ParameterSpec.required("widths", new ParamType.ListOf(ParamType.integerAtLeast(1), 1, 10), "widths"),
          ParameterSpec.required("inputs", ParamType.integerAtLeast(1), "inputs"),
          ParameterSpec.required("classes", ParamType.integerAtLeast(2), "classes"),
          ParameterSpec.optional("act", ParamType.choice("relu", "tanh"), "relu", "activation"));
    }

    public Network build(Parameters p, BuildContext context) {
      NetworkBuilder b = new NetworkBuilder(name(), TensorShape.vector(p.getInt("inputs")));
      int last = 0;
      int width = p.getInt("inputs");
      for (Object w : p.getList("widths")) {
        int next = Math.toIntExact((Long) w);
        last = b.add("dense", new Op.Dense(width, next, true), last);
        width = next;
      }
      b.add("out", new Op.Dense(width, p.getInt("classes"), true), last);
      return b.build();
    }
  }

  static final class NeedsData implements Metric {
    public String name() {
      return "needs_data";
    }

    public String description() {
      return "needs data";
    }

    public Set<Requirement> requirements() {
      return Set.of(Requirement.DATA);
    }

    public MetricResult compute(TrialContext trial, Parameters options) {
      return MetricResult.of(name(), trial.data().classes());
    }
  }

  static final class Images implements DatasetProvider {
    public String name() {
      return "images";
    }

    public String description() {
      return "28x28 images";
    }

    public Optional<DataShape> shape(Parameters options) {
      return Optional.of(new DataShape(new TensorShape(1, 28, 28), 10));
    }

    public Dataset load(Parameters options, DataLocations locations) {
      throw new UnsupportedOperationException("not loaded in these tests");
    }
  }

  private final TestPlugins plugins = TestPlugins.of(new AbstractModule() {
    @Override
    protected void configure() {
      Registrations.families(binder()).addBinding().to(ChainFamily.class);
      Registrations.metrics(binder()).addBinding().to(NeedsData.class);
      Registrations.datasets(binder()).addBinding().to(Images.class);
    }
  });

  private Experiment resolve(String text) throws UserInputException {
    return plugins.resolve(text).blocks(Experiment.class).get(0);
  }

  private List<Diagnostic> errors(String text) {
    List<Diagnostic> errors = plugins.errors(text);
    if (errors.isEmpty()) {
      throw new AssertionError("expected errors");
    }
    return errors;
  }

  @Test
  void sweepsExpandInWritingOrderWithTheLastFastest() throws UserInputException {
    Experiment e = resolve("""
        experiment x {
          architectures {
            a: chain(widths = [{4, 8}, 2..3], inputs = 5, classes = {2, 3})
            b: chain(widths = [1], inputs = 5, classes = 2)
          }
          measure params
        }
        """);
    assertThat(e.trials()).extracting(t -> t.architecture() + ":" + t.parameterText().get("widths") + "/"
        + t.parameterText().get("classes")).containsExactly(
        "a:4;2/2", "a:4;2/3", "a:4;3/2", "a:4;3/3", "a:8;2/2", "a:8;2/3", "a:8;3/2", "a:8;3/3", "b:1/2");
    assertThat(e.trials()).extracting(Trial::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(e.trials().get(0).parameters().getString("act")).isEqualTo("relu");
    assertThat(e.columns()).containsExactly("trial", "architecture", "repeat", "seed", "widths", "inputs",
        "classes", "act", "params");
  }

  @Test
  void omittedInputsAndClassesComeFromTheData() throws UserInputException {
    Experiment e = resolve("experiment x {\n data images\n architectures { a: chain(widths = [4]) }\n measure needs_data\n}");
    assertThat(e.trials().get(0).parameters().getLong("inputs")).isEqualTo(784);
    assertThat(e.trials().get(0).parameters().getLong("classes")).isEqualTo(10);
  }

  @Test
  void aMetricThatNeedsDataNeedsADataEntry() {
    assertThat(errors("experiment x {\n architectures { a: chain(widths = [4], inputs = 3, classes = 2) }\n measure needs_data\n}"))
        .extracting(Diagnostic::format)
        .containsExactly("t.nnx:3:10: error: metric 'needs_data' needs data (add a data entry, e.g. data mnist)");
  }

  @Test
  void everyErrorOfAFileIsReportedOnceInSourceOrder() {
    List<Diagnostic> errors = errors("""
        experiment x {
          architectures {
            a: chain(widths = [0, {1, 2}], inputs = 3, classes = 2, act = tanx)
            b: chian(widths = [1])
          }
          measure parms, params
          report table(widths, flop)
        }
        """);
    assertThat(errors).extracting(Diagnostic::format).containsExactly(
        "t.nnx:3:24: error: 'widths' is 0, out of range (widths must be integer >= 1)",
        "t.nnx:3:67: error: unknown value 'tanx' for 'act' (did you mean 'tanh'?)",
        "t.nnx:4:8: error: unknown architecture family 'chian' (did you mean 'chain'?)",
        "t.nnx:6:11: error: unknown metric 'parms' (did you mean 'params'?)",
        "t.nnx:7:24: error: unknown report column 'flop' (did you mean 'flops'? it is not measured: add it to measure)");
  }

  @Test
  void aTrainBlockNeedsATrainer() {
    assertThat(errors("experiment x {\n architectures { a: chain(widths = [4], inputs = 3, classes = 2) }\n train { batch = 3 }\n measure params\n}"))
        .extracting(Diagnostic::format).first().asString().contains("no trainer plugin is installed");
  }

  @Test
  void trialSeedsAreReproducibleAndDistinct() throws UserInputException {
    Experiment e = resolve("experiment x {\n seed 7\n architectures { a: chain(widths = [1..50], inputs = 3, classes = 2) }\n measure params\n}");
    Set<Long> seeds = new HashSet<>();
    for (int t = 0; t < 50; t++) {
      for (int r = 0; r < 4; r++) {
        long s = e.trialSeed(t, r);
        assertThat(s).isNotNegative().isEqualTo(e.trialSeed(t, r));
        seeds.add(s);
      }
    }
    assertThat(seeds).hasSize(200);
    Experiment other = resolve("experiment x {\n seed 8\n architectures { a: chain(widths = [1], inputs = 3, classes = 2) }\n measure params\n}");
    assertThat(other.trialSeed(0, 0)).isNotEqualTo(e.trialSeed(0, 0));
  }

  @Test
  void tooLargeSweepsAreRejected() {
    assertThatThrownBy(() -> resolve("experiment x {\n architectures { a: chain(widths = [1..2000, 1..2000], inputs = 3, classes = 2) }\n measure params\n}"))
        .isInstanceOf(UserInputException.class).hasMessageContaining("more than 1000000 trials");
  }
}
