package org.nnx.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Encodes metric values (a {@code Long}, a {@code Double}, or a list of them) as text that
 * decodes to exactly the same Java value: {@code i:123}, {@code d:0.1}, {@code l:d0.5;i3}.
 * Doubles use {@link Double#toString}, which round-trips every finite and non-finite value.
 */
final class StoredValue {

  private StoredValue() {}

  static String encode(Object value) {
    if (value instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      for (Object v : list) {
        parts.add(scalar(v).replace(":", ""));
      }
      return "l:" + String.join(";", parts);
    }
    return scalar(value);
  }

  private static String scalar(Object v) {
    if (v instanceof Double || v instanceof Float) {
      return "d:" + ((Number) v).doubleValue();
    }
    if (v instanceof Number n) {
      return "i:" + n.longValue();
    }
    throw new IllegalArgumentException("cannot store " + v + " (" + (v == null ? "null" : v.getClass()) + ")");
  }

  static Object decode(String text) {
    if (text.startsWith("l:")) {
      List<Object> out = new ArrayList<>();
      String body = text.substring(2);
      if (!body.isEmpty()) {
        for (String part : body.split(";")) {
          out.add(decodeScalar(part.charAt(0), part.substring(1)));
        }
      }
      return List.copyOf(out);
    }
    return decodeScalar(text.charAt(0), text.substring(2));
  }

  private static Object decodeScalar(char tag, String body) {
    return switch (tag) {
      case 'd' -> Double.parseDouble(body);
      case 'i' -> Long.parseLong(body);
      default -> throw new IllegalArgumentException("unknown stored value tag " + tag);
    };
  }
}
