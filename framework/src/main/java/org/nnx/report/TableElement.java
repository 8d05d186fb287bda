package org.nnx.report;

import java.util.List;

/**
 * A table: a {@code table(...)} element of an experiment's report, or a table a block adds to its
 * report under a heading.
 *
 * @param heading the heading, or empty for none
 * @param table its rows
 * @param onTerminal whether the terminal shows it after a run
 */
public record TableElement(String heading, ResultTable table, boolean onTerminal) implements ReportElement {

  /** A table without a heading, shown on the terminal. */
  public TableElement(ResultTable table) {
    this("", table, true);
  }

  @Override
  public String markdown() {
    return (heading.isEmpty() ? "" : "## " + heading + "\n\n") + TextTable.markdown(table);
  }

  @Override
  public String terminal() {
    return onTerminal ? TextTable.plain(table) : "";
  }

  @Override
  public List<Figure> figures() {
    return List.of();
  }
}
