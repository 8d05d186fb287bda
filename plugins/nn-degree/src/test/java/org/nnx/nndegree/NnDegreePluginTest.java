package org.nnx.nndegree;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nnx.plugin.Metric;
import org.nnx.plugin.NnxPlugin;
import org.nnx.plugin.Requirement;

class NnDegreePluginTest {

  @Test
  void isFoundByTheServiceLoader() {
    assertThat(ServiceLoader.load(NnxPlugin.class).stream().map(p -> (Object) p.type()).toList())
        .contains(NnDegreePlugin.class);
  }

  @Test
  void bindsTheMetricUnderItsName() {
    NnxPlugin plugin = new NnDegreePlugin();
    assertThat(plugin.name()).isEqualTo("nn-degree");
    Map<String, Metric> metrics =
        org.nnx.run.TestPlugins.byName(Guice.createInjector(plugin.module()), Metric.class);
    assertThat(metrics.keySet()).containsExactly("nn_degree");
    Metric m = metrics.get("nn_degree");
    assertThat(m.name()).isEqualTo("nn_degree");
    assertThat(m.requirements()).isEqualTo(Set.of(Requirement.ARCHITECTURE));
    assertThat(m.parameters()).isEmpty();
    assertThat(m.extraColumns()).isEqualTo(List.of("nn_degree_cells"));
  }
}
