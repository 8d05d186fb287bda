package org.nnx.report;

import java.util.List;

/**
 * A {@code table(...)} element.
 *
 * @param table its rows
 */
public record TableElement(ResultTable table) implements ReportElement {

  @Override
  public String markdown() {
    return TextTable.markdown(table);
  }

  @Override
  public String terminal() {
    return TextTable.plain(table);
  }

  @Override
  public List<Figure> figures() {
    return List.of();
  }
}
