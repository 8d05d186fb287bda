package org.nnx.plugin;

import com.google.inject.Module;

/**
 * The entry point of a plugin jar, found with {@link java.util.ServiceLoader} through a
 * {@code META-INF/services/org.nnx.plugin.NnxPlugin} file.
 *
 * <p>A plugin contributes one Guice module. The module registers named components through the
 * map binders of {@link Registrations}, for example
 * {@code Registrations.metrics(binder()).addBinding("nn_mass").to(NnMassMetric.class)}.
 */
public interface NnxPlugin {

  /** A short, unique, lower-case name, e.g. {@code "nn-mass"}. */
  String name();

  /** The plugin's version; it is recorded in every run directory and in trial result keys. */
  String version();

  /** The Guice module that registers this plugin's components. */
  Module module();
}
