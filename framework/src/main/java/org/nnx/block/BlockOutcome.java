package org.nnx.block;

import java.util.List;
import java.util.Map;
import org.nnx.report.Report;
import org.nnx.report.ReportHeader;
import org.nnx.report.TrialResult;

/**
 * What running a block gave, for the run pipeline to write and show: its report (the pipeline
 * writes {@code report.md}, {@code report.html} and the charts), its own files (at least {@code
 * results.csv} and {@code results.json}), the entries it adds to {@code run.json}, its failures, and
 * its trial repeats.
 *
 * @param header the report's opening lines and the block's facts
 * @param report the report's elements
 * @param files the files the block writes into its run directory, by name, e.g. {@code results.csv}
 * @param manifest the block's entries of {@code run.json}, e.g. its seed and each trial repeat's seed
 * @param trials every trial repeat's result, in trial order (empty for blocks without trials); later
 *     blocks of the run read them (a codesign its samples)
 * @param failures one line per failure (a failed metric, a failed measurement); the run exits 1 when
 *     there is any, and every other result is still written
 * @param total the trial repeats the block has
 */
public record BlockOutcome(ReportHeader header, Report report, Map<String, String> files, Map<String, Object> manifest,
    List<TrialResult> trials, List<String> failures, int total) {

  public BlockOutcome {
    files = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(files));
    manifest = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(manifest));
    trials = List.copyOf(trials);
    failures = List.copyOf(failures);
  }
}
