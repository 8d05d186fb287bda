package org.nnx.architectures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;

/**
 * Builds {@link Parameters} for tests the way the framework hands them to a family: values in spec
 * order, defaults filled in, integers as {@code Long}, a single value of a {@link
 * ParamType.OneOrList} as a one-element list. Types and ranges are not checked here (the families
 * check them again in {@code build}).
 */
public final class TestParameters {

  private TestParameters() {}

  /** Parameters of {@code family} from alternating names and values. */
  public static Parameters of(ArchitectureFamily family, Object... namesAndValues) {
    return of(family.parameters(), namesAndValues);
  }

  /** A nested record, e.g. a {@code cell(...)}, from alternating names and values. */
  public static Parameters record(ParamType.RecordOf type, Object... namesAndValues) {
    return of(type.parameters(), namesAndValues);
  }

  private static Parameters of(List<ParameterSpec> specs, Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must alternate");
    }
    Map<String, Object> given = new LinkedHashMap<>();
    for (int k = 0; k < namesAndValues.length; k += 2) {
      given.put((String) namesAndValues[k], namesAndValues[k + 1]);
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (ParameterSpec spec : specs) {
      Object v = given.containsKey(spec.name()) ? given.remove(spec.name()) : spec.defaultValue().orElse(null);
      if (v != null) {
        if (spec.type() instanceof ParamType.OneOrList && !(v instanceof List<?>)) {
          v = List.of(v);
        }
        values.put(spec.name(), normalize(v));
      }
    }
    if (!given.isEmpty()) {
      throw new IllegalArgumentException("unknown parameters " + given.keySet());
    }
    return new Parameters(values);
  }

  private static Object normalize(Object v) {
    if (v instanceof Integer n) {
      return n.longValue();
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object o : list) {
        out.add(normalize(o));
      }
      return out;
    }
    return v;
  }
}
