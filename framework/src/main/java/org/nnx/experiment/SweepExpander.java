package org.nnx.experiment;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nnx.syntax.Location;
import java.util.Optional;
import org.nnx.syntax.CallNode;
import org.nnx.syntax.ValueNode;
import org.nnx.syntax.DiagnosticCollector;

/**
 * Expands the sweeps of one architecture declaration into the cartesian product of their values.
 * Sweeps are ordered by where they are written; the last one varies fastest.
 */
public final class SweepExpander {

  /** More trials than this in one declaration is taken as a mistake. */
  public static final long MAX_TRIALS = 1_000_000;

  private final DiagnosticCollector diagnostics;

  /** @param diagnostics where errors go */
  public SweepExpander(DiagnosticCollector diagnostics) {
    this.diagnostics = diagnostics;
  }

  /**
   * Every combination, each as a substitution from sweep node to the value it takes, or an empty
   * list after reporting an error (empty or nested sweeps, too many trials).
   */
  public List<IdentityHashMap<ValueNode, ValueNode>> expand(CallNode declaration) {
    List<Map.Entry<ValueNode, List<ValueNode>>> space = sweepSpace(declaration);
    if (space == null) {
      return List.of();
    }
    List<ValueNode> sweeps = space.stream().map(Map.Entry::getKey).toList();
    List<List<ValueNode>> choices = space.stream().map(Map.Entry::getValue).toList();
    long total = 1;
    for (List<ValueNode> values : choices) {
      total *= values.size();
      if (total > MAX_TRIALS) {
        diagnostics.error(declaration.location(), "this declaration sweeps more than " + MAX_TRIALS + " trials",
            "narrow the sweeps");
        return List.of();
      }
    }
    List<IdentityHashMap<ValueNode, ValueNode>> out = new ArrayList<>();
    int[] odometer = new int[sweeps.size()];
    for (long n = 0; n < total; n++) {
      IdentityHashMap<ValueNode, ValueNode> substitution = new IdentityHashMap<>();
      for (int i = 0; i < sweeps.size(); i++) {
        substitution.put(sweeps.get(i), choices.get(i).get(odometer[i]));
      }
      out.add(substitution);
      for (int i = sweeps.size() - 1; i >= 0; i--) {
        if (++odometer[i] < choices.get(i).size()) {
          break;
        }
        odometer[i] = 0;
      }
    }
    return out;
  }

  /**
   * {@code count} distinct combinations drawn uniformly at random, without replacement, from the
   * cartesian product of the declaration's sweeps (which need not be enumerable: each draw is a
   * mixed-radix index into the product, the last-written sweep as the lowest digit), in the order
   * drawn; an empty list after reporting an error (bad sweeps, fewer combinations than {@code
   * count}).
   *
   * @param count how many, at least 1
   * @param countAt where {@code count} is written
   * @param seed the seed of the draws
   */
  public List<IdentityHashMap<ValueNode, ValueNode>> sample(CallNode declaration, long count, Location countAt, long seed) {
    List<Map.Entry<ValueNode, List<ValueNode>>> space = sweepSpace(declaration);
    if (space == null) {
      return List.of();
    }
    List<ValueNode> sweeps = space.stream().map(Map.Entry::getKey).toList();
    List<List<ValueNode>> choices = space.stream().map(Map.Entry::getValue).toList();
    long total = 1;
    for (List<ValueNode> values : choices) {
      total = total > Long.MAX_VALUE / values.size() ? Long.MAX_VALUE : total * values.size();
    }
    if (count < 1 || count > MAX_TRIALS || count > total) {
      diagnostics.error(countAt, "cannot sample " + count + " of " + total + (total == 1 ? " configuration"
          : " configurations"), "sample between 1 and " + Math.min(total, MAX_TRIALS));
      return List.of();
    }
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    java.util.Set<Long> drawn = new java.util.HashSet<>();
    List<IdentityHashMap<ValueNode, ValueNode>> out = new ArrayList<>();
    while (out.size() < count) {
      long index = random.nextLong(total);
      if (!drawn.add(index)) {
        continue;
      }
      IdentityHashMap<ValueNode, ValueNode> substitution = new IdentityHashMap<>();
      long rest = index;
      for (int i = sweeps.size() - 1; i >= 0; i--) {
        int size = choices.get(i).size();
        substitution.put(sweeps.get(i), choices.get(i).get((int) (rest % size)));
        rest /= size;
      }
      out.add(substitution);
    }
    return out;
  }

  /**
   * The sweeps of a declaration in written order and the values each takes, for searches over the
   * declaration's configurations; empty after reporting an error.
   */
  public List<Map.Entry<ValueNode, List<ValueNode>>> space(CallNode declaration) {
    List<Map.Entry<ValueNode, List<ValueNode>>> space = sweepSpace(declaration);
    return space == null ? List.of() : space;
  }

  /**
   * The sweeps of a declaration in written order and the values each takes; {@code null} after
   * reporting every error of its sweeps (nested or empty ones).
   */
  private List<Map.Entry<ValueNode, List<ValueNode>>> sweepSpace(CallNode declaration) {
    List<ValueNode> sweeps = new ArrayList<>();
    boolean ok = collect(declaration, sweeps, false);
    List<Map.Entry<ValueNode, List<ValueNode>>> out = new ArrayList<>();
    for (ValueNode sweep : sweeps) {
      List<ValueNode> values = values(sweep);
      if (values.isEmpty()) {
        ok = false;
      } else {
        out.add(Map.entry(sweep, values));
      }
    }
    return ok ? out : null;
  }

  /**
   * The paths of the sweeps of a declaration, in written order, e.g. {@code cells[0].width} or
   * {@code optimizer.lr}: argument names joined by dots, list positions in brackets, {@code #i} for
   * the i-th positional argument.
   */
  public static List<String> paths(CallNode declaration) {
    List<String> out = new ArrayList<>();
    paths(declaration, "", out);
    return out;
  }

  private static void paths(ValueNode node, String path, List<String> out) {
    if (node instanceof ValueNode.SetSweep || node instanceof ValueNode.RangeSweep) {
      out.add(path);
    } else if (node instanceof ValueNode.ListOf list) {
      for (int i = 0; i < list.elements().size(); i++) {
        paths(list.elements().get(i), path + "[" + i + "]", out);
      }
    } else if (node instanceof CallNode call) {
      for (int i = 0; i < call.arguments().size(); i++) {
        CallNode.Argument a = call.arguments().get(i);
        String key = a.isNamed() ? a.name() : "#" + i;
        paths(a.value(), path.isEmpty() ? key : path + "." + key, out);
      }
    }
  }

  private boolean collect(ValueNode node, List<ValueNode> sweeps, boolean insideSweep) {
    boolean ok = true;
    if (node instanceof ValueNode.SetSweep || node instanceof ValueNode.RangeSweep) {
      if (insideSweep) {
        diagnostics.error(node.location(), "a sweep inside a sweep", "write one set with every value instead");
        return false;
      }
      sweeps.add(node);
      if (node instanceof ValueNode.SetSweep set) {
        for (ValueNode element : set.elements()) {
          ok &= collect(element, sweeps, true);
        }
      }
    } else if (node instanceof ValueNode.ListOf list) {
      for (ValueNode element : list.elements()) {
        ok &= collect(element, sweeps, insideSweep);
      }
    } else if (node instanceof CallNode call) {
      for (CallNode.Argument argument : call.arguments()) {
        ok &= collect(argument.value(), sweeps, insideSweep);
      }
    }
    return ok;
  }

  private List<ValueNode> values(ValueNode sweep) {
    if (sweep instanceof ValueNode.SetSweep set) {
      return set.elements();
    }
    ValueNode.RangeSweep range = (ValueNode.RangeSweep) sweep;
    if (range.step() <= 0) {
      diagnostics.error(range.stepLocation(), "range step must be positive, got " + range.step(), null);
      return List.of();
    }
    if (range.from() > range.to()) {
      diagnostics.error(range.location(), "empty range " + range.text(),
          "the first value must not exceed the last; write " + range.to() + ".." + range.from());
      return List.of();
    }
    if ((range.to() - range.from()) / range.step() + 1 > MAX_TRIALS) {
      diagnostics.error(range.location(), "range " + range.text() + " has more than " + MAX_TRIALS + " values", null);
      return List.of();
    }
    List<ValueNode> values = new ArrayList<>();
    for (long v = range.from(); v <= range.to(); v += range.step()) {
      values.add(new ValueNode.Number(range.location(), Long.toString(v), true, v, Optional.empty()));
    }
    return values;
  }
}
