package org.nnx.proxies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nnx.data.Dataset;
import org.nnx.ir.TensorShape;
import org.nnx.perturbation.CnnFamily;
import org.nnx.perturbation.LocalNetwork;
import org.nnx.perturbation.LossGradients;
import org.nnx.perturbation.TestTrial;
import org.nnx.perturbation.Trials;
import org.nnx.plugin.BuildContext;
import org.nnx.plugin.FixedTrialContext;
import org.nnx.param.Parameters;
import org.nnx.plugin.TrialContext;

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
        TrialContext trial = TestTrial.of(TestTrial.mlp(4, 4, skip, activation, 6, 3), DATA, 13);
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

  /** grad_norm over the kernels of a {@code cnn}, against central differences of the mean cross-entropy. */
  @Test
  void gradNormOfTiedLayersMatchesFiniteDifferences() {
    Dataset data = TestTrial.gaussian(36, 3, 40, 8);
    Dataset images = new Dataset("g", new TensorShape(1, 6, 6), 3, data.train(), data.test());
    Parameters parameters = TestTrial.cnn("residual", "relu", 4);
    TrialContext trial = FixedTrialContext.builder(new CnnFamily().build(parameters, new BuildContext(5)))
        .parameters(parameters).data(images).seed(5).build();
    LocalNetwork net = Trials.network(trial);
    Trials.Batch batch = Trials.batch(trial, 4, 36);
    double expected = 0;
    double h = 1e-6;
    for (LocalNetwork.Layer layer : net.layers()) {
      double ss = 0;
      for (int k = 0; k < layer.tying().theta().length; k++) {
        perturb(layer, k, h);
        double plus = meanCrossEntropy(net, batch);
        perturb(layer, k, -2 * h);
        double minus = meanCrossEntropy(net, batch);
        perturb(layer, k, h);
        double g = (plus - minus) / (2 * h);
        ss += g * g;
      }
      expected += Math.sqrt(ss);
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("batch", 4L);
    double actual = ((Number) new GradNormMetric().compute(trial, new Parameters(o)).values().get("grad_norm"))
        .doubleValue();
    assertThat(actual).isCloseTo(expected, within(1e-6 * expected));
  }

  /** Adds {@code delta} to tied weight parameter {@code k} and every matrix entry tied to it. */
  private static void perturb(LocalNetwork.Layer layer, int k, double delta) {
    LocalNetwork.Tying t = layer.tying();
    t.theta()[k] += delta;
    for (int e = 0; e < t.row().length; e++) {
      if (t.param()[e] == k) {
        layer.w()[t.row()[e]][t.col()[e]] += t.coeff()[e] * delta;
      }
    }
  }

  @Test
  void batchesCarryTheTestLabelsOfTheirExamples() {
    TrialContext trial = TestTrial.of(TestTrial.mlp(4, 3, "none", "relu", 6, 3), DATA, 2);
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
