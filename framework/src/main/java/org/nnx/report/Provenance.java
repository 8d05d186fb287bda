package org.nnx.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnx.Version;
import org.nnx.plugin.NnxPlugin;

/**
 * Where and how a run ran: the one record of versions, machine, command, executor and times that
 * {@code run.json} and the provenance section of {@code report.html} both show, for every kind of
 * block.
 *
 * @param nnxVersion the version of nnx
 * @param javaVersion the Java version
 * @param javaVm the Java virtual machine's name and version
 * @param os the operating system's name, version and architecture
 * @param cpus the processors available to the Java virtual machine
 * @param workers trials run at once
 * @param executor where trials ran, e.g. {@code local}, with its details
 * @param plugins the loaded plugins, in load order
 * @param command the command line as given
 * @param started when the run started
 * @param finished when it finished
 */
public record Provenance(String nnxVersion, String javaVersion, String javaVm, String os, int cpus, int workers,
    Map<String, Object> executor, List<Plugin> plugins, List<String> command, Instant started, Instant finished) {

  /**
   * A loaded plugin.
   *
   * @param name its name
   * @param version its version
   */
  public record Plugin(String name, String version) {}

  /** Copies the collections. */
  public Provenance {
    executor = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(executor));
    plugins = List.copyOf(plugins);
    command = List.copyOf(command);
  }

  /**
   * The provenance of a run in this Java virtual machine.
   *
   * @param plugins the loaded plugins
   * @param command the command line as given
   * @param workers trials run at once
   * @param executor where trials ran, e.g. {@code {"name": "local"}}
   * @param started when the run started
   * @param finished when it finished
   */
  public static Provenance of(List<NnxPlugin> plugins, List<String> command, int workers, Map<String, Object> executor,
      Instant started, Instant finished) {
    return new Provenance(Version.NNX, System.getProperty("java.version"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(), workers, executor,
        plugins.stream().map(p -> new Plugin(p.name(), p.version())).toList(), command, started, finished);
  }

  /** The Java version and virtual machine, as one line. */
  public String java() {
    return javaVersion + " (" + javaVm + ")";
  }

  /** The run's duration in seconds, to the millisecond. */
  public double seconds() {
    return Duration.between(started, finished).toMillis() / 1000.0;
  }

  /**
   * {@code run.json}: the block's kind and name, then these facts, then {@code extra} (the kind's
   * own entries, e.g. seeds and the time of every trial repeat).
   */
  public String manifest(String kind, ReportHeader header, Map<String, Object> extra) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("kind", kind);
    doc.put(kind, header.name());
    doc.put("title", header.title());
    doc.put("file", header.file());
    doc.put("command", command);
    doc.put("nnx_version", nnxVersion);
    doc.put("java_version", javaVersion);
    doc.put("java_vm", javaVm);
    doc.put("os", os);
    doc.put("cpus", cpus);
    doc.put("workers", workers);
    doc.put("executor", executor);
    List<Object> pluginList = new ArrayList<>();
    for (Plugin p : plugins) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", p.name());
      entry.put("version", p.version());
      pluginList.add(entry);
    }
    doc.put("plugins", pluginList);
    doc.putAll(extra);
    doc.put("started", started.toString());
    doc.put("finished", finished.toString());
    doc.put("seconds", seconds());
    return Json.write(doc);
  }
}
