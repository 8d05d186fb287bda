package org.nnx.report;

import java.util.List;
import java.util.Map;
import org.nnx.param.ParameterText;
import org.nnx.param.Parameters;

/**
 * Minimal JSON for results, manifests and the index of saved weights: maps, lists, strings,
 * numbers, booleans, null. {@link #read} reads what {@link #write} writes and any other RFC 8259
 * text.
 */
public final class Json {

  private Json() {}

  /** JSON text that is not valid; the message says where. */
  public static final class JsonException extends Exception {
    private static final long serialVersionUID = 1L;

    JsonException(String message) {
      super(message);
    }
  }

  /**
   * Reads JSON text: objects become ordered {@code Map<String, Object>}, arrays {@code List<Object>},
   * integers without fraction or exponent {@code Long}, other numbers {@code Double}.
   *
   * @throws JsonException if the text is not one JSON value
   */
  public static Object read(String text) throws JsonException {
    Reader r = new Reader(text);
    r.space();
    Object v = r.value(0);
    r.space();
    if (r.at < text.length()) {
      throw r.error("unexpected text after the value");
    }
    return v;
  }

  /** A recursive-descent reader; nesting is limited so that hostile input cannot exhaust the stack. */
  private static final class Reader {
    private static final int MAX_DEPTH = 512;
    private final String s;
    private int at;

    Reader(String s) {
      this.s = s;
    }

    JsonException error(String what) {
      int line = 1;
      int column = 1;
      for (int i = 0; i < Math.min(at, s.length()); i++) {
        if (s.charAt(i) == '\n') {
          line++;
          column = 1;
        } else {
          column++;
        }
      }
      return new JsonException(what + " at line " + line + ", column " + column);
    }

    void space() {
      while (at < s.length() && " \t\r\n".indexOf(s.charAt(at)) >= 0) {
        at++;
      }
    }

    Object value(int depth) throws JsonException {
      if (depth > MAX_DEPTH) {
        throw error("nested more than " + MAX_DEPTH + " deep");
      }
      if (at >= s.length()) {
        throw error("unexpected end of the text");
      }
      char c = s.charAt(at);
      switch (c) {
        case '{': {
          at++;
          Map<String, Object> out = new java.util.LinkedHashMap<>();
          space();
          if (at < s.length() && s.charAt(at) == '}') {
            at++;
            return out;
          }
          while (true) {
            space();
            if (at >= s.length() || s.charAt(at) != '"') {
              throw error("expected a string key");
            }
            String key = string();
            space();
            expect(':');
            space();
            out.put(key, value(depth + 1));
            space();
            if (at < s.length() && s.charAt(at) == ',') {
              at++;
              continue;
            }
            expect('}');
            return out;
          }
        }
        case '[': {
          at++;
          List<Object> out = new java.util.ArrayList<>();
          space();
          if (at < s.length() && s.charAt(at) == ']') {
            at++;
            return out;
          }
          while (true) {
            space();
            out.add(value(depth + 1));
            space();
            if (at < s.length() && s.charAt(at) == ',') {
              at++;
              continue;
            }
            expect(']');
            return out;
          }
        }
        case '"':
          return string();
        default:
          if (s.startsWith("true", at)) {
            at += 4;
            return Boolean.TRUE;
          }
          if (s.startsWith("false", at)) {
            at += 5;
            return Boolean.FALSE;
          }
          if (s.startsWith("null", at)) {
            at += 4;
            return null;
          }
          return number();
      }
    }

    void expect(char c) throws JsonException {
      if (at >= s.length() || s.charAt(at) != c) {
        throw error("expected '" + c + "'");
      }
      at++;
    }

    String string() throws JsonException {
      at++;
      StringBuilder out = new StringBuilder();
      while (true) {
        if (at >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(at++);
        if (c == '"') {
          return out.toString();
        }
        if (c < 0x20) {
          throw error("control character in a string");
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        if (at >= s.length()) {
          throw error("unterminated string");
        }
        char e = s.charAt(at++);
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            if (at + 4 > s.length()) {
              throw error("incomplete \\u escape");
            }
            try {
              out.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
            } catch (NumberFormatException bad) {
              throw error("bad \\u escape");
            }
            at += 4;
          }
          default -> throw error("bad escape \\" + e);
        }
      }
    }

    Object number() throws JsonException {
      int start = at;
      if (at < s.length() && s.charAt(at) == '-') {
        at++;
      }
      boolean integral = true;
      while (at < s.length() && "0123456789.eE+-".indexOf(s.charAt(at)) >= 0) {
        char c = s.charAt(at);
        if (c == '.' || c == 'e' || c == 'E') {
          integral = false;
        }
        at++;
      }
      String text = s.substring(start, at);
      if (text.isEmpty() || text.equals("-")) {
        throw error("unexpected character '" + (start < s.length() ? s.charAt(start) : ' ') + "'");
      }
      try {
        return integral ? (Object) Long.parseLong(text) : (Object) Double.parseDouble(text);
      } catch (NumberFormatException bad) {
        throw error("bad number '" + text + "'");
      }
    }
  }

  /** The value as indented JSON text. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, 0);
    return out.append('\n').toString();
  }

  private static void write(Object value, StringBuilder out, int indent) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Parameters p) {
      write(p.asMap(), out, indent);
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      int i = 0;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        pad(out, indent + 1);
        string(String.valueOf(e.getKey()), out);
        out.append(": ");
        write(e.getValue(), out, indent + 1);
        out.append(++i < map.size() ? ",\n" : "\n");
      }
      pad(out, indent);
      out.append('}');
    } else if (value instanceof List<?> list) {
      boolean flat = list.stream().allMatch(v -> v instanceof Number || v instanceof String || v instanceof Boolean);
      if (flat) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.append(", ");
          }
          write(list.get(i), out, indent);
        }
        out.append(']');
        return;
      }
      out.append("[\n");
      for (int i = 0; i < list.size(); i++) {
        pad(out, indent + 1);
        write(list.get(i), out, indent + 1);
        out.append(i + 1 < list.size() ? ",\n" : "\n");
      }
      pad(out, indent);
      out.append(']');
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      out.append(Double.isFinite(d) ? ParameterText.number(d) : "null");
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else {
      string(value.toString(), out);
    }
  }

  private static void pad(StringBuilder out, int indent) {
    out.append("  ".repeat(indent));
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
