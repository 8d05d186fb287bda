package org.nnx.spark;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import org.nnx.plugin.NnxPlugin;
import org.nnx.plugin.Registrations;

/** The {@code spark} plugin: the trial executor {@code spark} ({@link SparkExecutorFactory}). */
public final class SparkPlugin implements NnxPlugin {

  /** Creates the plugin; {@link java.util.ServiceLoader} needs this public no-argument constructor. */
  public SparkPlugin() {}

  @Override
  public String name() {
    return "spark";
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
        Registrations.executors(binder()).addBinding().to(SparkExecutorFactory.class);
      }
    };
  }
}
