package org.nnx.hardware.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.nnx.hardware.HardwareModel;
import org.nnx.hardware.target.HardwareTarget;
import org.nnx.ir.Network;
import org.nnx.plugin.FixedTrialContext;
import org.nnx.plugin.Metric;
import org.nnx.plugin.NnxPlugin;
import org.nnx.param.ParamType;
import org.nnx.param.Parameters;
import org.nnx.plugin.TrialContext;

class CostMetricTest {

  @Test
  void thePluginRegistersBothKindsAndTheThreeMetrics() {
    assertThat(ServiceLoader.load(NnxPlugin.class).stream().map(p -> (Object) p.type()).toList())
        .contains(HardwarePlugin.class);
    var injector = Guice.createInjector(new HardwarePlugin().module());
    Map<String, HardwareModel> kinds = org.nnx.run.TestPlugins.byName(injector, HardwareModel.class);
    Map<String, Metric> metrics = org.nnx.run.TestPlugins.byName(injector, Metric.class);
    assertThat(kinds).containsOnlyKeys("cpu", "crossbar");
    kinds.forEach((k, m) -> assertThat(m.kind()).isEqualTo(k));
    assertThat(metrics).containsOnlyKeys("latency", "energy", "area");
    metrics.forEach((name, m) -> {
      assertThat(m.name()).isEqualTo(name);
      assertThat(m.parameters()).singleElement()
          .satisfies(p -> assertThat(p.type()).isEqualTo(new ParamType.Reference("hardware")));
    });
  }

  @Test
  void metricsReportTheirTargetsCost() {
    CrossbarModel kind = new CrossbarModel();
    HardwareTarget imc = new HardwareTarget("imc", kind, Nets.settings(kind.parameters()), null, "hardware imc {}",
        "t.nnx");
    Network net = Nets.dense(300, 100, true);
    Parameters options = new Parameters(Map.of(CostMetric.TARGET, imc));
    TrialContext trial = FixedTrialContext.of(net);
    var cost = imc.costModel().estimate(net);
    assertThat(new CostMetric(CostMetric.Quantity.LATENCY).compute(trial, options).values())
        .containsExactly(Map.entry("latency", cost.latency()));
    assertThat(new CostMetric(CostMetric.Quantity.ENERGY).compute(trial, options).values())
        .containsExactly(Map.entry("energy", cost.energy()));
    assertThat(new CostMetric(CostMetric.Quantity.AREA).compute(trial, options).values())
        .containsExactly(Map.entry("area", cost.area()));
    assertThat(imc.costModel()).isSameAs(imc.costModel());
    assertThat(imc.toString()).startsWith("imc(kind = crossbar, rows = 128, cols = 128,");
  }
}
