package org.nnx.shgo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.nnx.optimize.OptimizationProblem;
import org.nnx.optimize.OptimizationResult;

class SearchOptimizersTest {

  private final RandomSearchOptimizer random = new RandomSearchOptimizer();
  private final GridSearchOptimizer grid = new GridSearchOptimizer();

  private static OptimizationProblem paraboloid(AtomicLong calls) {
    return OptimizationProblem.of(
            new double[] {-1, -1},
            new double[] {6, 6},
            x -> {
              calls.incrementAndGet();
              return x[0] * x[0] + x[1] * x[1];
            })
        .withInequality(x -> -(x[0] + x[1] - 6.0));
  }

  @Test
  void randomFindsANearbyPointAndIsSeeded() {
    AtomicLong calls = new AtomicLong();
    OptimizationResult a =
        random.minimize(paraboloid(calls), random.options(Map.of("n", 5000L, "seed", 3L)));
    assertThat(a.success()).isTrue();
    assertThat(a.f()).isLessThan(0.01);
    assertThat(a.nit()).isEqualTo(5000);
    assertThat(a.nfev()).isEqualTo(calls.get()).isLessThan(5000); // infeasible draws not evaluated
    OptimizationResult b =
        random.minimize(paraboloid(new AtomicLong()), random.options(Map.of("n", 5000L, "seed", 3L)));
    assertThat(b.x()).containsExactly(a.x());
    OptimizationResult c =
        random.minimize(paraboloid(new AtomicLong()), random.options(Map.of("n", 5000L, "seed", 4L)));
    assertThat(c.x()).doesNotContain(a.x()[0]);
  }

  @Test
  void randomDrawsIntegersForIntegerVariables() {
    OptimizationProblem p =
        OptimizationProblem.of(
                new double[] {-3.5, 0}, new double[] {3.5, 1}, x -> Math.pow(x[0] - 1.4, 2) + x[1])
            .withIntegers(0);
    OptimizationResult r = random.minimize(p, random.options(Map.of("n", 500L)));
    assertThat(r.x()[0]).isEqualTo(1.0);
    assertThat(r.x()[1]).isLessThan(0.05);
  }

  @Test
  void gridEvaluatesEveryPointAndFindsTheBest() {
    AtomicLong calls = new AtomicLong();
    OptimizationResult r = grid.minimize(paraboloid(calls), grid.options(Map.of("points", 8L)));
    // grid -1, 0, ..., 6: the minimum (0, 0) is a grid point; x0 + x1 <= 6 leaves 8 + 8 + 7 + 6 + 5 + 4 + 3 + 2 = 43 of 64
    assertThat(r.success()).isTrue();
    assertThat(r.x()).containsExactly(0.0, 0.0);
    assertThat(r.f()).isEqualTo(0.0);
    assertThat(r.nit()).isEqualTo(64);
    assertThat(r.nfev()).isEqualTo(43).isEqualTo(calls.get());
  }

  @Test
  void gridRoundsIntegerAxesAndKeepsFixedVariables() {
    OptimizationProblem p =
        OptimizationProblem.of(
                new double[] {0, 2}, new double[] {3, 2}, x -> Math.abs(x[0] - 2.2) + x[1])
            .withIntegers(0);
    OptimizationResult r = grid.minimize(p, grid.options(Map.of("points", 11L)));
    assertThat(r.nit()).isEqualTo(4); // {0, 1, 2, 3} x {2}
    assertThat(r.x()).containsExactly(2.0, 2.0);
    assertThat(r.f()).isCloseTo(2.2, within(1e-12));
  }

  @Test
  void equalityToleranceDecidesFeasibility() {
    OptimizationProblem p =
        OptimizationProblem.of(new double[] {0, 0}, new double[] {1, 1}, x -> x[0])
            .withEquality(x -> x[0] + x[1] - 1);
    OptimizationResult r = grid.minimize(p, grid.options(Map.of("points", 5L)));
    assertThat(r.x()).containsExactly(0.0, 1.0);
    OptimizationResult none = random.minimize(p, random.options(Map.of("n", 100L)));
    assertThat(none.success()).isFalse();
    assertThat(none.hasSolution()).isFalse();
    assertThat(none.message()).contains("None of the 100 random points");
  }

  @Test
  void hugeGridsAreRejected() {
    OptimizationProblem p =
        OptimizationProblem.of(new double[8], new double[] {1, 1, 1, 1, 1, 1, 1, 1}, x -> 0);
    assertThatThrownBy(() -> grid.minimize(p, grid.options(Map.of("points", 10L))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("points");
  }
}
