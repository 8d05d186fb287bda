package org.nnx.nndegree;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import org.nnx.plugin.NnxPlugin;
import org.nnx.plugin.Registrations;

/**
 * The {@code nn-degree} plugin: registers the metric {@code nn_degree} ({@link NnDegreeMetric}).
 * Found by {@link java.util.ServiceLoader} through {@code
 * META-INF/services/org.nnx.plugin.NnxPlugin}.
 */
public final class NnDegreePlugin implements NnxPlugin {

  /** Creates the plugin; {@link java.util.ServiceLoader} needs this public no-argument constructor. */
  public NnDegreePlugin() {}

  /** Returns {@code "nn-degree"}. */
  @Override
  public String name() {
    return "nn-degree";
  }

  /** The version of this build of nnx. */
  @Override
  public String version() {
    return org.nnx.Version.NNX;
  }

  /** A module binding {@code nn_degree} in {@link Registrations#metrics}. */
  @Override
  public Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        Registrations.metrics(binder()).addBinding().to(NnDegreeMetric.class);
      }
    };
  }
}
