package org.nnx.proxies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nnx.perturbation.LocalNetwork;
import org.nnx.perturbation.MlpFamily;
import org.nnx.perturbation.TestTrial;
import org.nnx.plugin.BuildContext;

/** The factorized empirical NTK against gradients by central differences over every weight and bias. */
class NtkCondMetricTest {

  private static double summedOutput(LocalNetwork net, double[] x) {
    double s = 0;
    for (double v : net.forward(x).output()) {
      s += v;
    }
    return s;
  }

  private static double[] gradient(LocalNetwork net, double[] x) {
    List<Double> g = new ArrayList<>();
    double h = 1e-6;
    for (LocalNetwork.Layer layer : net.layers()) {
      List<double[]> blocks = new ArrayList<>(List.of(layer.w()));
      blocks.add(layer.b());
      for (double[] block : blocks) {
        for (int j = 0; j < block.length; j++) {
          double v = block[j];
          block[j] = v + h;
          double plus = summedOutput(net, x);
          block[j] = v - h;
          double minus = summedOutput(net, x);
          block[j] = v;
          g.add((plus - minus) / (2 * h));
        }
      }
    }
    return g.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Test
  void kernelEqualsInnerProductsOfExplicitParameterGradients() {
    for (String skip : List.of("none", "residual", "dense")) {
      for (String activation : List.of("relu", "leaky_relu", "abs")) {
        LocalNetwork net = LocalNetwork.of(
            new MlpFamily().build(TestTrial.mlp(4, 4, skip, activation, 3, 3, 0.5), new BuildContext(6)), 6);
        Random random = new Random(7);
        double[][] xs = new double[4][3];
        for (double[] x : xs) {
          for (int f = 0; f < 3; f++) {
            x[f] = random.nextGaussian();
          }
        }
        double[][] theta = NtkCondMetric.kernel(net, xs);
        double[][] g = new double[4][];
        for (int s = 0; s < 4; s++) {
          g[s] = gradient(net, xs[s]);
        }
        for (int s = 0; s < 4; s++) {
          for (int t = 0; t < 4; t++) {
            double expected = 0;
            for (int p = 0; p < g[s].length; p++) {
              expected += g[s][p] * g[t][p];
            }
            assertThat(theta[s][t]).as("%s %s (%d, %d)", skip, activation, s, t)
                .isCloseTo(expected, within(1e-6 * Math.max(1, Math.abs(expected))));
          }
        }
      }
    }
  }
}
