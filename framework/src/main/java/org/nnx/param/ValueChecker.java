package org.nnx.param;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nnx.param.Dimension;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.syntax.CallNode;
import org.nnx.syntax.Location;
import org.nnx.syntax.Suggestions;
import org.nnx.syntax.ValueNode;
import org.nnx.syntax.DiagnosticCollector;

/**
 * Checks values as written against {@link ParamType}s and converts them to their Java
 * representation, reporting every mismatch at its location. Sweep nodes are replaced by the
 * element the current trial takes, through a substitution map.
 */
public final class ValueChecker {

  /** Stands for a named block whose own errors are already reported: naming it is not another error. */
  public static final Object UNRESOLVED = new Object();

  private final Map<ValueNode, ValueNode> substitution;
  private final DiagnosticCollector diagnostics;
  private final Map<String, Map<String, Object>> references;

  /**
   * @param substitution for each sweep node, the value this trial takes (identity keys)
   * @param diagnostics where errors go
   */
  public ValueChecker(IdentityHashMap<ValueNode, ValueNode> substitution, DiagnosticCollector diagnostics) {
    this(substitution, diagnostics, Map.of());
  }

  /**
   * @param substitution for each sweep node, the value this trial takes (identity keys)
   * @param diagnostics where errors go
   * @param references the resolved top-level blocks {@link ParamType.Reference}s may name: by block
   *     keyword (e.g. {@code hardware}), then by block name
   */
  public ValueChecker(IdentityHashMap<ValueNode, ValueNode> substitution, DiagnosticCollector diagnostics,
      Map<String, Map<String, Object>> references) {
    this.substitution = substitution;
    this.diagnostics = diagnostics;
    this.references = references;
  }

  /**
   * Checks the arguments of a call against parameter specs: named or positional (in spec order),
   * no unknown or duplicate names, every required parameter present. Defaults fill the rest.
   *
   * @param what how the callee is named in messages, e.g. {@code dense_mlp}
   * @return the parameters, or {@code null} if there were errors
   */
  public Parameters checkArguments(String what, Location callAt, List<CallNode.Argument> arguments, List<ParameterSpec> specs) {
    Map<String, ParameterSpec> byName = new LinkedHashMap<>();
    for (ParameterSpec spec : specs) {
      byName.put(spec.name(), spec);
    }
    Map<String, Object> values = new HashMap<>();
    Map<String, Location> given = new HashMap<>();
    boolean ok = true;
    boolean unknownName = false;
    int position = 0;
    for (CallNode.Argument arg : arguments) {
      ParameterSpec spec;
      if (arg.isNamed()) {
        spec = byName.get(arg.name());
        if (spec == null) {
          String hint = Suggestions.didYouMean(arg.name(), byName.keySet());
          diagnostics.error(arg.location(), "unknown parameter '" + arg.name() + "' for " + what,
              hint != null ? hint : takes(what, specs));
          ok = false;
          unknownName = true;
          continue;
        }
      } else {
        if (position >= specs.size()) {
          diagnostics.error(arg.location(), "too many arguments for " + what, takes(what, specs));
          ok = false;
          continue;
        }
        spec = specs.get(position);
      }
      position++;
      Location previous = given.putIfAbsent(spec.name(), arg.location());
      if (previous != null) {
        diagnostics.error(arg.location(), "duplicate parameter '" + spec.name() + "' for " + what,
            "it is first given at " + previous.line() + ":" + previous.column());
        ok = false;
        continue;
      }
      Object value = check(arg.value(), spec.type(), spec.name());
      if (value == null) {
        ok = false;
      } else {
        values.put(spec.name(), value);
      }
    }
    Map<String, Object> ordered = new LinkedHashMap<>();
    for (ParameterSpec spec : specs) {
      if (values.containsKey(spec.name())) {
        ordered.put(spec.name(), values.get(spec.name()));
      } else if (spec.isRequired()) {
        if (!given.containsKey(spec.name()) && !unknownName) {
          diagnostics.error(callAt, "missing parameter '" + spec.name() + "' for " + what,
              "add " + spec.name() + " = <" + spec.type().describe() + ">");
        }
        ok = false;
      } else if (spec.recordedWhenOmitted()) {
        ordered.put(spec.name(), spec.defaultValue().get());
      }
    }
    return ok ? new Parameters(ordered) : null;
  }

  private static String takes(String what, List<ParameterSpec> specs) {
    if (specs.isEmpty()) {
      return what + " takes no parameters";
    }
    return what + " takes " + String.join(", ", specs.stream().map(ParameterSpec::name).toList());
  }

  /** Checks one value; returns its Java representation, or {@code null} after reporting errors. */
  public Object check(ValueNode written, ParamType type, String name) {
    ValueNode node = resolve(written);
    if (type instanceof ParamType.Quantity q) {
      return checkQuantity(node, q, name);
    }
    if (node instanceof ValueNode.Number n && n.unit().isPresent()) {
      diagnostics.error(n.location(), "'" + name + "' takes no unit, got '" + n.unit().get() + "'",
          "write the plain number");
      return null;
    }
    if (type instanceof ParamType.Int t) {
      return checkInt(node, t, name);
    } else if (type instanceof ParamType.Real t) {
      return checkReal(node, t, name);
    } else if (type instanceof ParamType.Bool t) {
      return node instanceof ValueNode.Bool b ? (Object) b.value() : mismatch(node, name, t);
    } else if (type instanceof ParamType.Text t) {
      return node instanceof ValueNode.Text s ? s.value() : mismatch(node, name, t);
    } else if (type instanceof ParamType.Choice t) {
      return checkChoice(node, t, name);
    } else if (type instanceof ParamType.ListOf t) {
      return checkList(node, t, name);
    } else if (type instanceof ParamType.OneOrList t) {
      return node instanceof ValueNode.ListOf
          ? checkList(node, new ParamType.ListOf(t.element(), 1, Integer.MAX_VALUE), name)
          : wrap(check(node, t.element(), name));
    } else if (type instanceof ParamType.RecordOf t) {
      return checkRecord(node, t, name);
    } else if (type instanceof ParamType.Reference t) {
      return checkReference(node, t, name);
    }
    if (type instanceof ParamType.Combination t) {
      return checkCombination(node, t, name);
    }
    return checkVariant(node, (ParamType.Variant) type, name);
  }

  private Object checkCombination(ValueNode node, ParamType.Combination type, String name) {
    List<ValueNode> parts = node instanceof ValueNode.Sum sum ? sum.parts() : List.of(node);
    List<Parameters> out = new ArrayList<>();
    Map<String, Location> seen = new HashMap<>();
    boolean ok = true;
    for (ValueNode part : parts) {
      Object v = checkVariant(part, type.parts(), name);
      if (v == null) {
        ok = false;
        continue;
      }
      String kind = ((Parameters) v).recordName().orElseThrow();
      Location first = seen.putIfAbsent(kind, part.location());
      if (first != null) {
        diagnostics.error(part.location(), "'" + kind + "' appears twice in " + name, "the first is at "
            + first.line() + ":" + first.column() + "; write each part once");
        ok = false;
      }
      out.add((Parameters) v);
    }
    return ok ? new Combined(out) : null;
  }

  private ValueNode resolve(ValueNode node) {
    ValueNode current = node;
    while (substitution.containsKey(current)) {
      current = substitution.get(current);
    }
    return current;
  }

  private static Object wrap(Object single) {
    return single == null ? null : List.of(single);
  }

  private Object checkInt(ValueNode node, ParamType.Int type, String name) {
    if (!(node instanceof ValueNode.Number n) || !n.integral()) {
      return mismatch(node, name, type);
    }
    long v = n.longValue();
    boolean inRange = type.allowed().isEmpty() ? v >= type.min() && v <= type.max() : type.allowed().contains(v);
    if (!inRange) {
      diagnostics.error(n.location(), "'" + name + "' is " + v + ", out of range", name + " must be " + type.describe());
      return null;
    }
    return v;
  }

  private Object checkReal(ValueNode node, ParamType.Real type, String name) {
    if (!(node instanceof ValueNode.Number n)) {
      return mismatch(node, name, type);
    }
    double v = n.value();
    boolean low = type.minExclusive() ? v > type.min() : v >= type.min();
    if (!low || v > type.max() || Double.isNaN(v)) {
      diagnostics.error(n.location(), "'" + name + "' is " + n.text() + ", out of range",
          name + " must be " + type.describe());
      return null;
    }
    return v;
  }

  /** A number with a unit of the quantity's dimension, converted to the base unit and range-checked. */
  private Object checkQuantity(ValueNode node, ParamType.Quantity type, String name) {
    Dimension dimension = type.dimension();
    String units = String.join(", ", dimension.units());
    if (!(node instanceof ValueNode.Number n)) {
      return mismatch(node, name, type);
    }
    if (n.unit().isEmpty()) {
      diagnostics.error(n.location(), "'" + name + "' needs a unit: it is " + dimension.description(),
          "write " + n.text() + " followed by one of " + units);
      return null;
    }
    String unit = n.unit().get();
    Optional<Double> factor = dimension.factor(unit);
    if (factor.isEmpty()) {
      Optional<Dimension> other = Dimension.of(unit);
      if (other.isPresent()) {
        diagnostics.error(n.location(), "'" + name + "' is " + dimension.description() + ", got '" + unit
            + "', a unit of " + other.get().description().replaceFirst("^an? ", ""), "use " + units);
      } else {
        String hint = Suggestions.didYouMean(unit, dimension.units());
        diagnostics.error(n.location(), "unknown unit '" + unit + "' for '" + name + "'",
            hint != null ? hint : name + " is " + dimension.description() + ": " + units);
      }
      return null;
    }
    double v = n.value() * factor.get();
    boolean low = type.minExclusive() ? v > type.min() : v >= type.min();
    if (!low || v > type.max() || !Double.isFinite(v)) {
      diagnostics.error(n.location(), "'" + name + "' is " + n.text() + ", out of range",
          name + " must be " + type.describe());
      return null;
    }
    return v;
  }

  /** The name of a resolved top-level block of the file. */
  private Object checkReference(ValueNode node, ParamType.Reference type, String name) {
    if (!(node instanceof ValueNode.Word w)) {
      return mismatch(node, name, type);
    }
    Map<String, Object> blocks = references.getOrDefault(type.block(), Map.of());
    Object target = blocks.get(w.text());
    if (target == UNRESOLVED) {
      return null;
    }
    if (target == null) {
      String hint = Suggestions.didYouMean(w.text(), blocks.keySet());
      diagnostics.error(w.location(), "unknown " + type.block() + " '" + w.text() + "'",
          hint != null ? hint : blocks.isEmpty()
              ? "declare it in this file: " + type.block() + " " + w.text() + " { ... }"
              : type.block() + " blocks of this file: " + String.join(", ", blocks.keySet()));
      return null;
    }
    return target;
  }

  private Object checkChoice(ValueNode node, ParamType.Choice type, String name) {
    if (!(node instanceof ValueNode.Word w)) {
      return mismatch(node, name, type);
    }
    if (!type.choices().contains(w.text())) {
      String hint = Suggestions.didYouMean(w.text(), type.choices());
      diagnostics.error(w.location(), "unknown value '" + w.text() + "' for '" + name + "'",
          hint != null ? hint : name + " is " + type.describe());
      return null;
    }
    return w.text();
  }

  private Object checkList(ValueNode node, ParamType.ListOf type, String name) {
    if (!(node instanceof ValueNode.ListOf list)) {
      return mismatch(node, name, type);
    }
    if (list.elements().size() < type.minSize() || list.elements().size() > type.maxSize()) {
      String sizes = type.maxSize() == Integer.MAX_VALUE ? "at least " + type.minSize()
          : type.minSize() == type.maxSize() ? "exactly " + type.minSize()
          : "between " + type.minSize() + " and " + type.maxSize();
      diagnostics.error(list.location(), "'" + name + "' has " + list.elements().size() + " elements",
          "it needs " + sizes);
      return null;
    }
    List<Object> out = new ArrayList<>();
    boolean ok = true;
    for (ValueNode element : list.elements()) {
      Object v = check(element, type.element(), name);
      ok &= v != null;
      out.add(v);
    }
    return ok ? List.copyOf(out) : null;
  }

  private Object checkRecord(ValueNode node, ParamType.RecordOf type, String name) {
    if (!(node instanceof CallNode call) || !call.name().equals(type.name())) {
      return mismatch(node, name, type);
    }
    Parameters p = checkArguments(type.name(), call.location(), call.arguments(), type.parameters());
    return p == null ? null : new Parameters(type.name(), p.asMap());
  }

  private Object checkVariant(ValueNode node, ParamType.Variant type, String name) {
    String chosen;
    List<CallNode.Argument> arguments;
    if (node instanceof CallNode call) {
      chosen = call.name();
      arguments = call.arguments();
    } else if (node instanceof ValueNode.Word w) {
      chosen = w.text();
      arguments = List.of();
    } else {
      return mismatch(node, name, type);
    }
    List<String> names = type.options().stream().map(ParamType.RecordOf::name).toList();
    for (ParamType.RecordOf option : type.options()) {
      if (option.name().equals(chosen)) {
        Parameters p = checkArguments(chosen, node.location(), arguments, option.parameters());
        if (p == null) {
          return null;
        }
        Map<String, Object> withKind = new LinkedHashMap<>();
        withKind.put(ParamType.Variant.KIND, chosen);
        withKind.putAll(p.asMap());
        return new Parameters(chosen, withKind);
      }
    }
    String hint = Suggestions.didYouMean(chosen, names);
    diagnostics.error(node.location(), "unknown " + name + " '" + chosen + "'",
        hint != null ? hint : name + " is one of " + String.join(", ", names));
    return null;
  }

  private Object mismatch(ValueNode node, String name, ParamType expected) {
    diagnostics.error(node.location(), "'" + name + "' must be " + expected.describe() + ", got " + kind(node)
        + " " + node.text(), null);
    return null;
  }

  private static String kind(ValueNode node) {
    if (node instanceof ValueNode.Number n) {
      return n.integral() ? "integer" : "number";
    } else if (node instanceof ValueNode.Text) {
      return "string";
    } else if (node instanceof ValueNode.Bool) {
      return "boolean";
    } else if (node instanceof ValueNode.Word) {
      return "name";
    } else if (node instanceof ValueNode.ListOf) {
      return "list";
    } else if (node instanceof ValueNode.SetSweep) {
      return "set";
    } else if (node instanceof ValueNode.RangeSweep) {
      return "range";
    } else if (node instanceof ValueNode.Sum) {
      return "combination";
    }
    return "call";
  }
}
