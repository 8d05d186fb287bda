package org.nnx.report;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a standalone SVG document (a figure's {@code .svg} file) into an {@code <svg>} element for
 * inlining in an HTML page: the XML prolog and doctype go, every id and every reference to one gets
 * a prefix (so the clip paths of several charts on one page stay apart), and the root gets a {@code
 * viewBox} (so CSS can scale it to the page's width) and an accessible name.
 */
final class HtmlSvg {

  private static final Pattern ROOT = Pattern.compile("<svg(?=[\\s>])");
  private static final Pattern ID = Pattern.compile("(\\s)id=(['\"])");
  private static final Pattern URL = Pattern.compile("url\\((['\"]?)#");
  private static final Pattern HREF = Pattern.compile("(\\s(?:xlink:)?href=)(['\"])#");
  private static final Pattern WIDTH = Pattern.compile("\\swidth=['\"]([0-9.]+)(?:px)?['\"]");
  private static final Pattern HEIGHT = Pattern.compile("\\sheight=['\"]([0-9.]+)(?:px)?['\"]");

  private HtmlSvg() {}

  /**
   * The inline element of {@code document}.
   *
   * @param document an SVG document's text
   * @param idPrefix put before every id, e.g. {@code plot-acc-vs-tc-}
   * @param label the chart's accessible name
   * @return the element, or empty when {@code document} has no {@code <svg>} root
   */
  static Optional<String> inline(String document, String idPrefix, String label) {
    Matcher root = ROOT.matcher(document);
    if (!root.find()) {
      return Optional.empty();
    }
    String svg = document.substring(root.start()).strip();
    int rootEnd = svg.indexOf('>');
    if (rootEnd < 0 || !svg.endsWith("</svg>")) {
      return Optional.empty();
    }
    String prefix = Matcher.quoteReplacement(idPrefix);
    svg = ID.matcher(svg).replaceAll("$1id=$2" + prefix);
    svg = URL.matcher(svg).replaceAll("url($1#" + prefix);
    svg = HREF.matcher(svg).replaceAll("$1$2#" + prefix);
    rootEnd = svg.indexOf('>');
    String start = svg.substring(0, rootEnd);
    String rest = svg.substring(rootEnd);
    StringBuilder head = new StringBuilder(start);
    Matcher width = WIDTH.matcher(start);
    Matcher height = HEIGHT.matcher(start);
    if (!start.contains("viewBox") && width.find() && height.find()) {
      head.append(" viewBox='0 0 ").append(number(width.group(1))).append(' ').append(number(height.group(1)))
          .append('\'');
    }
    head.append(" role='img' aria-label='").append(HtmlText.escape(label)).append('\'');
    return Optional.of(head + rest);
  }

  /** {@code 900.0} as {@code 900}; other numbers as written. */
  private static String number(String text) {
    return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
  }
}
