package org.nnx.report;

import java.util.List;

/**
 * A passage of text in a report, e.g. the statement of a search problem: an optional heading and
 * a body in Markdown (paragraphs, {@code - } lists, {@code `code`}), with its own terminal form.
 *
 * @param heading the heading, or empty for none
 * @param body the Markdown text, ending with a new line
 * @param terminalText what the terminal shows, ending with a new line; empty for nothing
 */
public record TextElement(String heading, String body, String terminalText) implements ReportElement {

  /** A passage the terminal does not show. */
  public TextElement(String heading, String body) {
    this(heading, body, "");
  }

  @Override
  public String markdown() {
    return (heading.isEmpty() ? "" : "## " + heading + "\n\n") + body;
  }

  @Override
  public String terminal() {
    return terminalText;
  }

  @Override
  public List<Figure> figures() {
    return List.of();
  }
}
