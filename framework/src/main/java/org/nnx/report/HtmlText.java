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
}
