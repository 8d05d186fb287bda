package org.nnx.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.ProvisionException;
import org.junit.jupiter.api.Test;
import org.nnx.param.Parameters;
import org.nnx.run.TestPlugins;

/** Components are indexed by the name they give themselves; a name given twice is an error naming both. */
class PluginRegistryTest {

  /** A metric named {@code twice}. */
  public static class Twice implements Metric {
    public String name() {
      return "twice";
    }

    public String description() {
      return "test";
    }

    public MetricResult compute(TrialContext trial, Parameters options) {
      return MetricResult.of("twice", 1);
    }
  }

  /** Another class giving itself the same name. */
  public static final class AlsoTwice extends Twice {}

  @Test
  void componentsAreFoundByTheirOwnNames() {
    PluginRegistry registry = TestPlugins.of(new AbstractModule() {
      @Override
      protected void configure() {
        Registrations.metrics(binder()).addBinding().to(Twice.class);
      }
    }).registry();
    assertThat(registry.metrics()).containsKeys("twice", "params", "flops");
    assertThat(registry.versionOf(registry.metrics().get("params"))).startsWith("core ").contains("+");
    assertThat(registry.frameworkVersion()).startsWith("nnx ").contains("+");
  }

  @Test
  void aNameGivenTwiceNamesBothComponents() {
    TestPlugins plugins = TestPlugins.of(new AbstractModule() {
      @Override
      protected void configure() {
        Registrations.metrics(binder()).addBinding().to(Twice.class);
        Registrations.metrics(binder()).addBinding().to(AlsoTwice.class);
      }
    });
    assertThatThrownBy(plugins::registry).isInstanceOf(ProvisionException.class)
        .hasMessageContaining("metric 'twice' is registered twice")
        .hasMessageContaining(Twice.class.getName()).hasMessageContaining(AlsoTwice.class.getName());
  }
}
