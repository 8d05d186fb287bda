package org.nnx.perturbation;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.plugin.Metric;
import org.nnx.plugin.NnxPlugin;
import org.nnx.plugin.Requirement;

class PerturbationPluginTest {

  @Test
  void isFoundByTheServiceLoader() {
    assertThat(ServiceLoader.load(NnxPlugin.class).stream().map(p -> (Object) p.type()).toList())
        .contains(PerturbationPlugin.class);
  }

  @Test
  void bindsBothFamiliesAndBothMetricsUnderTheirNames() {
    Injector injector = Guice.createInjector(new PerturbationPlugin().module());
    Map<String, Metric> metrics = org.nnx.run.TestPlugins.byName(injector, Metric.class);
    Map<String, ArchitectureFamily> families =
        org.nnx.run.TestPlugins.byName(injector, ArchitectureFamily.class);
    assertThat(metrics.keySet()).containsExactlyInAnyOrder("layer_cond", "loss_cond");
    assertThat(families.keySet()).containsExactlyInAnyOrder("mlp", "cnn");
    metrics.forEach((name, metric) -> {
      assertThat(metric.name()).isEqualTo(name);
      assertThat(metric.requirements()).isEqualTo(Set.of(Requirement.DATA));
    });
    assertThat(metrics.get("layer_cond").extraColumns()).containsExactly("layer_cond_max");
  }
}
