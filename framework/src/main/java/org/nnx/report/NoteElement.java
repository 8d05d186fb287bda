package org.nnx.report;

import java.util.List;

/**
 * An element that could not be made, e.g. a plot of a column that is not numeric, with the reason.
 * The run goes on; the note takes the element's place in the report and on the terminal.
 *
 * @param element the element as written, e.g. {@code plot(test_accuracy, architecture)}
 * @param message why it could not be made
 */
public record NoteElement(String element, String message) implements ReportElement {

  @Override
  public String markdown() {
    return "> **Not drawn:** `" + element + "`: " + message + ".\n";
  }

  @Override
  public String terminal() {
    return "note: " + element + " not drawn: " + message + "\n";
  }

  @Override
  public List<Figure> figures() {
    return List.of();
  }
}
