package org.nnx.param;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnx.param.Parameters;

/** Renders checked parameter values for results tables: lists as {@code 10;20;40}. */
public final class ParameterText {

  private ParameterText() {}

  /** Every parameter's value as text, in order. */
  public static Map<String, String> render(Parameters parameters) {
    Map<String, String> out = new LinkedHashMap<>();
    parameters.asMap().forEach((name, value) -> out.put(name, value(value, ";")));
    return out;
  }

  /** One value as text; list elements joined by {@code separator}. */
  public static String value(Object value, String separator) {
    if (value instanceof List<?> list) {
      return String.join(separator, list.stream().map(v -> value(v, ", ")).toList());
    }
    if (value instanceof Combined combined) {
      return combined.toString();
    }
    if (value instanceof Parameters record) {
      boolean bare = record.recordName().isPresent() && record.asMap().size() == 1
          && record.recordName().get().equals(record.asMap().get(ParamType.Variant.KIND));
      if (bare) {
        return record.recordName().get(); // a variant option without options: its name, as written
      }
      StringBuilder out = new StringBuilder(record.recordName().orElse("") + "(");
      // a variant's value names its option as the record and under KIND: written once, as the name
      boolean variant = record.recordName().isPresent() && record.recordName().get().equals(record.asMap().get(
          ParamType.Variant.KIND));
      record.asMap().forEach((k, v) -> {
        if (variant && k.equals(ParamType.Variant.KIND)) {
          return;
        }
        if (out.charAt(out.length() - 1) != '(') {
          out.append(", ");
        }
        out.append(k).append(" = ").append(value(v, ", "));
      });
      return out.append(')').toString();
    }
    if (value instanceof Double d) {
      return number(d);
    }
    return String.valueOf(value);
  }

  /** A double in its shortest round-trip form, integral values without a fraction. */
  public static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }
}
