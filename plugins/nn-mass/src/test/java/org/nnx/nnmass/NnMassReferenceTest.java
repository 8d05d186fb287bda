package org.nnx.nnmass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.nnx.architectures.ReferenceValues.doubleOf;
import static org.nnx.architectures.ReferenceValues.longOf;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nnx.architectures.ReferenceNetworks;
import org.nnx.architectures.ReferenceValues;
import org.nnx.ir.Network;
import org.nnx.metrics.FlopsMetric;
import org.nnx.metrics.ParamsMetric;
import org.nnx.plugin.FixedTrialContext;
import org.nnx.plugin.MetricResult;
import org.nnx.param.Parameters;
import org.nnx.plugin.TrialContext;

/** Every entry of the NN-Mass authors' reference values, through the metrics. */
class NnMassReferenceTest {

  private static final double RELATIVE = 1e-9;
  private static final Parameters NO_OPTIONS = new Parameters(Map.of());

  private static Map<String, Object> measure(Network network) {
    TrialContext trial = FixedTrialContext.of(network);
    MetricResult mass = new NnMassMetric().compute(trial, NO_OPTIONS);
    MetricResult density = new NnDensityMetric().compute(trial, NO_OPTIONS);
    MetricResult params = new ParamsMetric().compute(trial, NO_OPTIONS);
    MetricResult flops = new FlopsMetric().compute(trial, NO_OPTIONS);
    var all = new java.util.LinkedHashMap<String, Object>();
    all.putAll(mass.values());
    all.putAll(density.values());
    all.putAll(params.values());
    all.putAll(flops.values());
    return all;
  }

  private static void assertRelative(Object actual, double expected, String what) {
    assertThat(actual).as(what).isInstanceOf(Double.class);
    double tolerance = RELATIVE * Math.max(1.0, Math.abs(expected));
    assertThat((Double) actual).as(what).isCloseTo(expected, within(tolerance));
  }

  @Test
  void denseMlps() {
    List<Map<String, Object>> entries = ReferenceValues.section("mlp");
    assertThat(entries).hasSize(6);
    for (Map<String, Object> e : entries) {
      for (long seed : new long[] {0, 99}) {
        Map<String, Object> m = measure(ReferenceNetworks.mlp(e, seed));
        assertRelative(m.get("nn_mass"), doubleOf(e, "nn_mass"), "nn_mass of " + e);
        assertRelative(m.get("nn_density"), doubleOf(e, "density"), "nn_density of " + e);
        assertThat((List<?>) m.get("nn_density_cells")).hasSize(1);
        assertRelative(((List<?>) m.get("nn_density_cells")).get(0), doubleOf(e, "density"), "cell density of " + e);
        assertThat(m.get("params")).as("params of " + e).isEqualTo(longOf(e, "params"));
        assertThat(m.get("flops")).as("flops of " + e).isEqualTo(longOf(e, "flops"));
      }
    }
  }

  @Test
  void denseCnns() {
    List<Map<String, Object>> entries = ReferenceValues.section("cnn");
    assertThat(entries).hasSize(2);
    for (Map<String, Object> e : entries) {
      Map<String, Object> m = measure(ReferenceNetworks.cnn(e, 2));
      assertRelative(m.get("nn_mass"), doubleOf(e, "nn_mass"), "nn_mass of " + e);
      List<?> expected = (List<?>) ReferenceValues.require(e, "density");
      List<?> cells = (List<?>) m.get("nn_density_cells");
      assertThat(cells).as("cells of " + e).hasSameSizeAs(expected);
      double mean = 0;
      for (int k = 0; k < expected.size(); k++) {
        double d = ((Number) expected.get(k)).doubleValue();
        assertRelative(cells.get(k), d, "density of cell " + k + " of " + e);
        mean += d / expected.size();
      }
      assertRelative(m.get("nn_density"), mean, "mean density of " + e);
      assertThat(m.get("params")).as("params of " + e).isEqualTo(longOf(e, "params"));
    }
  }

  @Test
  void torchvisionNetworks() {
    List<Map<String, Object>> entries = ReferenceValues.section("named");
    assertThat(entries).hasSize(4);
    for (Map<String, Object> e : entries) {
      Map<String, Object> m = measure(ReferenceNetworks.named(e));
      assertRelative(m.get("nn_mass"), doubleOf(e, "nn_mass"), "nn_mass of " + e.get("name"));
      assertThat(m.get("params")).as("params of " + e.get("name")).isEqualTo(longOf(e, "params"));
      assertThat(m.get("nn_density")).isEqualTo(0.0);
      assertThat((List<?>) m.get("nn_density_cells")).isEmpty();
    }
  }

  @Test
  void theBriefsMlpExample() {
    Map<String, Object> e = Map.of("width", 8L, "depth", 8L, "tc", 10L, "input", 784L, "classes", 10L);
    Map<String, Object> m = measure(ReferenceNetworks.mlp(e, 0));
    // density 58 / 168, NN-Mass = density * 8 * 8
    assertThat((Double) m.get("nn_density")).isEqualTo(58.0 / 168.0);
    assertThat((Double) m.get("nn_mass")).isEqualTo(58.0 / 168.0 * 8 * 8);
    assertThat(m.get("params")).isEqualTo(7_286L);
    assertThat(m.get("flops")).isEqualTo(14_506L);
  }
}
