package org.nnx.architectures;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nnx.ir.Activation;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;

/**
 * Parameter specs shared by several families, and a defensive re-check of checked values.
 *
 * <p>The framework checks every value against its {@link ParamType} before a family sees it; the
 * families call {@link #requireInRange} again at the start of {@code build} so that a network is
 * never built from out-of-range values, whoever calls them (tests, other tools).
 */
final class Specs {

  private Specs() {}

  /** The activation keywords users may write, e.g. {@code relu}, in {@link Activation} order. */
  static final List<String> ACTIVATIONS =
      Arrays.stream(Activation.values()).map(Activation::keyword).toList();

  /** {@code classes}: the number of output classes (logits), at least 2. */
  static ParameterSpec classes(Long defaultValue) {
    String text = "number of output classes (logits), at least 2";
    return defaultValue == null
        ? ParameterSpec.required("classes", ParamType.integerAtLeast(2), text)
        : ParameterSpec.optional("classes", ParamType.integerAtLeast(2), defaultValue, text);
  }

  /** {@code activation}: the element-wise nonlinearity of a DenseNet-type MLP, default {@code relu}. */
  static ParameterSpec activation() {
    return ParameterSpec.optional(
        "activation",
        new ParamType.Choice(ACTIVATIONS),
        "relu",
        "nonlinearity applied to the input of every hidden layer (not the classifier)");
  }

  /** The {@link Activation} named by a checked {@link #activation()} value. */
  static Activation activation(Parameters parameters) {
    return Activation.valueOf(parameters.getString("activation").toUpperCase(Locale.ROOT));
  }

  /**
   * Checks every value of {@code parameters} against its spec in {@code specs}: integer and real
   * ranges, allowed values, choices, list sizes, nested records.
   *
   * @param family the family name, for messages
   * @throws IllegalArgumentException naming the first value that is out of range or missing
   */
  static void requireInRange(String family, List<ParameterSpec> specs, Parameters parameters) {
    for (ParameterSpec spec : specs) {
      if (!parameters.has(spec.name())) {
        throw new IllegalArgumentException(family + ": missing parameter '" + spec.name() + "'");
      }
      check(family, spec.name(), spec.type(), parameters.get(spec.name()));
    }
  }

  private static void check(String family, String name, ParamType type, Object value) {
    boolean ok;
    if (type instanceof ParamType.Int t) {
      if (!(value instanceof Long || value instanceof Integer)) {
        throw wrongType(family, name, type, value);
      }
      long v = ((Number) value).longValue();
      ok = t.allowed().isEmpty() ? v >= t.min() && v <= t.max() : t.allowed().contains(v);
    } else if (type instanceof ParamType.Real t) {
      if (!(value instanceof Number)) {
        throw wrongType(family, name, type, value);
      }
      double v = ((Number) value).doubleValue();
      ok = (t.minExclusive() ? v > t.min() : v >= t.min()) && v <= t.max();
    } else if (type instanceof ParamType.Bool) {
      ok = value instanceof Boolean;
    } else if (type instanceof ParamType.Choice t) {
      ok = t.choices().contains(value);
    } else if (type instanceof ParamType.Text) {
      ok = value instanceof String;
    } else if (type instanceof ParamType.ListOf t) {
      if (!(value instanceof List<?> list)) {
        throw wrongType(family, name, type, value);
      }
      ok = list.size() >= t.minSize() && list.size() <= t.maxSize();
      if (ok) {
        for (Object element : list) {
          check(family, name, t.element(), element);
        }
      }
    } else if (type instanceof ParamType.OneOrList t) {
      if (!(value instanceof List<?> list)) {
        throw wrongType(family, name, type, value);
      }
      ok = !list.isEmpty();
      for (Object element : list) {
        check(family, name, t.element(), element);
      }
    } else if (type instanceof ParamType.RecordOf t) {
      if (!(value instanceof Parameters record)) {
        throw wrongType(family, name, type, value);
      }
      requireInRange(family + " " + name + "." + t.name(), t.parameters(), record);
      ok = true;
    } else if (type instanceof ParamType.Combination) {
      ok = value instanceof org.nnx.param.Combined;
    } else {
      ok = value instanceof Parameters; // ParamType.Variant
    }
    if (!ok) {
      throw wrongType(family, name, type, value);
    }
  }

  private static IllegalArgumentException wrongType(String family, String name, ParamType type, Object value) {
    return new IllegalArgumentException(
        family + ": '" + name + "' must be " + type.describe() + ", got " + value);
  }

  /** The most units (values per example, all layers together) one DenseNet-type cell may have. */
  static final long MAX_CELL_UNITS = 1L << 28;

  /**
   * Reports a DenseNet-type cell too large to build: its {@code width·depth} units (each layer may
   * gather every earlier unit, {@code (i − 1)·width} of them) or its {@code inputs·width} first
   * weights beyond {@link #MAX_CELL_UNITS}, computed without overflow.
   */
  /**
   * Reports a DenseNet-type cell whose long-range links are too many to build ({@link
   * org.nnx.ir.LongRangeLinks#tooLarge}).
   */
  static void checkLinks(long width, long depth, long tc, String at, org.nnx.param.Problems problems) {
    String tooLarge = org.nnx.ir.LongRangeLinks.tooLarge(depth, width, tc);
    if (tooLarge != null) {
      problems.error(at, tooLarge, "use a smaller depth or tc (tc = 0 takes no links)");
    }
  }

  static void checkCellSize(long inputs, long width, long depth, String at, org.nnx.param.Problems problems) {
    double units = (double) width * depth;
    double first = (double) inputs * width;
    if (units > MAX_CELL_UNITS || first > MAX_CELL_UNITS) {
      problems.error(at, "a cell of width " + width + " and depth " + depth + " (with " + inputs + " inputs) has "
          + String.format(java.util.Locale.ROOT, "%.3g", Math.max(units, first))
          + " units or weights in a layer, more than nnx builds (" + MAX_CELL_UNITS + ")",
          "use a smaller width or depth");
    }
  }
}
