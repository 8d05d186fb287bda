package org.nnx.hardware.models;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.MapBinder;
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

  /** Returns {@code "0.1.0"}. */
  @Override
  public String version() {
    return "0.1.0";
  }

  /** Binds both kinds in {@link Registrations#hardware} and the three metrics in {@link Registrations#metrics}. */
  @Override
  public Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        MapBinder<String, HardwareModel> kinds = Registrations.hardware(binder());
        kinds.addBinding("cpu").to(CpuModel.class);
        kinds.addBinding("crossbar").to(CrossbarModel.class);
        MapBinder<String, Metric> metrics = Registrations.metrics(binder());
        for (CostMetric.Quantity q : CostMetric.Quantity.values()) {
          metrics.addBinding(q.metric()).toInstance(new CostMetric(q));
        }
      }
    };
  }
}
