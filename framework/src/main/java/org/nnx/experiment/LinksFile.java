package org.nnx.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nnx.experiment.Experiment;
import org.nnx.experiment.Trial;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.ir.Op;
import org.nnx.plugin.BuildContext;
import org.nnx.report.Json;
import org.nnx.report.TrialResult;

/**
 * {@code links.json}: the sampled DenseNet-type links of every trial repeat — for each gather node,
 * the indices it takes from the channel concatenation of its inputs. The networks are rebuilt from
 * the trial seeds, which give exactly the links the metrics and the trainer saw. Empty (no file)
 * when no network has sampled links.
 */
public final class LinksFile {

  private LinksFile() {}

  /** The file's text, or empty when no trial has sampled links. */
  public static Optional<String> write(Experiment experiment, List<TrialResult> results) {
    List<Object> rows = new ArrayList<>();
    for (TrialResult r : results) {
      Trial trial = experiment.trials().get(r.trial());
      Network network;
      try {
        network = trial.family().build(trial.parameters(), new BuildContext(r.seed()));
      } catch (RuntimeException e) {
        continue;
      }
      Map<String, Object> gathers = new LinkedHashMap<>();
      for (Node node : network.nodes()) {
        if (node.op() instanceof Op.Gather g) {
          gathers.put(node.name(), Arrays.stream(g.indices()).boxed().toList());
        }
      }
      if (gathers.isEmpty()) {
        continue;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("trial", r.trial());
      row.put("architecture", r.architecture());
      row.put("repeat", r.repeat());
      row.put("seed", r.seed());
      row.put("gathers", gathers);
      rows.add(row);
    }
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("experiment", experiment.name());
    doc.put("description", "indices each gather node takes from the channel concatenation of its inputs");
    doc.put("trials", rows);
    return Optional.of(Json.write(doc));
  }
}
