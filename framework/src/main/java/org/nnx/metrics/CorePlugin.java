package org.nnx.metrics;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import org.nnx.plugin.NnxPlugin;
import org.nnx.plugin.Registrations;

/**
 * The framework's own components: the {@code params} and {@code flops} metrics, and the (possibly
 * empty) registries every other plugin adds to.
 */
public final class CorePlugin implements NnxPlugin {

  @Override
  public String name() {
    return "core";
  }

  @Override
  public String version() {
    return org.nnx.Version.NNX;
  }

  @Override
  public Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        Registrations.metrics(binder()).addBinding("params").to(ParamsMetric.class);
        Registrations.metrics(binder()).addBinding("flops").to(FlopsMetric.class);
        Registrations.families(binder());
        Registrations.datasets(binder());
        Registrations.optimizers(binder());
        Registrations.training(binder());
        Registrations.hardware(binder());
      }
    };
  }
}
