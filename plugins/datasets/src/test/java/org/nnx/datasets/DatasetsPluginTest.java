package org.nnx.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.nnx.data.DatasetProvider;
import org.nnx.plugin.NnxPlugin;

class DatasetsPluginTest {

  @Test
  void theServiceFileRegistersEveryProviderUnderItsName() {
    NnxPlugin plugin = ServiceLoader.load(NnxPlugin.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals("datasets"))
        .findFirst()
        .orElseThrow();
    assertThat(plugin).isInstanceOf(DatasetsPlugin.class);
    assertThat(plugin.version()).isEqualTo(org.nnx.Version.NNX);
    Injector injector = Guice.createInjector(plugin.module());
    Map<String, DatasetProvider> providers =
        org.nnx.run.TestPlugins.byName(injector, DatasetProvider.class);
    assertThat(providers).containsOnlyKeys("mnist", "fashion_mnist", "synthetic", "digits", "cifar10");
    providers.forEach((name, provider) -> {
      assertThat(provider.name()).isEqualTo(name);
      assertThat(provider.description()).isNotBlank();
    });
    assertThat(providers.get("synthetic").parameters()).extracting(p -> p.name()).containsExactly("shape", "segments");
  }
}
