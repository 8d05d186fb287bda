package org.nnx.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.plugin.BuildContext;

class TrialCostTest {

  /** {@code 10 -> dense(width) -> dense(3)}, which refuses a width below 1. */
  private static final ArchitectureFamily MLP = new ArchitectureFamily() {
    @Override
    public String name() {
      return "mlp";
    }

    @Override
    public String description() {
      return "a test MLP";
    }

    @Override
    public List<ParameterSpec> parameters() {
      return List.of();
    }

    @Override
    public Network build(Parameters p, BuildContext context) {
      if (p.getInt("width") < 1) {
        throw new IllegalArgumentException("no width");
      }
      NetworkBuilder b = new NetworkBuilder("mlp", TensorShape.vector(10));
      int d = b.add("d1", new Op.Dense(10, p.getInt("width"), false), 0);
      b.add("d2", new Op.Dense(p.getInt("width"), 3, false), d);
      return b.build();
    }
  };

  private static Trial trial(int width, Map<String, Object> training) {
    return new Trial(0, "net", MLP, new Parameters(Map.of("width", width)), Map.of(), new Parameters(training),
        Map.of());
  }

  @Test
  void theCostIsTheForwardFlopsThreeTimesPerEpochWhenItTrains() {
    double forward = trial(20, Map.of()).family().build(new Parameters(Map.of("width", 20)), new BuildContext(0))
        .flops();
    assertThat(forward).isPositive();
    assertThat(ExperimentRunner.cost(trial(20, Map.of()), 1, false)).isEqualTo(forward);
    assertThat(ExperimentRunner.cost(trial(20, Map.of("epochs", 4)), 1, false)).isEqualTo(forward);
    assertThat(ExperimentRunner.cost(trial(20, Map.of("epochs", 4)), 1, true)).isEqualTo(12 * forward);
    // a trainer without epochs: one pass
    assertThat(ExperimentRunner.cost(trial(20, Map.of()), 1, true)).isEqualTo(3 * forward);
    assertThat(ExperimentRunner.cost(trial(40, Map.of()), 1, false)).isGreaterThan(forward);
  }

  @Test
  void aNetworkThatDoesNotBuildCostsNothingKnown() {
    assertThat(ExperimentRunner.cost(trial(0, Map.of("epochs", 2)), 1, true)).isZero();
  }
}
