package org.nnx.shgo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nnx.optimize.LocalMinimum;
import org.nnx.optimize.OptimizationProblem;
import org.nnx.optimize.OptimizationResult;
import org.nnx.param.Parameters;

/**
 * SciPy's own acceptance cases for {@code shgo} (scipy/optimize/tests/test__shgo.py), with its
 * tolerance of {@code 1e-5} on x and f, plus the stopping rules and edge cases.
 */
class ShgoOptimizerTest {

  private static final double TOL = 1e-5;
  private final ShgoOptimizer shgo = new ShgoOptimizer();

  private Parameters options(Object... pairs) {
    Map<String, Object> given = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      given.put((String) pairs[i], pairs[i + 1]);
    }
    return shgo.options(given);
  }

  private static void assertX(OptimizationResult r, double... expected) {
    assertThat(r.success()).as(r.message()).isTrue();
    double[] x = r.x();
    assertThat(x).hasSize(expected.length);
    for (int i = 0; i < x.length; i++) {
      assertThat(x[i]).as("x[%d] of %s", i, Arrays.toString(x)).isCloseTo(expected[i], within(TOL));
    }
  }

  // ---- test 1: x0^2 + x1^2 on [-1, 6]^2 with x0 + x1 <= 6

  private static OptimizationProblem test1() {
    return OptimizationProblem.of(
            new double[] {-1, -1}, new double[] {6, 6}, x -> x[0] * x[0] + x[1] * x[1])
        .withInequality(x -> -(x[0] + x[1] - 6.0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"simplicial", "sobol"})
  void test1Paraboloid(String sampling) {
    OptimizationResult r = shgo.minimize(test1(), options("sampling", sampling));
    assertX(r, 0, 0);
    assertThat(r.f()).isCloseTo(0, within(TOL));
    assertThat(r.nit()).isEqualTo(1);
    assertThat(r.nlfev()).isPositive().isLessThan(r.nfev());
  }

  // ---- test 2: (x - 30) sin(x) on [0, 60] with x <= 58: every local minimum, in order

  private static final double[] TEST2_XL = {
    1.53567906, 55.01782167, 7.80894889, 48.74797493, 14.07445705,
    42.4913859, 20.31743841, 36.28607535, 26.43039605, 30.76371366
  };
  private static final double[] TEST2_FUNL = {
    -28.44677132, -24.99785984, -22.16855376, -18.72136195, -15.89423937,
    -12.45154942, -9.63133158, -6.20801301, -3.43727232, -0.46353338
  };

  private static OptimizationProblem test2() {
    return OptimizationProblem.of(
            new double[] {0}, new double[] {60}, x -> (x[0] - 30) * Math.sin(x[0]))
        .withInequality(x -> 58 - x[0]);
  }

  private static void assertAllTest2Minima(OptimizationResult r) {
    assertX(r, 1.53567906);
    assertThat(r.f()).isCloseTo(-28.44677132, within(TOL));
    List<LocalMinimum> xl = r.localMinima();
    assertThat(xl).hasSize(TEST2_XL.length);
    for (int i = 0; i < xl.size(); i++) {
      assertThat(xl.get(i).x()[0]).as("xl[%d]", i).isCloseTo(TEST2_XL[i], within(TOL));
      assertThat(xl.get(i).f()).as("funl[%d]", i).isCloseTo(TEST2_FUNL[i], within(TOL));
    }
  }

  @Test
  void test2AllMinimaSobol() {
    assertAllTest2Minima(shgo.minimize(test2(), options("sampling", "sobol")));
  }

  @Test
  void test2AllMinimaSimplicial() {
    OptimizationResult r =
        shgo.minimize(
            test2(),
            options("sampling", "simplicial", "n", 200L, "iters", 7L, "minimize_every_iter", false));
    assertAllTest2Minima(r);
    assertThat(r.nit()).isEqualTo(7);
  }

  // ---- test 3: Hock and Schittkowski problem 18

  private static OptimizationProblem hs18() {
    return OptimizationProblem.of(
            new double[] {2, 0}, new double[] {50, 50}, x -> 0.01 * x[0] * x[0] + x[1] * x[1])
        .withInequality(x -> x[0] * x[1] - 25.0)
        .withInequality(x -> x[0] * x[0] + x[1] * x[1] - 25.0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"simplicial", "sobol"})
  void test3Hs18(String sampling) {
    OptimizationResult r = shgo.minimize(hs18(), options("sampling", sampling));
    assertX(r, Math.sqrt(250), Math.sqrt(2.5));
    assertThat(r.f()).isCloseTo(5.0, within(TOL));
  }

  // ---- test 4: Eggholder, Sobol with n = 60

  static double eggholder(double[] x) {
    return -(x[1] + 47.0) * Math.sin(Math.sqrt(Math.abs(x[0] / 2.0 + (x[1] + 47.0))))
        - x[0] * Math.sin(Math.sqrt(Math.abs(x[0] - (x[1] + 47.0))));
  }

  private static OptimizationProblem eggholderProblem(AtomicLong calls) {
    return OptimizationProblem.of(
        new double[] {-512, -512},
        new double[] {512, 512},
        x -> {
          calls.incrementAndGet();
          return eggholder(x);
        });
  }

  @Test
  void test4EggholderSobol() {
    AtomicLong calls = new AtomicLong();
    OptimizationResult r =
        shgo.minimize(eggholderProblem(calls), options("n", 60L, "sampling", "sobol"));
    assertX(r, 512, 404.2318054);
    assertThat(r.f()).isCloseTo(-959.6406627, within(TOL));
    assertThat(r.nfev()).isEqualTo(calls.get());
    assertThat(r.nfev() - r.nlfev()).as("sampling evaluations: 60 rounded up to 64").isEqualTo(64);
    for (int i = 1; i < r.localMinima().size(); i++) {
      assertThat(r.localMinima().get(i).f()).isGreaterThanOrEqualTo(r.localMinima().get(i - 1).f());
    }
  }

  // ---- test 5: sum (x_i - 0.5)^2 on [0, 2]^4

  private static OptimizationProblem shiftedSphere() {
    double[] lo = new double[4];
    double[] hi = {2, 2, 2, 2};
    return OptimizationProblem.of(
        lo,
        hi,
        x -> {
          double s = 0;
          for (double v : x) {
            s += (v - 0.5) * (v - 0.5);
          }
          return s;
        });
  }

  @Test
  void test5ShiftedSphereSobol() {
    OptimizationResult r = shgo.minimize(shiftedSphere(), options("sampling", "sobol"));
    assertX(r, 0.5, 0.5, 0.5, 0.5);
    assertThat(r.f()).isCloseTo(0, within(TOL));
  }

  @Test
  void test5ShiftedSphereSimplicialTwoIterations() {
    // The initial complex has f = 1 at both the origin and the centre (a tie, where SciPy's
    // default run finds no minimizer); one refinement puts a vertex at the minimum.
    OptimizationResult r = shgo.minimize(shiftedSphere(), options("iters", 2L));
    assertX(r, 0.5, 0.5, 0.5, 0.5);
    assertThat(r.f()).isCloseTo(0, within(TOL));
  }

  // ---- test 6: Lennard-Jones cluster of two atoms, 6 variables

  static double lennardJones(double[] x) {
    int atoms = x.length / 3;
    double s = 0;
    for (int i = 0; i < atoms - 1; i++) {
      for (int j = i + 1; j < atoms; j++) {
        double dx = x[3 * i] - x[3 * j];
        double dy = x[3 * i + 1] - x[3 * j + 1];
        double dz = x[3 * i + 2] - x[3 * j + 2];
        double ed = dx * dx + dy * dy + dz * dz;
        double ud = ed * ed * ed;
        if (ed > 0) {
          s += (1.0 / ud - 2.0) / ud;
        }
      }
    }
    return s;
  }

  @Test
  void test6LennardJones() {
    double[] lo = new double[6];
    double[] hi = new double[6];
    Arrays.fill(lo, -4);
    Arrays.fill(hi, 4);
    OptimizationResult r =
        shgo.minimize(
            OptimizationProblem.of(lo, hi, ShgoOptimizerTest::lennardJones),
            options("n", 300L, "sampling", "simplicial"));
    assertThat(r.success()).as(r.message()).isTrue();
    assertThat(r.f()).isCloseTo(-1.0, within(TOL));
    double[] x = r.x();
    double dist =
        Math.sqrt(
            Math.pow(x[0] - x[3], 2) + Math.pow(x[1] - x[4], 2) + Math.pow(x[2] - x[5], 2));
    assertThat(dist).as("the pair distance at the minimum").isCloseTo(1.0, within(TOL));
  }

  // ---- test 7: no feasible point

  private static OptimizationProblem infeasible() {
    return OptimizationProblem.of(
            new double[] {2, -1}, new double[] {50, 1}, x -> x[0] * x[0] + x[1] * x[1])
        .withInequality(x -> x[0] + x[1] - 1)
        .withInequality(x -> -(x[0] + x[1] - 1))
        .withInequality(x -> -x[0] + x[1] - 1)
        .withInequality(x -> -(-x[0] + x[1] - 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"simplicial", "sobol"})
  void test7InfeasibleFails(String sampling) {
    OptimizationResult r = shgo.minimize(infeasible(), options("sampling", sampling));
    assertThat(r.success()).isFalse();
    assertThat(r.hasSolution()).isFalse();
    assertThat(r.f()).isNaN();
    assertThat(r.localMinima()).isEmpty();
    assertThat(r.message()).contains("No feasible sampling point");
    assertThat(r.nfev()).isZero();
  }

  @Test
  void infeasibleWithMaxfevStillStops() {
    OptimizationResult r =
        shgo.minimize(infeasible(), options("sampling", "sobol", "n", 16L, "maxfev", 40L));
    assertThat(r.success()).isFalse();
    assertThat(r.nit()).isEqualTo(3);
  }

  @Test
  void unsatisfiableEqualityFails() {
    OptimizationProblem p =
        OptimizationProblem.of(new double[] {0, 0}, new double[] {1, 1}, x -> x[0] + x[1])
            .withEquality(x -> x[0] + x[1] - 100);
    OptimizationResult r = shgo.minimize(p, options());
    assertThat(r.success()).isFalse();
    assertThat(r.hasSolution()).isFalse();
    assertThat(r.message()).contains("local minimizations");
  }

  // ---- equality constraints

  @ParameterizedTest
  @ValueSource(strings = {"simplicial", "sobol"})
  void equalityConstrainedRosenbrock(String sampling) {
    // SciPy's test_equality_constraints (gh-16260)
    OptimizationProblem p =
        OptimizationProblem.of(
                new double[] {0.9, 0.9},
                new double[] {4, 4},
                x -> 100 * Math.pow(x[1] - x[0] * x[0], 2) + Math.pow(1 - x[0], 2))
            .withEquality(x -> x[0] + x[1] - 3.9);
    OptimizationResult r = shgo.minimize(p, options("sampling", sampling));
    assertThat(r.success()).as(r.message()).isTrue();
    assertThat(r.x()[0] + r.x()[1]).isCloseTo(3.9, within(1e-9));
  }

  @Test
  void equalityOnTheSimplex() {
    // minimize |x|^2 subject to x0 + x1 + x2 = 1: x = (1/3, 1/3, 1/3), f = 1/3
    OptimizationProblem p =
        OptimizationProblem.of(
                new double[] {-1, -1, -1},
                new double[] {1, 1, 1},
                x -> x[0] * x[0] + x[1] * x[1] + x[2] * x[2])
            .withEquality(x -> x[0] + x[1] + x[2] - 1);
    OptimizationResult r = shgo.minimize(p, options());
    assertX(r, 1.0 / 3, 1.0 / 3, 1.0 / 3);
    assertThat(r.f()).isCloseTo(1.0 / 3, within(TOL));
  }

  // ---- stopping rules

  @Test
  void maxfevStopsAfterTheIterationThatReachesIt() {
    AtomicLong calls = new AtomicLong();
    OptimizationResult r =
        shgo.minimize(
            eggholderProblem(calls), options("sampling", "sobol", "n", 16L, "maxfev", 50L));
    assertThat(r.nit()).isEqualTo(4);
    assertThat(r.nfev() - r.nlfev()).isEqualTo(64);
    assertThat(r.message()).contains("maxfev");
  }

  @Test
  void maxiterStopsAndOverridesIters() {
    OptimizationResult r = shgo.minimize(test1(), options("maxiter", 3L, "iters", 10L));
    assertThat(r.nit()).isEqualTo(3);
    assertThat(r.message()).contains("maxiter");
    // 5 + 8 + 28 vertices after three generations, less the infeasible ones
    assertThat(r.nfev() - r.nlfev()).isLessThanOrEqualTo(41).isGreaterThan(13);
    assertX(r, 0, 0);
  }

  @Test
  void itersCountsIterations() {
    OptimizationResult r = shgo.minimize(test1(), options("iters", 3L));
    assertThat(r.nit()).isEqualTo(3);
    assertThat(r.message()).contains("completed 3 iterations");
  }

  @Test
  void fMinStopsAtTheKnownMinimum() {
    OptimizationResult r =
        shgo.minimize(
            test2(),
            options("sampling", "sobol", "n", 16L, "f_min", -28.44677132, "f_tol", 1e-6,
                "local_iter", 1L));
    assertThat(r.message()).contains("f_min");
    assertX(r, 1.53567906);
  }

  @Test
  void maxtimeStopsAfterTheFirstIteration() {
    OptimizationResult r = shgo.minimize(test1(), options("iters", 5L, "maxtime", 1e-12));
    assertThat(r.nit()).isEqualTo(1);
    assertThat(r.message()).contains("maxtime");
  }

  // ---- determinism and edge cases

  @ParameterizedTest
  @ValueSource(strings = {"simplicial", "sobol"})
  void sameResultTwice(String sampling) {
    Parameters o = options("n", 60L, "sampling", sampling, "iters", 2L);
    OptimizationResult a = shgo.minimize(eggholderProblem(new AtomicLong()), o);
    OptimizationResult b = shgo.minimize(eggholderProblem(new AtomicLong()), o);
    assertThat(b.x()).containsExactly(a.x());
    assertThat(b.f()).isEqualTo(a.f());
    assertThat(b.localMinima()).isEqualTo(a.localMinima());
    assertThat(b.nfev()).isEqualTo(a.nfev());
    assertThat(b.nlfev()).isEqualTo(a.nlfev());
    assertThat(b.message()).isEqualTo(a.message());
  }

  @Test
  void fixedVariablesAreHeld() {
    OptimizationProblem p =
        OptimizationProblem.of(
            new double[] {-1, 2, -1},
            new double[] {1, 2, 1},
            x -> Math.pow(x[0] - 0.25, 2) + Math.pow(x[1] - 3, 2) + Math.pow(x[2] + 0.5, 2));
    OptimizationResult r = shgo.minimize(p, options());
    assertX(r, 0.25, 2, -0.5);
    assertThat(r.f()).isCloseTo(1, within(TOL));
  }

  @Test
  void integerVariablesAreRejected() {
    OptimizationProblem p =
        OptimizationProblem.of(new double[] {0}, new double[] {3}, x -> x[0]).withIntegers(0);
    assertThatThrownBy(() -> shgo.minimize(p, options()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("integer");
  }

  @Test
  void unknownOptionIsRejected() {
    assertThatThrownBy(() -> shgo.options(Map.of("sampling_method", "sobol")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sampling_method");
  }
}
