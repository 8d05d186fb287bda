package org.nnx.proxies;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nnx.plugin.Metric;
import org.nnx.plugin.NnxPlugin;
import org.nnx.plugin.Requirement;

class ProxiesPluginTest {

  @Test
  void isFoundByTheServiceLoaderOnce() {
    assertThat(ServiceLoader.load(NnxPlugin.class).stream().map(p -> (Object) p.type()).toList())
        .containsOnlyOnce(ProxiesPlugin.class);
  }

  @Test
  void bindsTheSixProxiesUnderTheirNames() {
    Injector injector = Guice.createInjector(new ProxiesPlugin().module());
    Map<String, Metric> metrics = org.nnx.run.TestPlugins.byName(injector, Metric.class);
    assertThat(metrics.keySet())
        .containsExactlyInAnyOrder("naswot", "jacob_cov", "ntk_cond", "grad_norm", "snip", "synflow");
    metrics.forEach((name, metric) -> {
      assertThat(metric.name()).isEqualTo(name);
      assertThat(metric.requirements())
          .isEqualTo(Set.of(name.equals("synflow") ? Requirement.ARCHITECTURE : Requirement.DATA));
    });
  }
}
