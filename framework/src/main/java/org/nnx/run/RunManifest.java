package org.nnx.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnx.Version;
import org.nnx.experiment.Experiment;
import org.nnx.plugin.NnxPlugin;
import org.nnx.report.Json;

/** {@code run.json}: versions, seeds, plugins, machine and timings of a run. */
public final class RunManifest {

  private RunManifest() {}

  /**
   * The manifest's text.
   *
   * @param arguments the command line as given
   * @param workers trials run at once
   */
  public static String write(Experiment experiment, List<TrialResult> results, List<NnxPlugin> plugins,
      List<String> arguments, int workers, Instant started, Instant finished) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("experiment", experiment.name());
    doc.put("title", experiment.title());
    doc.put("file", experiment.file());
    doc.put("command", arguments);
    doc.put("nnx_version", Version.NNX);
    doc.put("java_version", System.getProperty("java.version"));
    doc.put("java_vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
    doc.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    doc.put("cpus", Runtime.getRuntime().availableProcessors());
    doc.put("workers", workers);
    List<Object> pluginList = new ArrayList<>();
    for (NnxPlugin p : plugins) {
      pluginList.add(Map.of("name", p.name(), "version", p.version()));
    }
    doc.put("plugins", pluginList);
    doc.put("seed", experiment.seed());
    doc.put("repeats", experiment.repeats());
    doc.put("trials", experiment.trials().size());
    experiment.data().ifPresent(d -> doc.put("data", d.text()));
    doc.put("metrics", experiment.metricColumns());
    doc.put("started", started.toString());
    doc.put("finished", finished.toString());
    doc.put("seconds", Duration.between(started, finished).toMillis() / 1000.0);
    List<Object> seeds = new ArrayList<>();
    for (TrialResult r : results) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("trial", r.trial());
      t.put("repeat", r.repeat());
      t.put("seed", r.seed());
      t.put("seconds", Math.round(r.seconds() * 1e6) / 1e6);
      if (r.failure() != null) {
        t.put("failure", r.failure());
      }
      seeds.add(t);
    }
    doc.put("trial_runs", seeds);
    return Json.write(doc);
  }
}
