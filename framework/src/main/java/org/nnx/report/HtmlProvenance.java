package org.nnx.report;

import java.time.Instant;
import java.util.List;
import org.nnx.Version;
import org.nnx.plugin.NnxPlugin;

/**
 * Where and how a run ran, for the provenance section of {@code report.html}: the same facts {@code
 * run.json} records about versions, machine and timing. Seeds and per-trial times come from the
 * results themselves.
 *
 * @param nnxVersion the version of nnx
 * @param java the Java version and virtual machine
 * @param os the operating system's name, version and architecture
 * @param cpus the processors available to the Java virtual machine
 * @param workers trials run at once
 * @param plugins the loaded plugins, in load order
 * @param command the command line as given
 * @param started when the run started
 * @param finished when its last trial finished
 */
public record HtmlProvenance(String nnxVersion, String java, String os, int cpus, int workers, List<Plugin> plugins,
    List<String> command, Instant started, Instant finished) {

  /**
   * A loaded plugin.
   *
   * @param name its name
   * @param version its version
   */
  public record Plugin(String name, String version) {}

  /** Copies the lists. */
  public HtmlProvenance {
    plugins = List.copyOf(plugins);
    command = List.copyOf(command);
  }

  /**
   * The provenance of a run in this Java virtual machine.
   *
   * @param plugins the loaded plugins
   * @param command the command line as given
   * @param workers trials run at once
   * @param started when the run started
   * @param finished when its last trial finished
   * @return the versions and machine of this process with the given run facts
   */
  public static HtmlProvenance of(List<NnxPlugin> plugins, List<String> command, int workers, Instant started,
      Instant finished) {
    return new HtmlProvenance(Version.NNX,
        System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + " "
            + System.getProperty("java.vm.version") + ")",
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(), workers,
        plugins.stream().map(p -> new Plugin(p.name(), p.version())).toList(), command, started, finished);
  }
}
