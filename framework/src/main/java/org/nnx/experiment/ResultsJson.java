package org.nnx.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnx.experiment.Experiment;
import org.nnx.report.Json;
import org.nnx.report.TrialResult;

/** {@code results.json}: the rows of {@code results.csv} as typed JSON objects. */
public final class ResultsJson {

  private ResultsJson() {}

  /** The file's text. */
  public static String write(Experiment experiment, List<TrialResult> results) {
    return Json.write(document(experiment, results));
  }

  /**
   * The text of {@code results.partial.json}: the same document marked {@code "partial": true},
   * with how many of the experiment's trial repeats it holds.
   */
  static String writePartial(Experiment experiment, List<TrialResult> results, int total) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("partial", true);
    doc.put("done", results.size());
    doc.put("total", total);
    doc.putAll(document(experiment, results));
    return Json.write(doc);
  }

  private static Map<String, Object> document(Experiment experiment, List<TrialResult> results) {
    List<Object> rows = new ArrayList<>();
    for (TrialResult r : results) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("trial", r.trial());
      row.put("architecture", r.architecture());
      row.put("repeat", r.repeat());
      row.put("seed", r.seed());
      row.put("family", experiment.trials().get(r.trial()).family().name());
      row.put("parameters", experiment.trials().get(r.trial()).parameters());
      if (!experiment.trainingColumns().isEmpty()) {
        row.put("training", experiment.trials().get(r.trial()).training());
      }
      Map<String, Object> metrics = new LinkedHashMap<>();
      for (String m : experiment.metricColumns()) {
        metrics.put(m, r.values().get(m));
      }
      row.put("metrics", metrics);
      if (r.failure() != null) {
        row.put("failure", r.failure());
      }
      rows.add(row);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("experiment", experiment.name());
    doc.put("columns", experiment.columns());
    doc.put("rows", rows);
    return doc;
  }
}
