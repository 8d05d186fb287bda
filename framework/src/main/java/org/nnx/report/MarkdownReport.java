package org.nnx.report;

import java.util.Map;

/**
 * {@code report.md}: the title, a line on the run, every report element in declared order (tables;
 * plots as images linking their SVG; fits; correlation tables; passages of text), and links to the
 * raw files.
 */
public final class MarkdownReport {

  private MarkdownReport() {}

  /** The text of a computed report. */
  public static String write(ReportHeader header, Report report) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(header.title()).append("\n\n");
    out.append(header.kind()).append(" `").append(header.name()).append("` from `").append(header.file())
        .append('`').append(header.summary().isEmpty() ? "" : ": " + header.summary()).append(".\n\n");
    for (String note : header.notes()) {
      out.append(note).append("\n\n");
    }
    for (ReportElement element : report.elements()) {
      out.append(element.markdown()).append('\n');
    }
    long failed = header.failedRuns();
    if (failed > 0) {
      out.append("**").append(Format.count((int) failed, "trial run")).append(" failed**; see `run.log`.\n\n");
    }
    out.append("Files: [results.csv](results.csv), [results.json](results.json), ")
        .append("[experiment.nnx](experiment.nnx), [run.json](run.json), [run.log](run.log)");
    for (Map.Entry<String, String> f : header.files()) {
      out.append(", [").append(f.getKey()).append("](").append(f.getKey()).append(')');
    }
    return out.append(".\n").toString();
  }
}
