package org.nnx.shgo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class SqpMinimizerTest {

  private static SqpMinimizer.Result run(
      int n,
      ToDoubleFunction<double[]> f,
      List<ToDoubleFunction<double[]>> ineq,
      List<ToDoubleFunction<double[]>> eq,
      double[] x0,
      double[] lo,
      double[] hi,
      double step) {
    return new SqpMinimizer(n, f, ineq, eq, SqpMinimizer.Settings.defaults())
        .minimize(x0, lo, hi, step);
  }

  @Test
  void rosenbrockUnconstrained() {
    ToDoubleFunction<double[]> rosen =
        x -> 100 * Math.pow(x[1] - x[0] * x[0], 2) + Math.pow(1 - x[0], 2);
    SqpMinimizer.Result r =
        run(2, rosen, List.of(), List.of(), new double[] {-1.2, 1}, new double[] {-5, -5},
            new double[] {5, 5}, 0.5);
    assertThat(r.converged()).isTrue();
    assertThat(r.x()[0]).isCloseTo(1, within(1e-5));
    assertThat(r.x()[1]).isCloseTo(1, within(1e-5));
  }

  @Test
  void hockSchittkowski18() {
    ToDoubleFunction<double[]> f = x -> 0.01 * x[0] * x[0] + x[1] * x[1];
    List<ToDoubleFunction<double[]>> g =
        List.of(x -> x[0] * x[1] - 25, x -> x[0] * x[0] + x[1] * x[1] - 25);
    SqpMinimizer.Result r =
        run(2, f, g, List.of(), new double[] {26, 25}, new double[] {2, 0}, new double[] {50, 50},
            10);
    assertThat(r.converged()).isTrue();
    assertThat(r.f()).isCloseTo(5, within(1e-9));
    assertThat(r.x()[0]).isCloseTo(Math.sqrt(250), within(1e-6));
    assertThat(r.x()[1]).isCloseTo(Math.sqrt(2.5), within(1e-6));
  }

  @Test
  void equalityConstraintOnRosenbrock() {
    ToDoubleFunction<double[]> rosen =
        x -> 100 * Math.pow(x[1] - x[0] * x[0], 2) + Math.pow(1 - x[0], 2);
    SqpMinimizer.Result r =
        run(2, rosen, List.of(), List.of(x -> x[0] + x[1] - 3.9), new double[] {2, 2},
            new double[] {0.9, 0.9}, new double[] {4, 4}, 0.5);
    assertThat(r.converged()).isTrue();
    assertThat(r.x()[0] + r.x()[1]).isCloseTo(3.9, within(1e-9));
  }

  @Test
  void boundsActive() {
    ToDoubleFunction<double[]> f = x -> (x[0] - 3) * (x[0] - 3) + (x[1] + 1) * (x[1] + 1);
    SqpMinimizer.Result r =
        run(2, f, List.of(), List.of(), new double[] {0.5, 0.5}, new double[] {0, 0},
            new double[] {1, 1}, 0.2);
    assertThat(r.x()[0]).isCloseTo(1, within(1e-12));
    assertThat(r.x()[1]).isCloseTo(0, within(1e-12));
  }

  @Test
  void hockSchittkowski100Like() {
    ToDoubleFunction<double[]> f =
        x ->
            (x[0] - 10) * (x[0] - 10) + 5 * Math.pow(x[1] - 12, 2) + Math.pow(x[2], 4)
                + 3 * Math.pow(x[3] - 11, 2) + 10 * Math.pow(x[4], 6) + 7 * x[5] * x[5]
                + Math.pow(x[6], 4) - 4 * x[5] * x[6] - 10 * x[5] - 8 * x[6];
    List<ToDoubleFunction<double[]>> g =
        List.of(
            x -> -(2 * x[0] * x[0] + 3 * Math.pow(x[1], 4) + x[2] + 4 * x[3] * x[3] + 5 * x[4] - 127),
            x -> -(7 * x[0] + 3 * x[1] + 10 * x[2] * x[2] + x[3] - x[4] - 282),
            x -> -(23 * x[0] + x[1] * x[1] + 6 * x[5] * x[5] - 8 * x[6] - 196),
            x -> -(4 * x[0] * x[0] + x[1] * x[1] - 3 * x[0] * x[1] + 2 * x[2] * x[2] + 5 * x[5]
                - 11 * x[6]));
    double[] lo = new double[7];
    double[] hi = new double[7];
    java.util.Arrays.fill(lo, -10);
    java.util.Arrays.fill(hi, 10);
    SqpMinimizer.Result r = run(7, f, g, List.of(), new double[7], lo, hi, 5);
    assertThat(r.f()).isCloseTo(680.6300573, within(1e-5));
    double[] expected = {2.330499, 1.951372, -0.4775414, 4.365726, -0.6244870, 1.038131, 1.594227};
    for (int i = 0; i < 7; i++) {
      assertThat(r.x()[i]).isCloseTo(expected[i], within(1e-5));
    }
  }
}
