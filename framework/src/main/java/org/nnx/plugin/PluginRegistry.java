package org.nnx.plugin;

import com.google.inject.Inject;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.nnx.data.DatasetProvider;
import org.nnx.hardware.HardwareModel;
import org.nnx.optimize.Optimizer;

/** Every registered component by name, and the plugins that contributed them. */
public final class PluginRegistry {

  private final Map<String, Metric> metrics;
  private final Map<String, ArchitectureFamily> families;
  private final Map<String, DatasetProvider> datasets;
  private final Map<String, Optimizer> optimizers;
  private final Optional<TrainingSettings> training;
  private final List<NnxPlugin> plugins;
  private final Map<String, HardwareModel> hardware;

  @Inject
  PluginRegistry(Map<String, Metric> metrics, Map<String, ArchitectureFamily> families,
      Map<String, DatasetProvider> datasets, Map<String, Optimizer> optimizers, Optional<TrainingSettings> training,
      LoadedPlugins plugins, Map<String, HardwareModel> hardware) {
    this.metrics = sorted(metrics);
    this.families = sorted(families);
    this.datasets = sorted(datasets);
    this.optimizers = sorted(optimizers);
    this.training = training;
    this.plugins = plugins.plugins();
    this.hardware = sorted(hardware);
  }

  /** Hardware models by kind, sorted. */
  public Map<String, HardwareModel> hardware() {
    return hardware;
  }

  private static <T> Map<String, T> sorted(Map<String, T> map) {
    return Collections.unmodifiableMap(new TreeMap<>(map));
  }

  /** Metrics by name, sorted. */
  public Map<String, Metric> metrics() {
    return metrics;
  }

  /** Architecture families by name, sorted. */
  public Map<String, ArchitectureFamily> families() {
    return families;
  }

  /** Data sets by name, sorted. */
  public Map<String, DatasetProvider> datasets() {
    return datasets;
  }

  /** Optimizers by name, sorted. */
  public Map<String, Optimizer> optimizers() {
    return optimizers;
  }

  /** The installed trainer's settings, if a trainer plugin is installed. */
  public Optional<TrainingSettings> training() {
    return training;
  }

  /**
   * The version of the plugin a component comes from (the plugin loaded from the same jar or
   * classes folder), or {@code "unknown"}.
   */
  public String versionOf(Object component) {
    java.security.CodeSource source = component.getClass().getProtectionDomain().getCodeSource();
    for (NnxPlugin plugin : plugins) {
      java.security.CodeSource p = plugin.getClass().getProtectionDomain().getCodeSource();
      if (source != null && p != null && source.getLocation().equals(p.getLocation())) {
        return plugin.name() + " " + plugin.version();
      }
    }
    return "unknown";
  }

  /** The loaded plugins, in load order. */
  public List<NnxPlugin> plugins() {
    return plugins;
  }
}
