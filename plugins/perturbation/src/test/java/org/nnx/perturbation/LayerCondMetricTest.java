package org.nnx.perturbation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nnx.data.Dataset;
import org.nnx.plugin.MetricResult;
import org.nnx.param.Parameters;
import org.nnx.plugin.TrialContext;

/** {@code layer_cond} on synthetic Gaussian inputs (no data set download). */
class LayerCondMetricTest {

  private static final Dataset DATA = TestTrial.gaussian(12, 3, 200, 5);

  private static Parameters options(int samples) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("samples", (long) samples);
    return new Parameters(m);
  }

  private static MetricResult layerCond(String skip, String activation, int width, int depth, long seed) {
    TrialContext trial = TestTrial.of(TestTrial.mlp(width, depth, skip, activation, 12, 3), DATA, seed);
    return new LayerCondMetric().compute(trial, options(8));
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /**
   * Over 25 random initializations of MLPs of width 16 and depth 8, the median layer_cond of
   * residual and of DenseNet-type MLPs is below that of plain ones, for each activation.
   */
  @Test
  void residualAndDenseMlpsAreBetterConditionedThanPlainOnesInMedian() {
    for (String activation : List.of("relu", "leaky_relu", "abs")) {
      double[][] values = new double[3][25];
      List<String> kinds = List.of("none", "residual", "dense");
      for (int k = 0; k < 3; k++) {
        for (int seed = 0; seed < 25; seed++) {
          values[k][seed] = ((Number) layerCond(kinds.get(k), activation, 16, 8, seed).values()
              .get("layer_cond")).doubleValue();
        }
      }
      double plain = median(values[0]);
      double residual = median(values[1]);
      double dense = median(values[2]);
      assertThat(residual).as(activation + " residual vs plain").isLessThan(plain);
      assertThat(dense).as(activation + " dense vs plain").isLessThan(plain);
    }
  }

  /** The metric equals the mean of log10 σ_max/σ_min of explicitly built maps, [I; D W] included. */
  @Test
  void equalsTheMeanLogConditionOfExplicitLocalMaps() {
    for (String skip : List.of("none", "residual", "dense")) {
      TrialContext trial = TestTrial.of(TestTrial.mlp(5, 5, skip, "leaky_relu", 12, 3), DATA, 3);
      MetricResult result = new LayerCondMetric().compute(trial, options(4));
      LocalNetwork net = Trials.network(trial);
      double[][] xs = Trials.samples(trial, 4, 12);
      double sum = 0;
      double max = 0;
      int count = 0;
      for (double[] x : xs) {
        LocalNetwork.Pass pass = net.forward(x);
        for (int l = 0; l < net.layers().size(); l++) {
          double[] s = Spectra.singularValues(net.localMap(l, pass));
          double log = Math.log10(s[0] / s[s.length - 1]);
          sum += log;
          max = Math.max(max, log);
          count++;
        }
      }
      assertThat(((Number) result.values().get("layer_cond")).doubleValue()).isCloseTo(sum / count, within(1e-9));
      assertThat(((Number) result.values().get("layer_cond_max")).doubleValue()).isCloseTo(max, within(1e-9));
    }
  }

  @Test
  void isReproducibleFromTheSeedAndChangesWithIt() {
    Object a = layerCond("residual", "relu", 8, 6, 42).values();
    Object b = layerCond("residual", "relu", 8, 6, 42).values();
    Object c = layerCond("residual", "relu", 8, 6, 43).values();
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
  }

  /**
   * A plain ReLU hidden layer with a unit off has a zero singular value, floored so that its log10
   * κ reads 12; the same layer with a residual identity ({@code D W + I}) is not singular.
   */
  @Test
  void aSingularPlainReluLayerReadsTwelveDecadesAndItsResidualTwinDoesNot() {
    for (String skip : List.of("none", "residual")) {
      TrialContext trial = TestTrial.of(TestTrial.mlp(16, 6, skip, "relu", 12, 3), DATA, 1);
      LocalNetwork net = Trials.network(trial);
      double[] logs = LayerCondMetric.layerLogConditions(net, Trials.samples(trial, 4, 12));
      int layers = net.layers().size();
      for (int s = 0; s < 4; s++) {
        for (int l = 1; l < layers - 1; l++) {
          double v = logs[s * layers + l];
          if (skip.equals("none")) {
            assertThat(v).isCloseTo(12, within(1e-9));
          } else {
            assertThat(v).isLessThan(6);
          }
        }
      }
    }
  }

  /**
   * ε is part of the network (a Scale node on the residual identity): with the same weights, a
   * residual MLP with ε = 0 has the plain MLP's local maps, so the same layer_cond; ε = 1 differs.
   * (The networks' node ids differ, and weights are drawn per node, so the plain network is given
   * the residual one's weights.)
   */
  @Test
  void residualWithEpsilonZeroEqualsPlain() {
    org.nnx.plugin.BuildContext build = new org.nnx.plugin.BuildContext(4);
    LocalNetwork zero = LocalNetwork.of(
        new MlpFamily().build(TestTrial.mlp(8, 6, "residual", "leaky_relu", 12, 3, 0.0), build), 4);
    LocalNetwork one = LocalNetwork.of(
        new MlpFamily().build(TestTrial.mlp(8, 6, "residual", "leaky_relu", 12, 3, 1.0), build), 4);
    LocalNetwork plain = LocalNetwork.of(new MlpFamily().build(TestTrial.mlp(8, 6, "none", "leaky_relu", 12, 3), build), 4);
    List<LocalNetwork.Layer> same = new java.util.ArrayList<>();
    List<LocalNetwork.Layer> sameOne = new java.util.ArrayList<>();
    for (int l = 0; l < plain.layers().size(); l++) {
      same.add(plain.layers().get(l).withWeights(zero.layers().get(l).w(), zero.layers().get(l).b()));
      sameOne.add(one.layers().get(l).withWeights(zero.layers().get(l).w(), zero.layers().get(l).b()));
    }
    double[][] xs = Trials.samples(TestTrial.of(TestTrial.mlp(8, 6, "none", "leaky_relu", 12, 3), DATA, 4), 6, 12);
    double[] viaZero = LayerCondMetric.layerLogConditions(zero, xs);
    assertThat(LayerCondMetric.layerLogConditions(new LocalNetwork(same), xs)).containsExactly(viaZero);
    assertThat(LayerCondMetric.layerLogConditions(new LocalNetwork(sameOne), xs)).isNotEqualTo(viaZero);
  }
}
