package org.nnx.perturbation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nnx.data.Dataset;
import org.nnx.param.Parameters;
import org.nnx.plugin.TrialContext;

/** {@code loss_cond}'s layer rule on synthetic inputs. */
class LossCondMetricTest {

  private static final Dataset DATA = TestTrial.gaussian(6, 3, 100, 9);

  private static double lossCond(TrialContext trial, String layer) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("layer", layer);
    m.put("samples", 5L);
    return ((Number) new LossCondMetric().compute(trial, new Parameters(m)).values().get("loss_cond")).doubleValue();
  }

  @Test
  void firstMiddleLastAndAllFollowTheLayerRule() {
    TrialContext trial = TestTrial.of(TestTrial.mlp(4, 6, "residual", "leaky_relu", 6, 3), DATA, 2);
    LocalNetwork net = Trials.network(trial);
    double[][] xs = Trials.samples(trial, 5, 6);
    double[] each = LossCondMetric.logConditions(net, xs, new int[] {0, 1, 2, 3, 4, 5});
    assertThat(lossCond(trial, "first")).isEqualTo(each[0]);
    assertThat(lossCond(trial, "middle")).isEqualTo(each[2]);
    assertThat(lossCond(trial, "last")).isEqualTo(each[5]);
    double mean = 0;
    for (double v : each) {
      mean += v / each.length;
    }
    assertThat(lossCond(trial, "all")).isCloseTo(mean, within(1e-12));
    for (double v : each) {
      assertThat(v).isBetween(0.0, 12.0);
    }
  }
}
