package org.nnx.proxies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nnx.perturbation.LocalNetwork;
import org.nnx.perturbation.MlpFamily;
import org.nnx.perturbation.TestTrial;
import org.nnx.plugin.BuildContext;

/** {@code synflow} against finite differences on the |weights| network, and without overflow. */
class SynflowMetricTest {

  private static LocalNetwork net(String skip, int width, int depth, double epsilon, long seed) {
    return LocalNetwork.of(
        new MlpFamily().build(TestTrial.mlp(width, depth, skip, "relu", 5, 3, epsilon), new BuildContext(seed)), seed);
  }

  private static LocalNetwork absolute(LocalNetwork net) {
    List<LocalNetwork.Layer> layers = new ArrayList<>();
    for (LocalNetwork.Layer l : net.layers()) {
      double[][] w = new double[l.out()][l.in()];
      double[] b = new double[l.out()];
      for (int i = 0; i < l.out(); i++) {
        b[i] = Math.abs(l.b()[i]);
        for (int j = 0; j < l.in(); j++) {
          w[i][j] = Math.abs(l.w()[i][j]);
        }
      }
      layers.add(l.withWeights(w, b));
    }
    return new LocalNetwork(layers);
  }

  private static double r(LocalNetwork net) {
    double[] ones = new double[net.inputSize()];
    java.util.Arrays.fill(ones, 1);
    double s = 0;
    for (double v : net.forward(ones).output()) {
      s += v;
    }
    return s;
  }

  @Test
  void equalsTheSaliencySumOfTheAbsoluteNetworkByFiniteDifferences() {
    for (String skip : List.of("none", "residual", "dense")) {
      LocalNetwork net = net(skip, 4, 5, 0.5, 3);
      LocalNetwork abs = absolute(net);
      double s = 0;
      double h = 1e-6;
      for (LocalNetwork.Layer layer : abs.layers()) {
        for (double[] row : layer.w()) {
          for (int j = 0; j < row.length; j++) {
            double w = row[j];
            row[j] = w + h;
            double plus = r(abs);
            row[j] = w - h;
            double minus = r(abs);
            row[j] = w;
            s += w * (plus - minus) / (2 * h);
          }
        }
      }
      assertThat(SynflowMetric.log10Score(net)).as(skip).isCloseTo(Math.log10(s), within(1e-7));
    }
  }

  @Test
  void staysFiniteWhereTheScoreExceedsTheDoubleRange() {
    double deep = SynflowMetric.log10Score(net("residual", 64, 600, 1, 1));
    assertThat(deep).isFinite().isGreaterThan(400);
    double shallower = SynflowMetric.log10Score(net("residual", 64, 300, 1, 1));
    assertThat(deep).isGreaterThan(shallower);
  }
}
