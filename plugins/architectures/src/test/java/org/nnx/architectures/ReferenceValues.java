package org.nnx.architectures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference values computed with the NN-Mass authors' code, the repository's {@code
 * reference/nnmass-official/nnmass-official-values.json}, read with a minimal JSON reader (objects
 * become {@code Map}, arrays {@code List}, integer literals {@code Long}, other numbers {@code
 * Double}).
 *
 * <p>The file is found from the system property {@code nnx.repository.root} (set by surefire to the
 * repository root) as {@code ROOT/reference/...}; when the property is absent, from the module
 * directory as {@code ../../reference/...}. A missing file fails the test with the paths tried.
 */
public final class ReferenceValues {

  /** The file's path under the repository root. */
  public static final Path FILE = Path.of("reference", "nnmass-official", "nnmass-official-values.json");

  private ReferenceValues() {}

  /** The whole reference document. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> load() {
    List<Path> tried = new ArrayList<>();
    String root = System.getProperty("nnx.repository.root");
    if (root != null && !root.isBlank()) {
      tried.add(Path.of(root).resolve(FILE).normalize());
    }
    tried.add(Path.of(System.getProperty("user.dir"), "..", "..").resolve(FILE).normalize());
    for (Path p : tried) {
      if (Files.isRegularFile(p)) {
        try {
          return (Map<String, Object>) new Reader(Files.readString(p, StandardCharsets.UTF_8)).document();
        } catch (IOException e) {
          throw new IllegalStateException("cannot read the NN-Mass reference values " + p, e);
        }
      }
    }
    throw new IllegalStateException(
        "the NN-Mass reference values are missing: looked for " + tried
            + " (system property nnx.repository.root = " + root + ")");
  }

  /** The entries of one section, e.g. {@code "mlp"}. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> section(String name) {
    Object section = load().get(name);
    if (!(section instanceof List<?> list) || list.isEmpty()) {
      throw new IllegalStateException("the reference values have no entries under '" + name + "'");
    }
    return (List<Map<String, Object>>) section;
  }

  /** A numeric field as a {@code long}. */
  public static long longOf(Map<String, Object> entry, String key) {
    return ((Number) require(entry, key)).longValue();
  }

  /** A numeric field as a {@code double}. */
  public static double doubleOf(Map<String, Object> entry, String key) {
    return ((Number) require(entry, key)).doubleValue();
  }

  /** A field, failing clearly when it is absent. */
  public static Object require(Map<String, Object> entry, String key) {
    Object v = entry.get(key);
    if (v == null) {
      throw new IllegalStateException("reference entry " + entry + " has no '" + key + "'");
    }
    return v;
  }

  /** A recursive-descent reader for the subset of JSON the reference file uses (all of RFC 8259 but \\u surrogates). */
  private static final class Reader {
    private final String s;
    private int i;

    Reader(String s) {
      this.s = s;
    }

    Object document() {
      Object v = value();
      space();
      if (i != s.length()) {
        throw error("trailing characters");
      }
      return v;
    }

    private Object value() {
      space();
      if (i >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(i);
      if (c == '{') {
        return object();
      }
      if (c == '[') {
        return array();
      }
      if (c == '"') {
        return string();
      }
      if (s.startsWith("true", i)) {
        i += 4;
        return Boolean.TRUE;
      }
      if (s.startsWith("false", i)) {
        i += 5;
        return Boolean.FALSE;
      }
      if (s.startsWith("null", i)) {
        i += 4;
        return null;
      }
      return number();
    }

    private Map<String, Object> object() {
      Map<String, Object> map = new LinkedHashMap<>();
      i++;
      space();
      if (peek() == '}') {
        i++;
        return map;
      }
      while (true) {
        space();
        String key = string();
        space();
        expect(':');
        map.put(key, value());
        space();
        if (peek() == ',') {
          i++;
        } else {
          expect('}');
          return map;
        }
      }
    }

    private List<Object> array() {
      List<Object> list = new ArrayList<>();
      i++;
      space();
      if (peek() == ']') {
        i++;
        return list;
      }
      while (true) {
        list.add(value());
        space();
        if (peek() == ',') {
          i++;
        } else {
          expect(']');
          return list;
        }
      }
    }

    private String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (true) {
        char c = s.charAt(i++);
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char e = s.charAt(i++);
        switch (e) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> out.append(e);
        }
      }
    }

    private Number number() {
      int start = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      String text = s.substring(start, i);
      if (text.isEmpty()) {
        throw error("unexpected character");
      }
      if (text.matches("-?\\d+")) {
        return Long.parseLong(text);
      }
      return Double.parseDouble(text);
    }

    private char peek() {
      if (i >= s.length()) {
        throw error("unexpected end");
      }
      return s.charAt(i);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      i++;
    }

    private void space() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private IllegalStateException error(String what) {
      return new IllegalStateException("reference JSON: " + what + " at offset " + i);
    }
  }
}
