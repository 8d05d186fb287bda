package org.nnx.plugin;

import com.google.inject.Inject;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.nnx.Version;
import org.nnx.data.DatasetProvider;
import org.nnx.execute.TrialExecutorFactory;
import org.nnx.hardware.HardwareModel;
import org.nnx.model.InferenceEngine;
import org.nnx.model.ReferenceInference;
import org.nnx.optimize.Optimizer;

/**
 * Every registered component by the name it gives itself, and the plugins that contributed them.
 *
 * <p>Versions: {@link #versionOf} names the plugin a component comes from with its declared version
 * and a {@link ClassesDigest} of the plugin's classes, so that content keys change whenever the code
 * that computes a value changes, whatever version number the plugin declares.
 */
public final class PluginRegistry {

  private final Map<String, Metric> metrics;
  private final Map<String, ArchitectureFamily> families;
  private final Map<String, DatasetProvider> datasets;
  private final Map<String, Optimizer> optimizers;
  private final Map<String, HardwareModel> hardware;
  private final Map<String, TrainingInput> trainingInputs;
  private final Map<String, TrialExecutorFactory> executors;
  private final Optional<Trainer> trainer;
  private final InferenceEngine inference;
  private final List<NnxPlugin> plugins;
  private final List<java.nio.file.Path> jars;
  private final Map<String, String> digests = new ConcurrentHashMap<>();

  /**
   * Indexes the components by name.
   *
   * @throws IllegalStateException if two components of one kind give the same name; the message
   *     names both and the plugins (and jars) they come from
   */
  @Inject
  PluginRegistry(Set<Metric> metrics, Set<ArchitectureFamily> families, Set<DatasetProvider> datasets,
      Set<Optimizer> optimizers, Set<HardwareModel> hardware, Set<InferenceEngine> inference,
      Set<TrainingInput> trainingInputs, Optional<Trainer> trainer, Set<TrialExecutorFactory> executors,
      LoadedPlugins plugins) {
    this.plugins = plugins.plugins();
    this.jars = plugins.jars();
    List<String> clashes = new ArrayList<>();
    this.metrics = index("metric", metrics, Metric::name, clashes);
    this.families = index("architecture family", families, ArchitectureFamily::name, clashes);
    this.datasets = index("data set", datasets, DatasetProvider::name, clashes);
    this.optimizers = index("optimizer", optimizers, Optimizer::name, clashes);
    this.hardware = index("hardware kind", hardware, HardwareModel::kind, clashes);
    this.trainingInputs = index("train setting", trainingInputs, TrainingInput::name, clashes);
    this.executors = index("executor", executors, TrialExecutorFactory::name, clashes);
    if (!clashes.isEmpty()) {
      throw new IllegalStateException(String.join("; ", clashes));
    }
    this.trainer = trainer;
    this.inference = inference.isEmpty() ? new ReferenceInference() : inference.iterator().next();
  }

  private <T> Map<String, T> index(String kind, Set<T> components, Function<T, String> name, List<String> clashes) {
    Map<String, T> out = new TreeMap<>();
    for (T c : components) {
      String n = name.apply(c);
      if (n == null || n.isBlank()) {
        clashes.add("a " + kind + " of " + origin(c) + " has no name");
        continue;
      }
      T previous = out.putIfAbsent(n, c);
      if (previous != null) {
        clashes.add(kind + " '" + n + "' is registered twice: by " + origin(previous) + " and by " + origin(c)
            + "; remove one of the jars or rename one");
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** How a component's origin is named in messages: its class, plugin and jar. */
  public String origin(Object component) {
    Optional<NnxPlugin> p = pluginOf(component);
    URL where = location(component.getClass());
    return component.getClass().getName() + (p.isPresent() ? " (plugin '" + p.get().name() + "'" : " (")
        + (where == null ? "" : (p.isPresent() ? ", " : "") + where) + ")";
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

  /** Hardware models by kind, sorted. */
  public Map<String, HardwareModel> hardware() {
    return hardware;
  }

  /** The settings of the {@code train} block that plugins contribute beside the trainer's, by name, sorted. */
  public Map<String, TrainingInput> trainingInputs() {
    return trainingInputs;
  }

  /** Trial executors by the name used after {@code --executor}, sorted. */
  public Map<String, TrialExecutorFactory> executors() {
    return executors;
  }

  /** The installed trainer, if a trainer plugin is installed. */
  public Optional<Trainer> trainer() {
    return trainer;
  }

  /** The inference engine trained models classify with: the first registered, else the reference interpreter. */
  public InferenceEngine inference() {
    return inference;
  }

  /** The loaded plugins, in load order. */
  public List<NnxPlugin> plugins() {
    return plugins;
  }

  /** The plugin jars loaded from plugin folders (beyond the class path), in load order. */
  public List<java.nio.file.Path> jars() {
    return jars;
  }

  /** The plugin loaded from the same jar or classes folder as {@code component}, if any. */
  public Optional<NnxPlugin> pluginOf(Object component) {
    URL source = location(component.getClass());
    for (NnxPlugin plugin : plugins) {
      URL p = location(plugin.getClass());
      if (source != null && source.equals(p)) {
        return Optional.of(plugin);
      }
    }
    return Optional.empty();
  }

  /**
   * What defines the code of a component: {@code PLUGIN VERSION+DIGEST}, the plugin it comes from,
   * the version the plugin declares and the {@link ClassesDigest} of every class of its jar or
   * classes folder; {@code unknown+DIGEST} for a component of no plugin.
   */
  public String versionOf(Object component) {
    URL source = location(component.getClass());
    String digest = source == null ? "unknown" : digests.computeIfAbsent(source.toString(),
        k -> ClassesDigest.of(source, name -> true));
    return pluginOf(component).map(p -> p.name() + " " + p.version()).orElse("unknown") + "+" + digest;
  }

  /**
   * What defines the framework's share of every value: its version and the digest of the packages
   * that build, initialize and interpret networks ({@code org.nnx.ir}, {@code org.nnx.model}).
   */
  public String frameworkVersion() {
    URL source = location(PluginRegistry.class);
    String digest = source == null ? "unknown" : digests.computeIfAbsent("framework:" + source,
        k -> ClassesDigest.of(source, name -> name.startsWith("org/nnx/ir/") || name.startsWith("org/nnx/model/")));
    return "nnx " + Version.NNX + "+" + digest;
  }

  private static URL location(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    return source == null ? null : source.getLocation();
  }
}
