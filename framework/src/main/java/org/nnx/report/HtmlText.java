package org.nnx.report;

/** Escaping of text for HTML: element content and quoted attribute values alike. */
final class HtmlText {

  private HtmlText() {}

  /**
   * {@code text} with {@code & < > " '} as character references and NUL as U+FFFD, safe inside an
   * element and inside a single- or double-quoted attribute value.
   */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        case '\0' -> out.append('\uFFFD');
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The small Markdown subset of {@link TextElement} bodies as HTML: paragraphs separated by blank
   * lines, {@code - } list items, {@code `code`} and {@code **bold**}; everything else is escaped text.
   */
  static String markdown(String body) {
    StringBuilder out = new StringBuilder();
    boolean inList = false;
    StringBuilder paragraph = new StringBuilder();
    for (String line : (body + "\n").split("\n", -1)) {
      boolean item = line.startsWith("- ");
      if (item || line.isBlank()) {
        if (paragraph.length() > 0) {
          out.append("<p>").append(inline(paragraph.toString().trim())).append("</p>\n");
          paragraph.setLength(0);
        }
      }
      if (item) {
        if (!inList) {
          out.append("<ul>\n");
          inList = true;
        }
        out.append("<li>").append(inline(line.substring(2).trim())).append("</li>\n");
        continue;
      }
      if (inList && (line.isBlank() || !line.startsWith("  "))) {
        out.append("</ul>\n");
        inList = false;
      }
      if (!line.isBlank()) {
        paragraph.append(line).append(' ');
      }
    }
    if (inList) {
      out.append("</ul>\n");
    }
    return out.toString();
  }

  private static String inline(String text) {
    String e = escape(text);
    e = e.replaceAll("`([^`]*)`", "<code>$1</code>");
    return e.replaceAll("\\*\\*([^*]+)\\*\\*", "<strong>$1</strong>");
  }
}
