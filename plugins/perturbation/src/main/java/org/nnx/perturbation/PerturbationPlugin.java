package org.nnx.perturbation;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import org.nnx.plugin.NnxPlugin;
import org.nnx.plugin.Registrations;

/**
 * The {@code perturbation} plugin: the families {@code mlp} ({@link MlpFamily}) and {@code cnn}
 * ({@link CnnFamily}), plain, residual and DenseNet-type networks; the metrics {@code layer_cond} ({@link LayerCondMetric}) and {@code
 * loss_cond} ({@link LossCondMetric}) of Riedi, Balestriero, Baraniuk, "Singular value perturbation
 * and deep network optimization", Constructive Approximation 2023. The zero-cost proxies on the same
 * networks ({@code naswot}, {@code jacob_cov}, {@code grad_norm}, {@code snip}, {@code synflow},
 * {@code ntk_cond}) are the {@code proxies} plugin's ({@code plugins/proxies}), which uses this
 * plugin's public numeric engine ({@link LocalNetwork}, {@link Trials}, {@link GaussNewton}, {@link
 * LossGradients}, {@link Spectra}). Found by {@link java.util.ServiceLoader} through {@code
 * META-INF/services/org.nnx.plugin.NnxPlugin}.
 */
public final class PerturbationPlugin implements NnxPlugin {

  /** Creates the plugin; {@link java.util.ServiceLoader} needs this public no-argument constructor. */
  public PerturbationPlugin() {}

  /** Returns {@code "perturbation"}. */
  @Override
  public String name() {
    return "perturbation";
  }

  /** The version of this build of nnx. */
  @Override
  public String version() {
    return org.nnx.Version.NNX;
  }

  /** A module binding the two families and the two metrics under their names. */
  @Override
  public Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        Registrations.families(binder()).addBinding().to(MlpFamily.class);
        Registrations.families(binder()).addBinding().to(CnnFamily.class);
        Registrations.metrics(binder()).addBinding().to(LayerCondMetric.class);
        Registrations.metrics(binder()).addBinding().to(LossCondMetric.class);
      }
    };
  }
}
