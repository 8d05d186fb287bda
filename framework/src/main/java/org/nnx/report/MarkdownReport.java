package org.nnx.report;

import java.util.List;
import org.nnx.experiment.Experiment;
import org.nnx.run.TrialResult;

/**
 * {@code report.md}: the title, a line on the run, every report element in declared order (tables;
 * plots as images linking their SVG; fits; correlation tables), and links to the raw files.
 */
public final class MarkdownReport {

  private MarkdownReport() {}

  /** The report's text. */
  public static String write(Experiment experiment, List<TrialResult> results) {
    return write(experiment, results, Report.of(experiment, results));
  }

  /** The text of a computed report. */
  public static String write(Experiment experiment, List<TrialResult> results, Report report) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(experiment.title()).append("\n\n");
    out.append("Experiment `").append(experiment.name()).append("` from `").append(experiment.file())
        .append("`: ").append(experiment.trials().size()).append(" trials × ").append(experiment.repeats())
        .append(experiment.repeats() == 1 ? " repeat" : " repeats").append(", seed ").append(experiment.seed())
        .append(".\n\n");
    if (experiment.repeats() > 1) {
      out.append("Metric cells show the mean ± sample standard deviation over the repeats.\n\n");
    }
    for (ReportElement element : report.elements()) {
      out.append(element.markdown()).append('\n');
    }
    long failed = results.stream().filter(r -> r.failure() != null).count();
    if (failed > 0) {
      out.append("**").append(failed).append(" trial runs failed**; see `run.log`.\n\n");
    }
    out.append("Files: [results.csv](results.csv), [results.json](results.json), ")
        .append("[experiment.nnx](experiment.nnx), [run.json](run.json), [run.log](run.log).\n");
    return out.toString();
  }
}
