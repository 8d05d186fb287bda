package org.nnx.subnets;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Singleton;
import org.nnx.plugin.NnxPlugin;
import org.nnx.plugin.Registrations;

/**
 * The {@code subnets} plugin: the metric {@code dynamic_subnet} ({@link DynamicSubnetMetric}), nested
 * subnets of one network trained together for dynamic inference (DAC 2020).
 */
public final class SubnetsPlugin implements NnxPlugin {

  /** Creates the plugin; {@link java.util.ServiceLoader} needs this public no-argument constructor. */
  public SubnetsPlugin() {}

  @Override
  public String name() {
    return "subnets";
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
        bind(SubnetTrainings.class).in(Singleton.class);
        Registrations.metrics(binder()).addBinding().to(DynamicSubnetMetric.class);
      }
    };
  }
}
