package org.nnx.nnmass;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import org.nnx.plugin.Metric;
import org.nnx.plugin.NnxPlugin;
import org.nnx.plugin.Registrations;

/**
 * The {@code nn-mass} plugin: registers the metrics {@code nn_mass} ({@link NnMassMetric}) and
 * {@code nn_density} ({@link NnDensityMetric}) of Bhardwaj, Li, Marculescu, CVPR 2021. Found by
 * {@link java.util.ServiceLoader} through {@code META-INF/services/org.nnx.plugin.NnxPlugin}.
 */
public final class NnMassPlugin implements NnxPlugin {

  /** Creates the plugin; {@link java.util.ServiceLoader} needs this public no-argument constructor. */
  public NnMassPlugin() {}

  /** Returns {@code "nn-mass"}. */
  @Override
  public String name() {
    return "nn-mass";
  }

  /** The version of this build of nnx. */
  @Override
  public String version() {
    return org.nnx.Version.NNX;
  }

  /** A module binding both metrics under their names in {@link Registrations#metrics}. */
  @Override
  public Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        Multibinder<Metric> metrics = Registrations.metrics(binder());
        metrics.addBinding().to(NnMassMetric.class);
        metrics.addBinding().to(NnDensityMetric.class);
      }
    };
  }
}
