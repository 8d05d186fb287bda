package org.nnx.report;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One element of a report, computed from the results: a table, a plot, a fit, a correlation table,
 * or a note that says why an element could not be made.
 */
public sealed interface ReportElement permits TableElement, PlotElement, FitElement, CorrelationElement, NoteElement,
    TextElement, ProfileElement {

  /** The element's part of {@code report.md}, ending with a new line. */
  String markdown();

  /** What the terminal shows after a run, ending with a new line; empty for plots. */
  String terminal();

  /** The charts the element draws, in order. */
  List<Figure> figures();

  /** The element as written, e.g. {@code plot(test_accuracy, nn_mass, by = depth)}. */
  static String call(ReportRequest request) {
    List<String> columns = request.columns();
    String args;
    if (request.kind() == org.nnx.report.ReportKind.CORRELATE) {
      args = columns.get(0) + ", [" + String.join(", ", columns.subList(1, columns.size())) + "]";
    } else {
      args = String.join(", ", columns);
    }
    String options = request.options().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
        .map(e -> ", " + e.getKey() + " = " + e.getValue()).collect(Collectors.joining());
    return request.kind().keyword() + "(" + args + options + ")";
  }
}
