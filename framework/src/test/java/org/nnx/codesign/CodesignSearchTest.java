package org.nnx.codesign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nnx.experiment.Experiment;
import org.nnx.experiment.MetricRequest;
import org.nnx.hardware.Cost;
import org.nnx.hardware.CostModel;
import org.nnx.hardware.HardwareModel;
import org.nnx.hardware.target.HardwareTarget;
import org.nnx.ir.Network;
import org.nnx.ir.NetworkBuilder;
import org.nnx.ir.Op;
import org.nnx.ir.TensorShape;
import org.nnx.optimize.OptimizationProblem;
import org.nnx.optimize.OptimizationResult;
import org.nnx.optimize.Optimizer;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.plugin.BuildContext;
import org.nnx.plugin.Metric;
import org.nnx.plugin.MetricResult;
import org.nnx.plugin.TrialContext;

/**
 * The hierarchical search on a toy problem whose optimum is known: architectures {@code (a, b)}
 * with {@code x = a + b} and a network of {@code 2 (a + b + 1)} parameters, hardware of {@code
 * speed} 1, 2, 4 or 8 with latency {@code parameters / speed} and area {@code speed}.
 */
class CodesignSearchTest {

  /** input(1) -> dense(1, a + b + 1): 2 (a + b + 1) parameters. */
  static final class Toy implements ArchitectureFamily {
    public String name() {
      return "toy";
    }

    public String description() {
      return "toy";
    }

    public List<ParameterSpec> parameters() {
      return List.of();
    }

    public Network build(Parameters p, BuildContext context) {
      NetworkBuilder b = new NetworkBuilder("toy", TensorShape.vector(1));
      b.add("fc", new Op.Dense(1, Math.toIntExact(p.getLong("a") + p.getLong("b") + 1), true), 0);
      return b.build();
    }
  }

  /** x = a + b. */
  static final class Sum implements Metric {
    public String name() {
      return "sum";
    }

    public String description() {
      return "a + b";
    }

    public MetricResult compute(TrialContext trial, Parameters options) {
      return MetricResult.of("sum", trial.parameters().getLong("a") + trial.parameters().getLong("b"));
    }
  }

  /** latency = parameters / speed, energy 0, area = speed. */
  static final class Speed implements HardwareModel {
    public String kind() {
      return "speed";
    }

    public String description() {
      return "toy";
    }

    public List<ParameterSpec> parameters() {
      return List.of(ParameterSpec.optional("speed", ParamType.integerAtLeast(1), 1L, "speed"));
    }

    public CostModel configure(String target, Parameters s) {
      return network -> new Cost((double) network.parameters() / s.getLong("speed"), 0, s.getLong("speed"), List.of());
    }
  }

  /** Evaluates the box's centre only, so that the polish does the work. */
  static final class Centre implements Optimizer {
    int calls;

    public String name() {
      return "centre";
    }

    public String description() {
      return "centre";
    }

    public List<ParameterSpec> parameters() {
      return List.of();
    }

    public OptimizationResult minimize(OptimizationProblem p, Parameters options) {
      calls++;
      double[] x = new double[p.dimension()];
      for (int i = 0; i < x.length; i++) {
        x[i] = (p.lower(i) + p.upper(i)) / 2;
      }
      double f = p.objective().applyAsDouble(x);
      boolean ok = p.violation(x) == 0;
      return new OptimizationResult(x, f, List.of(), ok, "centre", 1, 0, 1, Duration.ZERO);
    }
  }

  /** a and b in 0..20. */
  static final class Square implements DesignSpace {
    public List<String> names() {
      return List.of("a", "b");
    }

    public List<List<String>> values() {
      List<String> v = java.util.stream.IntStream.rangeClosed(0, 20).mapToObj(Integer::toString).toList();
      return List.of(v, v);
    }

    public Parameters instantiate(int[] choice) {
      return new Parameters(Map.of("a", (long) choice[0], "b", (long) choice[1]));
    }
  }

  private static Codesign codesign(long initialSpeed, double maxLatency, Centre optimizer) {
    Speed model = new Speed();
    HardwareTarget target = new HardwareTarget("chip", model, new Parameters(Map.of("speed", initialSpeed)), null, "",
        "t.nnx");
    HardwareSpace hw = new HardwareSpace(target, List.of("speed"), List.of(List.of(1L, 2L, 4L, 8L)),
        List.of(List.of("1", "2", "4", "8")), Map.of(), new int[] {List.of(1L, 2L, 4L, 8L).indexOf(initialSpeed)});
    Experiment samples = new Experiment("samples", "samples", 0, 1, Optional.empty(), List.of(), List.of(),
        List.of(), List.of(), List.of(), false, "", "t.nnx", null, Optional.empty());
    MetricRequest x = new MetricRequest("sum", new Sum(), new Parameters(Map.of()), null);
    return new Codesign("toy", "toy", samples, new Toy(), new Square(), hw, 1, Predictor.Form.LINEAR, x, x, 0, List.of(),
        maxLatency, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, "area", optimizer, "centre",
        new Parameters(Map.of()), 3, 0, "", "t.nnx", null);
  }

  @Test
  void theLevelsAlternateToTheKnownOptimum() {
    Centre centre = new Centre();
    // at speed 2, 2 (a + b + 1) / 2 <= 10 allows a + b = 9; speed 2 is then the smallest that keeps it
    CodesignSearch.Result r = new CodesignSearch(codesign(2, 10, centre), Predictor.of(Predictor.Form.LINEAR, 0, 1)).run();
    assertThat(r.x()).isEqualTo(9);
    assertThat(r.predicted()).isEqualTo(9);
    assertThat(r.hardwareSettings().getLong("speed")).isEqualTo(2);
    assertThat(r.cost().latency()).isEqualTo(10);
    assertThat(r.feasible()).isTrue();
    assertThat(r.rounds()).extracting(CodesignSearch.Round::level)
        .containsExactly("architecture", "hardware", "architecture", "hardware");
    assertThat(r.rounds()).allMatch(CodesignSearch.Round::feasible);
    assertThat(r.rounds().get(1).value()).isEqualTo(2.0);
    assertThat(centre.calls).isEqualTo(4);
    assertThat(r.architecturesBuilt()).isBetween(10, 21 * 21);
    assertThat(r.evaluations()).isGreaterThan(r.architecturesBuilt());
  }

  @Test
  void theHardwareLevelShrinksTheChipAndTheArchitectureLevelThenRegainsNothingMore() {
    // speed 8: a + b <= 39 is allowed, but the space stops at 40 = 20 + 20; the best is a + b = 39,
    // 80 parameters, which needs speed 8; the hardware level cannot shrink it
    CodesignSearch.Result r = new CodesignSearch(codesign(8, 10, new Centre()), Predictor.of(Predictor.Form.LINEAR, 0, 1))
        .run();
    assertThat(r.x()).isEqualTo(39);
    assertThat(r.hardwareSettings().getLong("speed")).isEqualTo(8);
  }

  @Test
  void thePredictorIsNotExtrapolated() {
    CodesignSearch.Result r = new CodesignSearch(codesign(2, 10, new Centre()), Predictor.of(Predictor.Form.LINEAR, 0, 1),
        0, 5).run();
    assertThat(r.x()).isEqualTo(5);
    // with a + b = 5 (12 parameters), speed 2 is still the smallest within 10 s
    assertThat(r.hardwareSettings().getLong("speed")).isEqualTo(2);
  }

  @Test
  void anImpossibleBudgetGivesTheLeastViolatingDesign() {
    // even a = b = 0 (2 parameters) at speed 1 takes 2 s > 1.5 s: nothing is feasible at speed 1
    CodesignSearch.Result r = new CodesignSearch(codesign(1, 1.5, new Centre()), Predictor.of(Predictor.Form.LINEAR, 0, 1))
        .run();
    assertThat(r.x()).isZero();
    // the hardware level then finds speed 2, where it fits (1 s), and the next round grows the network
    assertThat(r.feasible()).isTrue();
    assertThat(r.hardwareSettings().getLong("speed")).isIn(2L, 4L, 8L);
  }
}
