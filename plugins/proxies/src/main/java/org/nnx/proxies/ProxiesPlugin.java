package org.nnx.proxies;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import org.nnx.plugin.NnxPlugin;
import org.nnx.plugin.Registrations;

/**
 * The {@code proxies} plugin: the zero-cost proxies of training-free neural architecture search, at
 * initialization, {@code naswot} ({@link NaswotMetric}), {@code jacob_cov} ({@link JacobCovMetric}),
 * {@code grad_norm} ({@link GradNormMetric}), {@code snip} ({@link SnipMetric}), {@code synflow}
 * ({@link SynflowMetric}) and {@code ntk_cond} ({@link NtkCondMetric}), each with its paper,
 * direction and cost in its class comment and in {@code plugins/proxies/README.md}. They run on the
 * networks of the {@code perturbation} plugin's numeric engine ({@link
 * org.nnx.perturbation.LocalNetwork}: chains of dense and convolution layers such as the {@code mlp}
 * and {@code cnn} families), with the same seeded weights; that plugin must be on the class path.
 * Found by {@link java.util.ServiceLoader} through {@code META-INF/services/org.nnx.plugin.NnxPlugin}.
 */
public final class ProxiesPlugin implements NnxPlugin {

  /** Creates the plugin; {@link java.util.ServiceLoader} needs this public no-argument constructor. */
  public ProxiesPlugin() {}

  /** Returns {@code "proxies"}. */
  @Override
  public String name() {
    return "proxies";
  }

  /** The version of this build of nnx. */
  @Override
  public String version() {
    return org.nnx.Version.NNX;
  }

  /** A module binding the six metrics under their names. */
  @Override
  public Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        Registrations.metrics(binder()).addBinding().to(NaswotMetric.class);
        Registrations.metrics(binder()).addBinding().to(JacobCovMetric.class);
        Registrations.metrics(binder()).addBinding().to(NtkCondMetric.class);
        Registrations.metrics(binder()).addBinding().to(GradNormMetric.class);
        Registrations.metrics(binder()).addBinding().to(SnipMetric.class);
        Registrations.metrics(binder()).addBinding().to(SynflowMetric.class);
      }
    };
  }
}
