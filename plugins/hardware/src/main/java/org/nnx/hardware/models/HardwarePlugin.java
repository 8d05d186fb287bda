package org.nnx.hardware.models;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import org.nnx.hardware.HardwareModel;
import org.nnx.plugin.Metric;
import org.nnx.plugin.NnxPlugin;
import org.nnx.plugin.Registrations;

/**
 * The {@code hardware} plugin: the hardware kinds {@code cpu} ({@link CpuModel}) and {@code
 * crossbar} ({@link CrossbarModel}), and the metrics {@code latency}, {@code energy} and {@code
 * area} ({@link CostMetric}).
 */
public final class HardwarePlugin implements NnxPlugin {

  /** Creates the plugin; {@link java.util.ServiceLoader} needs this public no-argument constructor. */
  public HardwarePlugin() {}

  /** Returns {@code "hardware"}. */
  @Override
  public String name() {
    return "hardware";
  }

  /** The version of this build of nnx. */
  @Override
  public String version() {
    return org.nnx.Version.NNX;
  }

  /** Binds both kinds in {@link Registrations#hardware} and the three metrics in {@link Registrations#metrics}. */
  @Override
  public Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        Multibinder<HardwareModel> kinds = Registrations.hardware(binder());
        kinds.addBinding().to(CpuModel.class);
        kinds.addBinding().to(CrossbarModel.class);
        Multibinder<Metric> metrics = Registrations.metrics(binder());
        for (CostMetric.Quantity q : CostMetric.Quantity.values()) {
          metrics.addBinding().toInstance(new CostMetric(q));
        }
      }
    };
  }
}
