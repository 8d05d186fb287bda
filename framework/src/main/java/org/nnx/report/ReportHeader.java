package org.nnx.report;

import java.util.List;
import java.util.Map;

/**
 * What a report is about, for its opening lines and its provenance section: the block that ran and
 * the facts its kind adds.
 *
 * @param kind the block's kind as people read it, e.g. {@code Experiment}
 * @param name the block's name
 * @param title the report's title
 * @param file the file the block came from
 * @param summary the rest of the opening sentence, e.g. {@code 12 trials × 2 repeats, seed 0}
 * @param notes sentences that say how to read the report, each a paragraph
 * @param source the block as it ran, as {@code .nnx} text
 * @param facts the kind's facts for the provenance section, label to value, in order
 * @param trialRuns every trial repeat with its seed, time and status (empty for kinds without trials)
 * @param files the files of the run directory besides the standard ones, name to what it holds
 */
public record ReportHeader(String kind, String name, String title, String file, String summary, List<String> notes,
    String source, List<Map.Entry<String, String>> facts, List<TrialResult> trialRuns,
    List<Map.Entry<String, String>> files) {

  public ReportHeader {
    notes = List.copyOf(notes);
    facts = List.copyOf(facts);
    trialRuns = List.copyOf(trialRuns);
    files = List.copyOf(files);
  }

  /** The number of trial repeats that failed. */
  public long failedRuns() {
    return trialRuns.stream().filter(r -> r.failure() != null).count();
  }
}
