package org.nnx.nnmass;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nnx.plugin.Metric;
import org.nnx.plugin.NnxPlugin;
import org.nnx.plugin.Requirement;

class NnMassPluginTest {

  @Test
  void isFoundByTheServiceLoader() {
    assertThat(ServiceLoader.load(NnxPlugin.class).stream().map(p -> (Object) p.type()).toList())
        .contains(NnMassPlugin.class);
  }

  @Test
  void bindsBothMetricsUnderTheirNames() {
    NnxPlugin plugin = new NnMassPlugin();
    assertThat(plugin.name()).isEqualTo("nn-mass");
    assertThat(plugin.version()).isEqualTo(org.nnx.Version.NNX);
    Map<String, Metric> metrics =
        org.nnx.run.TestPlugins.byName(Guice.createInjector(plugin.module()), Metric.class);
    assertThat(metrics.keySet()).containsExactlyInAnyOrder("nn_mass", "nn_density");
    metrics.forEach((name, metric) -> {
      assertThat(metric.name()).isEqualTo(name);
      assertThat(metric.requirements()).isEqualTo(Set.of(Requirement.ARCHITECTURE));
      assertThat(metric.parameters()).isEmpty();
    });
  }
}
