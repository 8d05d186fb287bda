package org.nnx.param;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nnx.param.ParamType;

/**
 * A physical dimension of a {@link ParamType.Quantity}, with the units users may write for it and
 * each unit's factor to the SI (or SI-derived) base unit the framework hands to plugins.
 *
 * <p>Units are case-sensitive ({@code mJ} is a millijoule, {@code MJ} is not a unit here). Decimal
 * prefixes are powers of 1000 ({@code kB} = 1000 B, {@code GB/s} = 10^9 B/s); binary prefixes are
 * written {@code KiB}, {@code MiB}, {@code GiB} (powers of 1024). {@code u} stands for micro.
 */
public enum Dimension {

  /** Time, in seconds. */
  TIME("a time", "s", units("s", 1, "ms", 1e-3, "us", 1e-6, "ns", 1e-9, "ps", 1e-12, "min", 60, "h", 3600, "d", 86400,
      "y", 365.25 * 86400)),

  /** Frequency, in hertz (1/s). */
  FREQUENCY("a frequency", "Hz", units("Hz", 1, "kHz", 1e3, "MHz", 1e6, "GHz", 1e9)),

  /** Energy, in joules. */
  ENERGY("an energy", "J", units("J", 1, "mJ", 1e-3, "uJ", 1e-6, "nJ", 1e-9, "pJ", 1e-12, "fJ", 1e-15)),

  /** Power, in watts. */
  POWER("a power", "W", units("W", 1, "mW", 1e-3, "uW", 1e-6, "nW", 1e-9)),

  /** Area, in square metres. */
  AREA("an area", "m2", units("m2", 1, "cm2", 1e-4, "mm2", 1e-6, "um2", 1e-12)),

  /** An amount of data, in bytes. */
  DATA("an amount of data", "B", units("B", 1, "kB", 1e3, "MB", 1e6, "GB", 1e9, "KiB", 1024,
      "MiB", 1024.0 * 1024, "GiB", 1024.0 * 1024 * 1024)),

  /** A data rate, in bytes per second. */
  BANDWIDTH("a bandwidth", "B/s", units("B/s", 1, "kB/s", 1e3, "MB/s", 1e6, "GB/s", 1e9, "TB/s", 1e12,
      "KiB/s", 1024, "MiB/s", 1024.0 * 1024, "GiB/s", 1024.0 * 1024 * 1024));

  private final String description;
  private final String base;
  private final Map<String, Double> units;

  Dimension(String description, String base, Map<String, Double> units) {
    this.description = description;
    this.base = base;
    this.units = units;
  }

  private static Map<String, Double> units(Object... namesAndFactors) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndFactors.length; i += 2) {
      m.put((String) namesAndFactors[i], ((Number) namesAndFactors[i + 1]).doubleValue());
    }
    return Collections.unmodifiableMap(m);
  }

  /** How messages name the dimension, e.g. {@code "a frequency"}. */
  public String description() {
    return description;
  }

  /** The base unit values are converted to, e.g. {@code "Hz"}. */
  public String base() {
    return base;
  }

  /** The units users may write, in the order they are listed in messages. */
  public List<String> units() {
    return List.copyOf(units.keySet());
  }

  /**
   * The factor that converts a value in {@code unit} to the base unit: a value {@code v unit} is
   * {@code v * factor(unit)} in {@link #base()}.
   *
   * @return the factor (positive), or empty when {@code unit} is not a unit of this dimension
   */
  public Optional<Double> factor(String unit) {
    return Optional.ofNullable(units.get(unit));
  }

  /** The dimension {@code unit} belongs to, if it is a unit of any. */
  public static Optional<Dimension> of(String unit) {
    for (Dimension d : values()) {
      if (d.units.containsKey(unit)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** Every unit of every dimension. */
  public static List<String> allUnits() {
    return java.util.Arrays.stream(values()).flatMap(d -> d.units().stream()).toList();
  }
}
