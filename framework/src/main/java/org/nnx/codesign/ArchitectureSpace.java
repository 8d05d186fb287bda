package org.nnx.codesign;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nnx.codesign.DesignSpace;
import org.nnx.plugin.ArchitectureFamily;
import org.nnx.param.Parameters;
import org.nnx.syntax.CallNode;
import org.nnx.syntax.ValueNode;
import org.nnx.param.ValueChecker;
import org.nnx.syntax.DiagnosticCollector;
import org.nnx.experiment.SweepExpander;

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
    names.addAll(SweepExpander.paths(declaration));
    if (names.size() != space.size()) {
      throw new IllegalStateException("sweep paths " + names + " do not match " + space.size() + " sweeps");
    }
    for (Map.Entry<ValueNode, List<ValueNode>> e : space) {
      sweeps.add(e.getKey());
      choices.add(e.getValue());
      texts.add(e.getValue().stream().map(ValueNode::text).toList());
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
