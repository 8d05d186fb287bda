package org.nnx.plugin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a metric computed, by column name: each a {@link Number} or a {@code List} of
 * numbers (per-cell values).
 */
public final class MetricResult {

  private final Map<String, Object> values = new LinkedHashMap<>();

  /** A result with one value. */
  public static MetricResult of(String column, Number value) {
    return new MetricResult().with(column, value);
  }

  /** Adds a scalar column. */
  public MetricResult with(String column, Number value) {
    values.put(column, value);
    return this;
  }

  /** Adds a per-cell column. */
  public MetricResult with(String column, List<? extends Number> value) {
    values.put(column, List.copyOf(value));
    return this;
  }

  /** The values by column name, in insertion order. */
  public Map<String, Object> values() {
    return Collections.unmodifiableMap(values);
  }
}
