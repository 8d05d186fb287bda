package org.nnx.proxies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;
import org.nnx.data.Dataset;
import org.nnx.perturbation.LocalNetwork;
import org.nnx.perturbation.MlpFamily;
import org.nnx.perturbation.TestTrial;
import org.nnx.plugin.BuildContext;
import org.nnx.param.Parameters;

/** {@code naswot} and {@code jacob_cov} against their definitions. */
class ZeroCostProxiesTest {

  private static final Dataset DATA = TestTrial.gaussian(6, 3, 100, 21);

  private static LocalNetwork net(String skip, String activation, long seed) {
    return LocalNetwork.of(
        new MlpFamily().build(TestTrial.mlp(5, 4, skip, activation, 6, 3), new BuildContext(seed)), seed);
  }

  private static double[][] inputs(Random random, int n, int features) {
    double[][] xs = new double[n][features];
    for (double[] x : xs) {
      for (int f = 0; f < features; f++) {
        x[f] = random.nextGaussian();
      }
    }
    return xs;
  }

  /** Pre-activation signs recomputed from the weights, not from the slopes. */
  private static boolean[] code(LocalNetwork net, double[] x) {
    LocalNetwork.Pass pass = net.forward(x);
    boolean[] code = new boolean[3 * 5];
    int u = 0;
    for (int l = 0; l < 3; l++) {
      LocalNetwork.Layer layer = net.layers().get(l);
      for (int r = 0; r < layer.out(); r++) {
        double z = layer.b()[r];
        for (int j = 0; j < layer.in(); j++) {
          z += layer.w()[r][j] * pass.inputs()[l][j];
        }
        code[u++] = z > 0;
      }
    }
    return code;
  }

  @Test
  void naswotKernelCountsAgreeingUnitsAndTheScoreIsItsLogDeterminant() {
    int checked = 0;
    for (String skip : List.of("none", "residual", "dense")) {
      LocalNetwork net = net(skip, "relu", 4);
      double[][] xs = inputs(new Random(5), 6, 6);
      double[][] k = NaswotMetric.kernel(net, xs);
      for (int i = 0; i < xs.length; i++) {
        for (int j = 0; j < xs.length; j++) {
          boolean[] a = code(net, xs[i]);
          boolean[] b = code(net, xs[j]);
          int hamming = 0;
          for (int u = 0; u < a.length; u++) {
            hamming += a[u] != b[u] ? 1 : 0;
          }
          assertThat(k[i][j]).isEqualTo(15 - hamming);
        }
      }
      double det = new LUDecomposition(new Array2DRowRealMatrix(k)).getDeterminant();
      if (det > 1e-6) {
        assertThat(NaswotMetric.logDet(k)).isCloseTo(Math.log(det), within(1e-9));
        checked++;
      }
    }
    assertThat(checked).isPositive();
  }

  @Test
  void naswotOfRepeatedInputsIsFiniteAndLowerThanOfDistinctOnes() {
    LocalNetwork net = net("none", "leaky_relu", 1);
    double[][] distinct = inputs(new Random(2), 4, 6);
    double[][] repeated = {distinct[0], distinct[0], distinct[1], distinct[2]};
    double a = NaswotMetric.logDet(NaswotMetric.kernel(net, distinct));
    double b = NaswotMetric.logDet(NaswotMetric.kernel(net, repeated));
    assertThat(b).isFinite().isLessThan(a);
  }

  @Test
  void summedInputGradientMatchesCentralDifferences() {
    for (String skip : List.of("none", "residual", "dense")) {
      for (String activation : List.of("relu", "leaky_relu", "abs")) {
        LocalNetwork net = net(skip, activation, 8);
        double[] x = inputs(new Random(9), 1, 6)[0];
        double[] g = JacobCovMetric.summedInputGradient(net, x);
        double h = 1e-6;
        for (int f = 0; f < 6; f++) {
          double[] plus = x.clone();
          double[] minus = x.clone();
          plus[f] += h;
          minus[f] -= h;
          double fd = (sum(net.forward(plus).output()) - sum(net.forward(minus).output())) / (2 * h);
          assertThat(g[f]).as("%s %s input %d", skip, activation, f).isCloseTo(fd, within(1e-6));
        }
      }
    }
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }

  @Test
  void jacobCovUsesPearsonCorrelationsAndTheAuthorsScore() {
    double[][] v = inputs(new Random(11), 5, 9);
    double[][] mine = JacobCovMetric.correlation(v);
    double[][] reference = new PearsonsCorrelation().computeCorrelationMatrix(
        new Array2DRowRealMatrix(v).transpose()).getData();
    for (int i = 0; i < 5; i++) {
      assertThat(mine[i]).containsExactly(reference[i], within(1e-12));
    }
    double[][] identity = new double[4][4];
    for (int i = 0; i < 4; i++) {
      identity[i][i] = 1;
    }
    double k = JacobCovMetric.K;
    assertThat(JacobCovMetric.score(identity)).isCloseTo(-4 * (Math.log(1 + k) + 1 / (1 + k)), within(1e-12));
    // fully correlated inputs score lower than uncorrelated ones
    double[][] ones = {{1, 1}, {1, 1}};
    assertThat(JacobCovMetric.score(ones)).isLessThan(JacobCovMetric.score(new double[][] {{1, 0}, {0, 1}}));
  }

  @Test
  void bothProxiesAreReproducibleFromTheTrialSeed() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("batch", 8L);
    Parameters options = new Parameters(o);
    Parameters p = TestTrial.mlp(8, 5, "residual", "relu", 6, 3);
    Object a = new NaswotMetric().compute(TestTrial.of(p, DATA, 3), options).values();
    Object b = new NaswotMetric().compute(TestTrial.of(p, DATA, 3), options).values();
    Object c = new JacobCovMetric().compute(TestTrial.of(p, DATA, 3), options).values();
    Object d = new JacobCovMetric().compute(TestTrial.of(p, DATA, 3), options).values();
    assertThat(a).isEqualTo(b);
    assertThat(c).isEqualTo(d);
  }
}
