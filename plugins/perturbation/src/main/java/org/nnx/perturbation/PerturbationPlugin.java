package org.nnx.perturbation;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import org.nnx.plugin.NnxPlugin;
import org.nnx.plugin.Registrations;

/**
 * The {@code perturbation} plugin: the families {@code mlp} ({@link MlpFamily}) and {@code cnn}
 * ({@link CnnFamily}), plain, residual and DenseNet-type networks; the metrics {@code layer_cond} ({@link LayerCondMetric}) and {@code
 * loss_cond} ({@link LossCondMetric}) of Riedi, Balestriero, Baraniuk, "Singular value perturbation
 * and deep network optimization", Constructive Approximation 2023; and, on the same networks, the
 * zero-cost proxies {@code naswot} ({@link NaswotMetric}), {@code jacob_cov} ({@link
 * JacobCovMetric}), {@code grad_norm} ({@link GradNormMetric}), {@code snip} ({@link SnipMetric}),
 * {@code synflow} ({@link SynflowMetric}) and {@code ntk_cond} ({@link NtkCondMetric}). Found by
 * {@link java.util.ServiceLoader} through {@code META-INF/services/org.nnx.plugin.NnxPlugin}.
 */
public final class PerturbationPlugin implements NnxPlugin {

  /** Creates the plugin; {@link java.util.ServiceLoader} needs this public no-argument constructor. */
  public PerturbationPlugin() {}

  /** Returns {@code "perturbation"}. */
  @Override
  public String name() {
    return "perturbation";
  }

  /** Returns {@code "0.1.0"}. */
  @Override
  public String version() {
    return "0.1.0";
  }

  /** A module binding the family and the eight metrics under their names. */
  @Override
  public Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        Registrations.families(binder()).addBinding(MlpFamily.NAME).to(MlpFamily.class);
        Registrations.families(binder()).addBinding(CnnFamily.NAME).to(CnnFamily.class);
        Registrations.metrics(binder()).addBinding(LayerCondMetric.NAME).to(LayerCondMetric.class);
        Registrations.metrics(binder()).addBinding(LossCondMetric.NAME).to(LossCondMetric.class);
        Registrations.metrics(binder()).addBinding(NaswotMetric.NAME).to(NaswotMetric.class);
        Registrations.metrics(binder()).addBinding(JacobCovMetric.NAME).to(JacobCovMetric.class);
        Registrations.metrics(binder()).addBinding(NtkCondMetric.NAME).to(NtkCondMetric.class);
        Registrations.metrics(binder()).addBinding(GradNormMetric.NAME).to(GradNormMetric.class);
        Registrations.metrics(binder()).addBinding(SnipMetric.NAME).to(SnipMetric.class);
        Registrations.metrics(binder()).addBinding(SynflowMetric.NAME).to(SynflowMetric.class);
      }
    };
  }
}
