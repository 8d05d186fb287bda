package org.nnx.perturbation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nnx.data.Dataset;
import org.nnx.plugin.Parameters;

/** {@code grad_norm} and {@code snip} against cross-entropy gradients by central differences. */
class GradientProxiesTest {

  private static final Dataset DATA = TestTrial.gaussian(6, 3, 50, 31);

  private static double meanCrossEntropy(LocalNetwork net, Trials.Batch batch) {
    double loss = 0;
    for (int s = 0; s < batch.x().length; s++) {
      double[] p = LossGradients.softmax(net.forward(batch.x()[s]).output());
      loss -= Math.log(p[batch.y()[s]]) / batch.x().length;
    }
    return loss;
  }

  @Test
  void gradNormAndSnipMatchFiniteDifferenceGradients() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("batch", 5L);
    Parameters options = new Parameters(o);
    for (String skip : List.of("none", "residual", "dense")) {
      for (String activation : List.of("relu", "leaky_relu", "abs")) {
        TestTrial trial = new TestTrial(TestTrial.mlp(4, 4, skip, activation, 6, 3), DATA, 13);
        LocalNetwork net = Trials.network(trial);
        Trials.Batch batch = Trials.batch(trial, 5, 6);
        double norms = 0;
        double saliency = 0;
        double h = 1e-6;
        for (LocalNetwork.Layer layer : net.layers()) {
          double ss = 0;
          for (double[] row : layer.w()) {
            for (int j = 0; j < row.length; j++) {
              double w = row[j];
              row[j] = w + h;
              double plus = meanCrossEntropy(net, batch);
              row[j] = w - h;
              double minus = meanCrossEntropy(net, batch);
              row[j] = w;
              double g = (plus - minus) / (2 * h);
              ss += g * g;
              saliency += Math.abs(w * g);
            }
          }
          norms += Math.sqrt(ss);
        }
        double gradNorm = ((Number) new GradNormMetric().compute(trial, options).values().get("grad_norm")).doubleValue();
        double snip = ((Number) new SnipMetric().compute(trial, options).values().get("snip")).doubleValue();
        assertThat(gradNorm).as(skip + " " + activation).isCloseTo(norms, within(1e-6 * norms)).isPositive();
        assertThat(snip).as(skip + " " + activation).isCloseTo(saliency, within(1e-6 * saliency)).isPositive();
      }
    }
  }

  @Test
  void batchesCarryTheTestLabelsOfTheirExamples() {
    TestTrial trial = new TestTrial(TestTrial.mlp(4, 3, "none", "relu", 6, 3), DATA, 2);
    Trials.Batch batch = Trials.batch(trial, 10, 6);
    for (int s = 0; s < 10; s++) {
      boolean found = false;
      for (int e = 0; e < DATA.test().size() && !found; e++) {
        boolean same = DATA.test().labels()[e] == batch.y()[s];
        for (int f = 0; f < 6 && same; f++) {
          same = DATA.test().features()[e * 6 + f] == batch.x()[s][f];
        }
        found = same;
      }
      assertThat(found).isTrue();
    }
  }
}
