package org.nnx.report;

import java.util.List;
import org.nnx.experiment.Experiment;
import org.nnx.experiment.ReportKind;
import org.nnx.experiment.ReportRequest;
import org.nnx.run.TrialResult;

/**
 * {@code report.md}: the title, the declared tables and links to the raw files. Without a {@code
 * report} entry, one table of every parameter and metric column.
 */
public final class MarkdownReport {

  private MarkdownReport() {}

  /** The report's text. */
  public static String write(Experiment experiment, List<TrialResult> results) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(experiment.title()).append("\n\n");
    out.append("Experiment `").append(experiment.name()).append("` from `").append(experiment.file())
        .append("`: ").append(experiment.trials().size()).append(" trials × ").append(experiment.repeats())
        .append(experiment.repeats() == 1 ? " repeat" : " repeats").append(", seed ").append(experiment.seed())
        .append(".\n\n");
    if (experiment.repeats() > 1) {
      out.append("Metric cells show the mean ± sample standard deviation over the repeats.\n\n");
    }
    for (ResultTable table : tables(experiment, results)) {
      out.append(TextTable.markdown(table)).append('\n');
    }
    long failed = results.stream().filter(r -> r.failure() != null).count();
    if (failed > 0) {
      out.append("**").append(failed).append(" trial runs failed**; see `run.log`.\n\n");
    }
    out.append("Files: [results.csv](results.csv), [results.json](results.json), ")
        .append("[experiment.nnx](experiment.nnx), [run.json](run.json), [run.log](run.log).\n");
    return out.toString();
  }

  /** The tables the experiment declares, or one default table. */
  public static List<ResultTable> tables(Experiment experiment, List<TrialResult> results) {
    List<ReportRequest> tables = experiment.reports().stream().filter(r -> r.kind() == ReportKind.TABLE).toList();
    if (tables.isEmpty()) {
      List<String> columns = new java.util.ArrayList<>();
      columns.add("architecture");
      columns.addAll(experiment.parameterColumns());
      columns.addAll(experiment.metricColumns());
      return List.of(ResultTable.of(experiment, results, columns));
    }
    return tables.stream().map(t -> ResultTable.of(experiment, results, t.columns())).toList();
  }
}
