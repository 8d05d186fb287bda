package org.nnx.nnmass;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.MapBinder;
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

  /** Returns {@code "0.1.0"}. */
  @Override
  public String version() {
    return "0.1.0";
  }

  /** A module binding both metrics under their names in {@link Registrations#metrics}. */
  @Override
  public Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        MapBinder<String, Metric> metrics = Registrations.metrics(binder());
        metrics.addBinding(NnMassMetric.NAME).to(NnMassMetric.class);
        metrics.addBinding(NnDensityMetric.NAME).to(NnDensityMetric.class);
      }
    };
  }
}
