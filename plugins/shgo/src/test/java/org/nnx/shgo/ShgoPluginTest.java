package org.nnx.shgo;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.nnx.optimize.Optimizer;
import org.nnx.plugin.NnxPlugin;
import org.nnx.param.ParameterSpec;

class ShgoPluginTest {

  @Test
  void serviceLoaderFindsThePlugin() {
    assertThat(ServiceLoader.load(NnxPlugin.class).stream().map(ServiceLoader.Provider::type))
        .contains(ShgoPlugin.class);
    ShgoPlugin plugin = new ShgoPlugin();
    assertThat(plugin.name()).isEqualTo("shgo");
    assertThat(plugin.version()).isEqualTo(org.nnx.Version.NNX);
  }

  @Test
  void moduleRegistersTheOptimizersByName() {
    Injector injector = Guice.createInjector(new ShgoPlugin().module());
    Map<String, Optimizer> optimizers =
        org.nnx.run.TestPlugins.byName(injector, Optimizer.class);
    assertThat(optimizers).containsOnlyKeys("shgo", "random", "grid");
    optimizers.forEach((name, o) -> assertThat(o.name()).isEqualTo(name));
  }

  @Test
  void everyOptionHasADefaultOfItsType() {
    for (Optimizer o : new Optimizer[] {new ShgoOptimizer(), new RandomSearchOptimizer(), new GridSearchOptimizer()}) {
      assertThat(o.description()).isNotBlank();
      for (ParameterSpec p : o.parameters()) {
        assertThat(p.isRequired()).as(p.name()).isFalse();
        assertThat(p.description()).isNotBlank();
      }
      assertThat(o.options(Map.of()).asMap()).hasSize(o.parameters().size());
    }
  }
}
