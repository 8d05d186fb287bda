package org.nnx.param;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nnx.param.ParamType;

/**
 * Checked parameter values, in the order their specs declare them, with defaults filled in. See
 * {@link ParamType} for the Java type of each kind of value.
 */
public final class Parameters {

  private final String recordName;
  private final Map<String, Object> values;

  /** Wraps already-checked values; the map's iteration order is kept. */
  public Parameters(Map<String, Object> values) {
    this(null, values);
  }

  /**
   * Wraps the checked values of a nested record such as {@code cell(...)}.
   *
   * @param recordName the record's name, e.g. {@code cell}, or {@code null}
   */
  public Parameters(String recordName, Map<String, Object> values) {
    this.recordName = recordName;
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The record's name when these are the values of a nested record, e.g. {@code cell}. */
  public java.util.Optional<String> recordName() {
    return java.util.Optional.ofNullable(recordName);
  }

  /** All values by name, in declaration order. */
  public Map<String, Object> asMap() {
    return values;
  }

  /** Whether a value (given or defaulted) exists for {@code name}. */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** The raw value of {@code name}. */
  public Object get(String name) {
    Object v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no parameter '" + name + "'");
    }
    return v;
  }

  /** An integer parameter. */
  public long getLong(String name) {
    return ((Number) get(name)).longValue();
  }

  /** An integer parameter that fits an {@code int}. */
  public int getInt(String name) {
    return Math.toIntExact(getLong(name));
  }

  /** A real parameter (integers are widened). */
  public double getDouble(String name) {
    return ((Number) get(name)).doubleValue();
  }

  /** A boolean parameter. */
  public boolean getBoolean(String name) {
    return (Boolean) get(name);
  }

  /** A choice or text parameter. */
  public String getString(String name) {
    return (String) get(name);
  }

  /** A list parameter. */
  @SuppressWarnings("unchecked")
  public List<Object> getList(String name) {
    return (List<Object>) get(name);
  }

  /** A nested record parameter. */
  public Parameters getRecord(String name) {
    return (Parameters) get(name);
  }

  /**
   * A {@link ParamType.OneOrList} of integers, expanded to {@code n} values: a single value is
   * repeated, a list must have exactly {@code n} elements.
   *
   * @throws IllegalArgumentException if the list does not have {@code n} elements
   */
  public int[] getIntsPerCell(String name, int n) {
    List<Object> list = getList(name);
    int[] out = new int[n];
    if (list.size() == 1) {
      java.util.Arrays.fill(out, Math.toIntExact(((Number) list.get(0)).longValue()));
      return out;
    }
    if (list.size() != n) {
      throw new IllegalArgumentException(
          "'" + name + "' has " + list.size() + " values but there are " + n + " cells");
    }
    for (int i = 0; i < n; i++) {
      out[i] = Math.toIntExact(((Number) list.get(i)).longValue());
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Parameters p && Objects.equals(recordName, p.recordName) && values.equals(p.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(recordName, values);
  }

  @Override
  public String toString() {
    return (recordName == null ? "" : recordName) + values;
  }
}
