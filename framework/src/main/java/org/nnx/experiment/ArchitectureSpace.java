package org.nnx.experiment;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nnx.codesign.DesignSpace;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.plugin.Parameters;
import org.nnx.syntax.CallNode;
import org.nnx.syntax.ValueNode;

/**
 * The configurations of an architecture declaration with sweeps: one dimension per sweep, named by
 * its path in the call ({@code cells[1].depth}), the same order and values as the declaration's
 * trials. A configuration is checked like a trial: types and ranges by the family's specs, then
 * the family's own {@code validate}.
 */
final class ArchitectureSpace implements DesignSpace {

  private final ArchitectureFamily family;
  private final CallNode declaration;
  private final List<CallNode.Argument> arguments;
  private final List<ValueNode> sweeps = new ArrayList<>();
  private final List<List<ValueNode>> choices = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private final List<List<String>> texts = new ArrayList<>();

  /**
   * @param arguments the declaration's arguments with {@code inputs}/{@code classes} from the data
   *     set added where omitted
   * @param space the declaration's sweeps and their values ({@link SweepExpander#space})
   */
  ArchitectureSpace(ArchitectureFamily family, CallNode declaration, List<CallNode.Argument> arguments,
      List<Map.Entry<ValueNode, List<ValueNode>>> space) {
    this.family = family;
    this.declaration = declaration;
    this.arguments = arguments;
    paths(declaration, "", names);
    if (names.size() != space.size()) {
      throw new IllegalStateException("sweep paths " + names + " do not match " + space.size() + " sweeps");
    }
    for (Map.Entry<ValueNode, List<ValueNode>> e : space) {
      sweeps.add(e.getKey());
      choices.add(e.getValue());
      texts.add(e.getValue().stream().map(ValueNode::text).toList());
    }
  }

  /** The paths of the sweeps of a declaration, in written order, e.g. {@code cells[0].width}. */
  static List<String> sweepPaths(CallNode declaration) {
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

  @Override
  public List<String> names() {
    return List.copyOf(names);
  }

  @Override
  public List<List<String>> values() {
    return List.copyOf(texts);
  }

  /** The family that builds the configurations. */
  ArchitectureFamily family() {
    return family;
  }

  @Override
  public Parameters instantiate(int[] choice) {
    IdentityHashMap<ValueNode, ValueNode> substitution = new IdentityHashMap<>();
    for (int d = 0; d < sweeps.size(); d++) {
      substitution.put(sweeps.get(d), choices.get(d).get(choice[d]));
    }
    DiagnosticCollector problems = new DiagnosticCollector();
    Parameters p = new ValueChecker(substitution, problems)
        .checkArguments(family.name(), declaration.location(), arguments, family.parameters());
    if (p == null) {
      return null;
    }
    boolean[] rejected = {false};
    family.validate(p, (parameter, message, hint) -> rejected[0] = true);
    return rejected[0] ? null : p;
  }
}
