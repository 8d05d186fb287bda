package org.nnx.smoothing;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import org.nnx.plugin.NnxPlugin;
import org.nnx.plugin.Registrations;

/**
 * The {@code smoothing} plugin: the metric {@code patch_certificate} ({@link
 * PatchCertificateMetric}) and the {@code train} setting {@code ablation} ({@link AblationInput}).
 */
public final class SmoothingPlugin implements NnxPlugin {

  /** Creates the plugin; {@link java.util.ServiceLoader} needs this public no-argument constructor. */
  public SmoothingPlugin() {}

  @Override
  public String name() {
    return "smoothing";
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
        Registrations.metrics(binder()).addBinding().to(PatchCertificateMetric.class);
        Registrations.trainingInputs(binder()).addBinding().to(AblationInput.class);
      }
    };
  }
}
