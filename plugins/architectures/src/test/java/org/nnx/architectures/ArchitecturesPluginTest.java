package org.nnx.architectures;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.plugin.NnxPlugin;

class ArchitecturesPluginTest {

  @Test
  void isFoundByTheServiceLoader() {
    assertThat(ServiceLoader.load(NnxPlugin.class).stream().map(p -> (Object) p.type()).toList())
        .contains(ArchitecturesPlugin.class);
  }

  @Test
  void bindsEveryFamilyUnderItsName() {
    NnxPlugin plugin = new ArchitecturesPlugin();
    assertThat(plugin.name()).isEqualTo("architectures");
    assertThat(plugin.version()).isEqualTo(org.nnx.Version.NNX);
    Injector injector = Guice.createInjector(plugin.module());
    Map<String, ArchitectureFamily> families =
        org.nnx.run.TestPlugins.byName(injector, ArchitectureFamily.class);
    assertThat(families.keySet())
        .containsExactlyInAnyOrder("dense_mlp", "dense_cnn", "cells", "resnet", "wide_resnet", "resnext", "mobilenet_v2");
    families.forEach((name, family) -> {
      assertThat(family.name()).isEqualTo(name);
      assertThat(family.description()).isNotBlank();
      assertThat(family.parameters()).isNotEmpty();
    });
  }
}
